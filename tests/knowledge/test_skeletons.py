"""Names in any script: consonant skeletons and the knowledge-base lookup built on them.

The non-Latin spellings below are transliterations of public names (facts), written for these tests."""

from __future__ import annotations

import pytest

from wiretrace.knowledge.variants import skeleton

MAROCHKO = ["Marochko", "Марочко", "マロチコ", "마로츠코", "ماروتشكو", "ماروچکو", "Maroczko", "Μαρότσκο", "Marotschko"]
KONSTANTINOVKA = ["Konstantinovka", "Константиновка", "コンスタンチノフカ", "كونستانتينوفكا", "კონსტანტინოვკა",
                  "Konstantinowka", "Κωνσταντίνοβκα"]


@pytest.mark.parametrize("names", [MAROCHKO, KONSTANTINOVKA])
def test_one_name_has_one_skeleton_in_every_script(names):
    assert len({skeleton(n) for n in names}) == 1, {n: skeleton(n) for n in names}


def test_different_names_keep_different_skeletons():
    assert len({skeleton(n) for n in ["Marochko", "Kimakovsky", "Pushilin", "Belousov", "Konstantinovka", "Predtechino"]}) == 6


def test_short_words_have_no_skeleton():
    assert skeleton("Kiev") == "" and skeleton("the") == ""


def test_knowledge_base_finds_people_and_places_by_skeleton(kb):
    by_key = kb.ids_by_skeleton()
    assert by_key[skeleton("マロチコ")] == "person:marochko"
    assert by_key[skeleton("キマコフスキー")] == "person:kimakovsky"
    place = kb.places[by_key[skeleton("コンスタンチノフカ")]]
    assert place.admin1 == "Donetsk"  # the most populous of the settlements sharing the skeleton


def test_a_word_sharing_a_skeleton_must_also_be_spelled_like_the_name(kb):
    # transliterations of names are found ...
    assert kb.find_by_skeleton("ماروچکو") == "person:marochko"  # Urdu
    assert kb.find_by_skeleton("마로츠코") == "person:marochko"  # Korean
    assert kb.places[kb.find_by_skeleton("Konstantynówki")].admin1 == "Donetsk"  # Polish, inflected
    # ... ordinary words that happen to reduce to a settlement's skeleton are not
    for word in ("Bildung", "Siedlung", "Logistik", "형성", "동쪽"):
        assert kb.ids_by_skeleton().get(skeleton(word)), word  # the skeleton alone would have matched
        assert kb.find_by_skeleton(word) is None, word


def test_a_given_name_before_its_surname_is_not_a_place(kb):
    text = "ოლექსანდრ სირსკის განცხადებით, სიტუაცია რთულია."  # Georgian: "according to Oleksandr Syrskyi, ..."
    found = kb.skeleton_mentions(text)
    assert [kb_id for _, _, kb_id in found] == ["person:syrskyi"]
    assert kb.find_by_skeleton("ოლექსანდრ") is not None  # alone, the given name spells a village


def test_georgian_is_read_as_a_caseless_script():
    from wiretrace.knowledge.variants import name_words, script_is_cased

    assert not script_is_cased("სირსკი") and script_is_cased("Syrskyi") and script_is_cased("Сырский")
    assert "სირსკ" in [w for _, w in name_words("ოლექსანდრ სირსკის განცხადებით")]  # the genitive ending cut


def test_georgian_case_endings_are_cut_before_the_lookup(kb):
    from wiretrace.knowledge.variants import name_words

    words = [w for _, w in name_words("ბრძოლები პოკროვსკთან და კუპიანსკში")]  # "battles near Pokrovsk and in Kupiansk"
    found = {kb.find_by_skeleton(w) for w in words} - {None}
    assert {kb.places[i].name for i in found} >= {"Pokrovsk", "Kupiansk"}
