"""Spelling-variant labels over the whole gazetteer: an English exonym is `en`, a Ukrainian-derived romanisation
`uk`, a Russian-derived one `ru` (scripts/build_gazetteer.py generates them)."""

import json
from importlib import resources

import pytest
from rapidfuzz import fuzz

from wiretrace.knowledge.variants import cyrillic_language, fold, romanize_russian, romanize_ukrainian

PLACES = [json.loads(line) for line in
          resources.files("wiretrace.knowledge").joinpath("data/places.jsonl").read_text(encoding="utf-8").splitlines()]


def _side(place, name):
    return next((side for side, names in place["names"].items() if fold(name) in {fold(n) for n in names}), None)


def test_a_place_outside_ukraine_has_its_exonym_as_en_and_only_ukrainian_derived_uk_spellings():
    for place in (p for p in PLACES if p["country"] != "UA"):
        assert _side(place, place["name"]) == "en", place["name"]
        ukrainian = [n for n in place["names"]["uk"] if cyrillic_language(n) == "uk"]
        kmu = {fold(f) for n in ukrainian for f in romanize_ukrainian(n)}
        for latin in (n for n in place["names"]["uk"] if n.isascii()):
            assert kmu and max(fuzz.ratio(fold(latin), k) for k in kmu) >= 80, (place["name"], latin)


def test_ukrainian_romanisations_are_never_labelled_russian():
    for place in (p for p in PLACES if p["country"] == "UA"):
        for name in (n for n in place["names"]["uk"] if cyrillic_language(n) == "uk"):
            kmu = romanize_ukrainian(name)[-1]
            assert _side(place, kmu) in ("uk", "en", None), (place["name"], name, kmu)


def test_russian_romanisations_are_never_labelled_ukrainian():
    for place in (p for p in PLACES if p["country"] == "UA"):
        for name in (n for n in place["names"]["ru"] if cyrillic_language(n) == "ru" and "ы" not in n.lower()):
            for form in romanize_russian(name):
                assert _side(place, form) in ("ru", "en", "other", None), (place["name"], name, form)


@pytest.mark.parametrize("place,name,side", [
    ("Moscow", "Moscow", "en"), ("Kyiv", "Kyiv", "uk"), ("Kyiv", "Kyyiv", "uk"), ("Kyiv", "Kyjiv", "uk"),
    ("Kyiv", "Kiev", "ru"), ("Kharkiv", "Kharkov", "ru"), ("Kharkiv", "Kharkiv", "uk"),
    ("Kostiantynivka", "Konstantinovka", "ru"), ("Kostiantynivka", "Kostiantynivka", "uk"),
])
def test_known_spellings(place, name, side):
    (record,) = [p for p in PLACES if p["name"] == place and (p["country"] == "UA" or place == "Moscow")][:1]
    assert _side(record, name) == side
