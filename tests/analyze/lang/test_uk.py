"""Ukrainian: pymorphy3's lemmas and name tags with the Ukrainian cue lexicon (synthetic sentences written for these
tests)."""


def _attributed(art):
    return [c for c in art.claims if c.kind != "unattributed"]


def test_a_person_the_knowledge_base_does_not_know_is_found_and_put_in_the_nominative(analyse):
    art = analyse("За словами речника Сил оборони Андрія Коваленка, ворог втратив дві гармати.", "uk")
    (c,) = _attributed(art)
    assert c.speaker.name == "Андрій Коваленко" and c.kind == "according_to"
    assert c.text == "ворог втратив дві гармати"


def test_any_form_of_a_reporting_verb_counts_and_the_content_follows_shcho(analyse):
    art = analyse("Головнокомандувач Олександр Сирський повідомляв, що оборона Покровська триває.", "uk")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:syrskyi" and c.text == "оборона Покровська триває"


def test_a_noun_of_speech_is_not_a_cue(analyse):
    art = analyse("Заява Олександра Сирського викликала суперечки серед військових.", "uk")
    assert _attributed(art) == []


def test_an_oblique_form_of_a_known_name_links_it(analyse):
    art = analyse("Як наголосив Вадим Філашкін, евакуація з міста продовжується.", "uk")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:filashkin"
