"""Russian wire forms (synthetic sentences in TASS style)."""


def _attributed(art):
    return [c for c in art.claims if c.kind != "unattributed"]


def test_ob_etom_soobshchil_attributes_the_previous_sentence(analyse):
    art = analyse("Украинские подразделения отошли от Константиновки. Об этом ТАСС сообщил военный эксперт Андрей Марочко.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:marochko" and c.speaker.descriptor == "военный эксперт"
    assert c.text == "Украинские подразделения отошли от Константиновки" and [r.name for r in c.relays] == ["TASS"]


def test_skazal_on_and_po_ego_slovam(analyse):
    art = analyse("Советник главы ДНР Игорь Кимаковский заявил, что бои продолжаются. "
                  "«Противник отступает», - сказал он. По его словам, ВСУ якобы бросили раненых.", "ru")
    claims = _attributed(art)
    assert [c.kind for c in claims] == ["indirect", "direct", "according_to"]
    assert all(c.speaker.kb_id == "person:kimakovsky" for c in claims)
    assert claims[2].hedged


def test_podcherknul_ministr_refers_back_to_the_named_minister(analyse):
    art = analyse("Министр обороны России Андрей Белоусов провел совещание. "
                  "Константиновка является ключом к Донбассу, подчеркнул министр.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:belousov"


def test_russian_places_are_lemmatised(analyse):
    art = analyse("Бои идут в Константиновке и под Красноармейском, сообщил Пушилин.", "ru")
    ids = {p.geonames_id for p in art.places}
    assert {705104, 704422} <= ids and all(p.variant == "ru" for p in art.places)


def test_institutional_cues_without_a_subject(analyse):
    art = analyse("Российские военные заняли поселок у Северска, сообщили в Минобороны РФ. "
                  "Как отметили в ведомстве, зачистка продолжается. "
                  "«Противник отошел», — добавили в МО.", "ru")
    claims = _attributed(art)
    assert len(claims) == 3 and all(c.speaker.kb_id == "org:russian_mod" for c in claims)


def test_outlet_that_only_relays_is_not_a_speaker(analyse):
    art = analyse("Пушилин заявил, что бои идут в центре города, сообщает «Царьград».", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:pushilin" and [r.name for r in c.relays] == ["Tsargrad"]


def test_press_service_speaks_for_its_ministry(analyse):
    art = analyse("Войска освободили восемь населенных пунктов, сообщила пресс-служба Минобороны РФ.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "org:russian_mod"


def test_such_an_assessment_was_given_by(analyse):
    art = analyse("Половина территории республики уже освобождена. Такую оценку дал глава ДНР Денис Пушилин.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:pushilin" and c.text == "Половина территории республики уже освобождена"
    assert not [x for x in art.claims if x.kind == "unattributed"]


def test_so_ssylkoy_na_gives_the_cited_source_and_keeps_the_agency_as_relay(analyse):
    art = analyse("Корреспонденты РИА Новости со ссылкой на бойца с позывным «Сава» сообщили, что противник минирует дороги.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.name == "Сава" and c.speaker.kind == "person"
    assert [r.name for r in c.relays] == ["RIA Novosti"]
    assert c.text == "противник минирует дороги"


def test_doklozhil_ob_takes_the_ob_phrase_as_content(analyse):
    art = analyse("Начальник Генштаба Валерий Герасимов доложил об освобождении Северска.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:gerasimov" and c.text == "об освобождении Северска"


def test_letters_without_a_unicode_name_do_not_crash_the_russian_parse(analyse):
    art = analyse("\U00017000 Марочко заявил, что бои продолжаются.", "ru")
    assert _attributed(art)[0].speaker.kb_id == "person:marochko"


def test_privodit_tass_slova_gives_the_genitive_speaker_and_the_relay(analyse):
    art = analyse("Украинские подразделения покидают позиции, - приводит ТАСС слова Марочко.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:marochko" and [r.name for r in c.relays] == ["TASS"]
    assert c.text == "Украинские подразделения покидают позиции"


def test_istochnik_is_an_anonymous_speaker(analyse):
    art = analyse("Источник в силовых структурах сообщил ТАСС, что бригада отошла.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kind == "anonymous" and c.speaker.descriptor.startswith("Источник")


def test_a_headline_without_a_period_is_its_own_sentence(analyse):
    art = analyse("Марочко: ВСУ теряют позиции у Северска\nОб этом ТАСС сообщил военный эксперт Андрей Марочко.", "ru")
    claims = _attributed(art)
    assert claims and all(c.speaker.kb_id == "person:marochko" for c in claims)
    assert any("ВСУ теряют позиции" in c.text for c in claims)


def test_the_subjects_own_name_not_a_genitive_one(analyse):
    art = analyse("Глава офиса президента Украины Владимира Зеленского Андрей Ермак заявил, что переговоры продолжатся.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id != "person:zelensky" and "Ермак" in c.speaker.text


def test_vyrazil_mnenie_chto_reaches_its_clause(analyse):
    art = analyse("Андрей Марочко выразил мнение, что наступление продолжится зимой.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:marochko" and c.text == "наступление продолжится зимой"


def test_peredaet_ego_slova_gives_the_pronoun_speaker(analyse):
    art = analyse("Денис Пушилин провел совещание. «Противник отходит», — передает его слова РИА Новости.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:pushilin" and [r.name for r in c.relays] == ["RIA Novosti"]


def test_an_outlets_source_is_anonymous_and_the_outlet_relays(analyse):
    art = analyse("Источник RT в правоохранительных органах сообщил, что задержаны трое подозреваемых.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kind == "anonymous" and c.speaker.kb_id is None


def test_a_gerund_speaks_through_the_subject_of_its_verb(analyse):
    art = analyse("Военный эксперт Андрей Марочко прокомментировал обстановку, отметив, что противник отводит резервы.", "ru")
    claims = [c for c in _attributed(art) if c.text == "противник отводит резервы"]
    assert claims and claims[0].speaker.kb_id == "person:marochko"


def test_what_follows_a_colon_after_the_verb_is_the_content(analyse):
    art = analyse("Военный эксперт Андрей Марочко заявляет: противник готовит новое наступление на юге.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:marochko" and c.text == "противник готовит новое наступление на юге"


def test_nazval_x_y_is_a_characterisation_claim(analyse):
    art = analyse("Денис Пушилин назвал обстрел Горловки провокацией Киева.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:pushilin" and c.text == "обстрел Горловки провокацией Киева"


def test_a_digest_of_statements_gives_one_claim_per_item(analyse):
    text = ("Военный эксперт Андрей Марочко дал интервью агентству. ТАСС собрал его основные заявления:\n"
            "- Противник перебросил две бригады к Константиновке.\n"
            "- Потери ВСУ за неделю превысили тысячу человек.\n"
            "Другие новости дня.")
    art = analyse(text, "ru")
    claims = _attributed(art)
    assert [c.text for c in claims] == ["Противник перебросил две бригады к Константиновке",
                                        "Потери ВСУ за неделю превысили тысячу человек"]
    assert all(c.speaker.kb_id == "person:marochko" and [r.name for r in c.relays] == ["TASS"] for c in claims)
    assert not any(c.kind == "unattributed" and "бригады" in c.text for c in art.claims)


def test_zayavil_colon_takes_the_paragraph_below(analyse):
    art = analyse("Пушилин сообщил:\n\nГород полностью окружен. Гарнизон лишен снабжения.\n\nПогода ухудшилась.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:pushilin" and c.text == "Город полностью окружен. Гарнизон лишен снабжения"


def test_a_second_reporting_verb_is_a_second_claim_of_the_same_speaker(analyse):
    art = analyse("Пушилин сообщил, что город окружен, и подчеркнул, что гарнизон лишен снабжения.", "ru")
    claims = _attributed(art)
    assert [(c.cue.text, c.text) for c in claims] == [("сообщил", "город окружен"), ("подчеркнул", "гарнизон лишен снабжения")]
    assert all(c.speaker.kb_id == "person:pushilin" for c in claims)


def test_zayavlenie_x_o_tom_chto_gives_the_owner_as_speaker(analyse):
    art = analyse("Заявление Пескова о том, что переговоры зашли в тупик, прозвучало в понедельник.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:peskov" and c.text == "переговоры зашли в тупик" and c.cue.text == "Заявление"


def test_an_o_phrase_before_the_verb_is_what_was_said(analyse):
    (c,) = _attributed(analyse("О боях в Константиновке Путин заявил в ноябре.", "ru"))
    assert c.speaker.kb_id == "person:putin" and c.text == "О боях в Константиновке"


def test_a_wire_headline_name_colon_claim_is_the_persons_or_bodys_claim(analyse):
    art = analyse("Пушилин: ВСУ бросают технику при отступлении из Константиновки\n\n"
                  "Бои в городе продолжаются, сообщили местные жители.", "ru")
    (head, *_rest) = _attributed(art)
    assert head.speaker.kb_id == "person:pushilin" and head.text.startswith("ВСУ бросают технику")
    art = analyse("Минобороны: российские войска освободили Кучеров Яр\n\nПодробности позже.", "ru")
    (head,) = _attributed(art)
    assert head.speaker.kb_id == "org:russian_mod" and head.text.startswith("российские войска")


def test_a_place_or_a_heading_before_a_colon_is_no_speaker(analyse):
    for text in ("Константиновка: бои идут в центре города\n\nПодробности позже.",
                 "Главное: бои идут в центре города\n\nПодробности позже."):
        assert _attributed(analyse(text, "ru")) == []


def test_an_office_in_its_long_form_names_the_one_person_who_holds_it(analyse):
    art = analyse("Российские войска продвигаются к Константиновке. Глава Донецкой Народной Республики подчеркнул, "
                  "что это позволяет наступать с востока.", "ru")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:pushilin"
    # an adviser to the head is not the head
    art = analyse("Помощник президента России заявил, что переговоры продолжатся.", "ru")
    assert all(c.speaker.kb_id != "person:putin" for c in _attributed(art))
