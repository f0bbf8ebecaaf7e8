"""The cue-lexicon extractor: speakers in languages without a parser (synthetic wire-style sentences written for
these tests), and names and places in any script."""

import pytest

from wiretrace.analyze.lang import LANGUAGES, get_language


def _attributed(art):
    return [c for c in art.claims if c.kind != "unattributed"]


def test_every_listed_language_loads_with_its_lexicons():
    for code in LANGUAGES:
        lang = get_language(code)
        assert lang.code == code
        assert lang.hedges, code  # every plug-in says how its language hedges


def test_unlisted_language_gets_names_and_places_but_no_claims(analyse):
    art = analyse("vara Marochko bara Kramatorsk, dixit Marochko.", "xx")
    assert _attributed(art) == []
    assert "person:marochko" in {e.kb_id for e in art.entities}


@pytest.mark.parametrize("lang,text,speaker,kind", [
    ("de", "Laut dem Militärexperten Andrej Marochko halten die ukrainischen Einheiten Konstantinowka nicht mehr lange.",
     "person:marochko", "according_to"),
    ("de", "Die Verteidigung von Konstantinowka bricht zusammen.\nDies erklärte der Berater Igor Kimakowski.",
     "person:kimakovsky", "indirect"),
    ("it", "Secondo Denis Pushilin, le truppe russe controllano gran parte di Pokrovsk.", "person:pushilin", "according_to"),
    ("it", "Il nemico si ritira verso il centro.\nLo ha dichiarato l'esperto militare Andrei Marochko.", "person:marochko", "indirect"),
    ("es", "Las tropas ucranianas abandonan sus posiciones, dijo Pushilin en declaraciones a la televisión.",
     "person:pushilin", "indirect"),
    ("pt", "Segundo Andrei Marochko, o cerco de Konstantinovka está quase completo.", "person:marochko", "according_to"),
    ("pl", "Według Andrieja Maroczki ukraińskie siły wycofują się z Konstantynówki.", "person:marochko", "according_to"),
    ("uk", "Про це повідомив голова обласної адміністрації Вадим Філашкін.", None, None),
    ("ja", "マロチコ氏によると、ロシア軍はコンスタンチノフカの東部に進入した。", "person:marochko", "according_to"),
    # a given name and surname parted by the middle dot; "as X stressed"
    ("ja", "軍事専門家のアンドレイ・マロチコ氏が強調したように、この町の守りは堅い。", "person:marochko", "indirect"),
    ("ko", "군사 전문가 마로츠코는 러시아군이 시내로 진입했다고 말했다.", "person:marochko", "indirect"),
    ("ko", "마로츠코는 우크라이나군이 곧 철수할 것이라고 전망했다.", "person:marochko", "indirect"),  # forecast
    ("ja", "マロチコ氏は、ウクライナ軍が撤退を始めたと報告した。", "person:marochko", "indirect"),  # reported
    ("ar", "وشدد ماروتشكو على أن القوات الأوكرانية تنسحب من المدينة.", "person:marochko", "indirect"),  # stressed
    ("ar", "وقال الخبير العسكري ماروتشكو إن القوات الروسية دخلت المدينة.", "person:marochko", "indirect"),
    ("hi", "सैन्य विशेषज्ञ आंद्रेई मारोचको ने कहा कि रूसी सेना आगे बढ़ रही है।", "person:marochko", "indirect"),
    ("bn", "সামরিক বিশেষজ্ঞ আন্দ্রেই মারোচকো বলেছেন যে রুশ বাহিনী এগিয়ে যাচ্ছে।", "person:marochko", "indirect"),
])
def test_known_speaker_beside_a_reporting_form(analyse, lang, text, speaker, kind):
    art = analyse(text, lang)
    claims = _attributed(art)
    if speaker is None:  # the sentence is only the attribution: no content before it, no claim
        assert claims == []
        return
    assert [c.speaker.kb_id for c in claims] == [speaker]
    assert claims[0].kind == kind


def test_ukrainian_back_reference_gives_the_sentence_before(analyse):
    art = analyse("У місті залишається близько двох тисяч мешканців.\n"
                  "Про це повідомив голова обласної військової адміністрації Вадим Філашкін.", "uk")
    (claim,) = _attributed(art)
    assert claim.speaker.kb_id == "person:filashkin"
    assert claim.text.startswith("У місті залишається")
    assert not [c for c in art.claims if c.kind == "unattributed" and "Про це" in c.text]  # the attribution line is not own voice


