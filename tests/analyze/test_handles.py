from wiretrace.analyze import handles


def test_numbers_with_units_normalise_across_languages():
    assert handles.numbers("advanced 6.5 km and took 1,200 soldiers") == ["6.5 km", "1200 soldiers"]
    assert handles.numbers("продвинулись на 6,5 км") == ["6.5 km"]
    assert handles.numbers("in 2014 the war began") == []


def test_dates_normalise_across_languages():
    assert handles.dates("on November 22nd", year=2025) == ["2025-11-22"]
    assert handles.dates("22 ноября", year=2025) == ["2025-11-22"]
    assert handles.dates("on 27 November") == ["--11-27"]


def test_claim_handles_carry_language_independent_keys(analyse):
    art = analyse("Igor Kimakovsky said on November 22 that troops had left Konstantinovka after advancing 6.5 km.",
                  published="2025-11-23")
    (c,) = [c for c in art.claims if c.kind != "unattributed"]
    assert c.handles["speaker"] == ["person:kimakovsky"]
    assert "geonames:705104" in c.handles["places"] and "6.5 km" in c.handles["numbers"]


def test_russian_claim_handles_match_english_ones(analyse):
    en = analyse("Kimakovsky said troops had left Konstantinovka after advancing 6.5 km.")
    ru = analyse("Кимаковский заявил, что войска оставили Константиновку, продвинувшись на 6,5 км.", "ru")
    h_en = next(c for c in en.claims if c.kind != "unattributed").handles
    h_ru = next(c for c in ru.claims if c.kind != "unattributed").handles
    for key in ("speaker", "places", "numbers"):
        assert h_en[key] == h_ru[key]
