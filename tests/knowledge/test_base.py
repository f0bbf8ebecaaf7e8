"""The knowledge base links every spelling to one identity, and leaves unknown names unlinked."""

import json

import pytest

from wiretrace.knowledge import KnowledgeBase


@pytest.mark.parametrize("name", ["Vitaly Kiselyov", "Vitaly Kiselev", "Vitaliy Kiselyev", "Виталий Киселёв", "Виталий Киселев"])
def test_person_transliterations_link_to_one_identity(kb, name):
    assert kb.person(name).id == "person:kiselyov_v"


def test_person_fuzzy_surname_and_english_given_name(kb):
    assert kb.person("Kimakovski").id == "person:kimakovsky"
    assert kb.person("Andrew Marochko").id == "person:marochko"
    assert kb.person("Defence Minister Andrei Belousov").id == "person:belousov"


def test_person_unknown_or_ambiguous_stays_unlinked(kb):
    assert kb.person("John Smithers") is None
    assert kb.person("Sergei Kiselyov") is None           # a Kiselyov the KB does not know
    assert kb.person("Kiselyov") is None                   # two Kiselyovs: ambiguous alone
    assert kb.person("Kiselyov", context={"person:kiselyov_d"}).id == "person:kiselyov_d"


@pytest.mark.parametrize("spelling,variant", [("Konstantinovka", "ru"), ("Kostiantynivka", "uk"), ("Kostyantynivka", "uk"),
                                              ("Константиновка", "ru"), ("Костянтинівка", "uk")])
def test_every_form_of_kostiantynivka_resolves_to_geonames_705104(kb, spelling, variant):
    cands = kb.place_candidates(spelling)
    best = max(cands, key=lambda pv: pv[0].population)
    assert best[0].geonames_id == 705104 and best[1] == variant
    assert abs(best[0].lat - 48.53) < 0.01 and abs(best[0].lon - 37.71) < 0.01 and best[0].admin1 == "Donetsk"


@pytest.mark.parametrize("ru,uk", [("Kiev", "Kyiv"), ("Artemovsk", "Bakhmut"), ("Krasnoarmeysk", "Pokrovsk"),
                                   ("Dzerzhinsk", "Toretsk"), ("Kharkov", "Kharkiv"), ("Lugansk", "Luhansk"),
                                   ("Zaporozhye", "Zaporizhzhia"), ("Donbass", "Donbas"), ("Odessa", "Odesa"),
                                   ("Chasov Yar", "Chasiv Yar"), ("Volchansk", "Vovchansk")])
def test_russian_form_toponyms_resolve_to_the_same_place(kb, ru, uk):
    from wiretrace.analyze.places import best_place

    ru_place, uk_place = best_place(kb.place_candidates(ru)), best_place(kb.place_candidates(uk))
    assert ru_place[0].id == uk_place[0].id
    assert ru_place[1] == "ru"


def test_generated_ovka_variant_exists_for_villages_without_russian_names(kb):
    from wiretrace.knowledge.variants import russian_forms_of_ukrainian_latin

    assert "Konstantinovka" not in russian_forms_of_ukrainian_latin("Kostiantynivka")  # stems differ: needs Cyrillic
    assert "Gorlovka" in russian_forms_of_ukrainian_latin("Horlivka")
    assert "Novoselovka" in russian_forms_of_ukrainian_latin("Novoselivka")


def test_outlets_by_alias_and_domain(kb):
    assert kb.outlet("ТАСС").id == kb.outlet("Tass").id == "outlet:tass"
    assert kb.outlet_for_domain("www.ria.ru").name == "RIA Novosti"
    assert kb.outlet("РИА Новости").type == "state_media"


def test_user_kb_file_extends_the_bundled_one(tmp_path):
    f = tmp_path / "mine.jsonl"
    f.write_text(json.dumps({"kind": "person", "id": "person:test_blogger", "name": "Oleg Testovsky",
                             "ru": "Олег Тестовский", "side": "russia"}) + "\n")
    kb = KnowledgeBase.load((str(f),))
    assert kb.person("Oleg Testovskiy").id == "person:test_blogger"
    assert kb.person("Marochko").id == "person:marochko"


def test_user_kb_file_errors_name_file_and_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"kind": "person", "id": "x", "name": "A"}\n{broken\n')
    with pytest.raises(ValueError, match=r"E021 .*bad.jsonl: line 2"):
        KnowledgeBase.read_user_file(str(f))