def test_signature_lines_and_headlines(analyse):
    art = analyse("Die Stadt wird bald eingeschlossen sein – Marochko\n"
                  "Die Verteidiger haben keinen Nachschub mehr.\n"
                  "- schreibt „Muchnoj“.\n"
                  "Der Gegner hält die Stadt bis zuletzt.\n"
                  "- Wladimir Lytkin", "de")
    claims = _attributed(art)
    assert [(c.speaker.kb_id or c.speaker.name) for c in claims] == ["person:marochko", "Muchnoj", "Wladimir Lytkin"]
    assert claims[0].text == "Die Stadt wird bald eingeschlossen sein"
    assert claims[1].speaker.descriptor == "callsign" and claims[1].text.startswith("Die Verteidiger")


def test_a_sentence_opening_with_a_reporting_verb_continues_the_last_speaker(analyse):
    art = analyse("Las tropas rusas avanzan en el sur, dijo Pushilin. Añadió que el enemigo abandona a sus heridos.", "es")
    claims = _attributed(art)
    assert [c.speaker.kb_id for c in claims] == ["person:pushilin", "person:pushilin"]
    assert claims[1].speaker.resolved_from == "pronoun"


def test_outlets_relay_and_hedges_mark_claims(analyse):
    art = analyse("Laut Marochko sollen die Einheiten angeblich umzingelt sein, berichtet TASS.", "de")
    (claim,) = _attributed(art)
    assert claim.speaker.kb_id == "person:marochko"
    assert [r.name for r in claim.relays] == ["TASS"]
    assert "angeblich" in claim.hedges


def test_a_person_mentioned_without_a_reporting_form_is_not_a_speaker(analyse):
    art = analyse("Die Vereinbarung zwischen Selenskyj und Putin führte zu einer Pufferzone.", "de")
    assert _attributed(art) == []


# Synthetic sentences: town names in the case forms each language gives them (the gazetteer holds nominatives).
@pytest.mark.parametrize("lang,text,towns", [
    ("tr", "Rus birlikleri Kupyansk'tan çekildi ve ordu Kostiantinivka'yı kuşattı.", ["Kupiansk", "Kostiantynivka"]),
    ("hu", "Az orosz csapatok elfoglalták Kupjanszkot, és harcok folynak Pokrovszkban.", ["Kupiansk", "Pokrovsk"]),
    ("hu", "A hadsereg Konsztantyinyivkánál támadott.", ["Kostiantynivka"]),  # a lengthened final vowel, by skeleton
    ("fi", "Joukot etenivät Kostjantynivkaan, ja taisteluja käydään Pokrovskissa.", ["Kostiantynivka", "Pokrovsk"]),
    ("cs", "Boje pokračují v Pokrovsku a u Kosťantynivky.", ["Pokrovsk", "Kostiantynivka"]),
    ("pl", "Walki toczą się w Pokrowsku i koło Konstantynówki.", ["Pokrovsk", "Kostiantynivka"]),
    ("sr", "Borbe se vode u Pokrovsku i kod Kupjanska.", ["Pokrovsk", "Kupiansk"]),
])
def test_inflected_town_names_are_found_in_the_languages_that_inflect_them(analyse, lang, text, towns):
    art = analyse(text, lang)
    assert [p.canonical for p in art.places] == towns


@pytest.mark.parametrize("lang,text", [
    ("pl", "Ukraińscy żołnierze wycofali się na nowe pozycje."),  # the adjective's stem spells like Ukrainsk
    ("pl", "Południe kraju jest spokojne od tygodnia."),  # "Południ-ka" is a guess with a new ending, too short
    ("hu", "Tegnap a katonák pihentek."),
])
def test_ordinary_words_with_case_endings_are_not_towns(analyse, lang, text):
    assert analyse(text, lang).places == []


# Synthetic sentences with no claim of an event: the settlement is among the article's places all the same
@pytest.mark.parametrize("lang,text,towns", [
    ("ja", "クラマトルスクから20キロメートルの地点で戦闘が続いている。", ["Kramatorsk"]),  # not the kilometre
    ("ja", "クラマトルスク・スラビャンスク方面で戦闘が続いている。", ["Kramatorsk"]),  # a run cut at the middle dot
    ("el", "Οι μάχες συνεχίζονται κοντά στο Κουπιάνσκ και στην Κωνσταντινίβκα.", ["Kupiansk", "Kostiantynivka"]),
    ("ko", "콘스탄티노프카 주변에서 교전이 계속되고 있다.", ["Kostiantynivka"]),
    ("ka", "ბრძოლები გრძელდება კუპიანსკში და პოკროვსკის მახლობლად.", ["Kupiansk", "Pokrovsk"]),  # case endings
    ("hy", "Մարտերը շարունակվում են Պոկրովսկի մոտ։", ["Pokrovsk"]),
    ("hi", "कुपियांस्क के पास लड़ाई जारी है।", ["Kupiansk"]),  # vowel signs are part of the word
    ("bn", "কোস্তিয়ান্তিনিভকার কাছে লড়াই চলছে।", ["Kostiantynivka"]),  # ভ (bh) for a foreign v
])
def test_settlements_in_scripts_the_gazetteer_does_not_hold_are_places(analyse, lang, text, towns):
    art = analyse(text, lang)
    assert [p.canonical for p in art.places] == towns
    assert all(art.text[p.start:p.end] == p.text for p in art.places)


def test_inflection_guesses_cut_the_ending_and_restore_the_nominative():
    from wiretrace.analyze.lang.base import Inflection

    assert get_language("tr").inflection.guesses("Pokrovsk'ta")[0] == "Pokrovsk"
    hungarian = get_language("hu").inflection.guesses("Kramatorszkánál")
    assert "Kramatorszka" in hungarian  # the lengthened -á- read as -a
    czech = get_language("cs").inflection.guesses("Kosťantynivky")
    assert "Kosťantynivka" in czech
    assert Inflection(endings=("u",)).guesses("Bahmutu") == ["Bahmut"]
    assert Inflection(endings=("u",)).guesses("Kyiv") == []  # no ending it knows: no guess
    assert get_language("en").inflection is None


def test_ukrainian_article_uses_ukrainian_toponym_variant(analyse):
    art = analyse("Бої тривають біля Костянтинівки та Покровська, повідомив речник Віктор Трегубов.", "uk")
    assert [(p.canonical, p.variant) for p in art.places] == [("Kostiantynivka", "uk"), ("Pokrovsk", "uk")]
    assert [e.kb_id for e in art.entities if e.type == "PERSON"] == ["person:trehubov"]
    (claim,) = _attributed(art)
    assert claim.speaker.kb_id == "person:trehubov"


@pytest.mark.parametrize("lang,text,descriptor,content", [
    ("fr", "Une source proche du commandement a déclaré que les troupes quittaient Kostiantynivka.",
     "Une source proche du commandement", "les troupes quittaient Kostiantynivka"),
    ("de", "Eine informierte Quelle sagte der Agentur, die Brigade habe sich zurückgezogen.",
     "Eine informierte Quelle", None),
    ("uk", "Джерело в Генштабі повідомило, що бригада відійшла від міста.", "Джерело в Генштабі",
     "бригада відійшла від міста"),
    ("es", "Según una fuente militar, la brigada abandonó la ciudad.", "una fuente militar", "la brigada abandonó la ciudad"),
])
def test_an_unnamed_source_is_an_anonymous_speaker_with_its_descriptor(analyse, lang, text, descriptor, content):
    (c,) = _attributed(analyse(text, lang))
    assert c.speaker.kind == "anonymous" and c.speaker.kb_id is None
    assert c.speaker.descriptor == descriptor and c.speaker.text == descriptor
    if content is not None:
        assert c.text == content


def test_a_named_speaker_wins_over_an_unnamed_source_in_one_sentence(analyse):
    (c,) = _attributed(analyse("Selon Andreï Marochko, les troupes quittent la ville, a précisé une source.", "fr"))
    assert c.speaker.kb_id == "person:marochko"


def test_georgian_names_are_found_although_unicode_gives_them_capitals(analyse):
    art = analyse("ოლექსანდრ სირსკის განცხადებით, სიტუაცია ქალაქში რთულია.", "ka")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:syrskyi" and c.kind == "according_to"
