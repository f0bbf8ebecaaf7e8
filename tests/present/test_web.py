"""The explorer's pages and JSON twins, and its handling of hostile article content (no browser here)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from wiretrace.jobs import analyze_paths, trace_db
from wiretrace.present.web.app import CSP, create_app, safe_url


@pytest.fixture(scope="module")
def client(traced):
    db, ids, data = traced
    return TestClient(create_app(db)), ids, data


def test_overview_counts_and_json_twin(client):
    c, ids, data = client
    page = c.get("/")
    assert page.status_code == 200 and page.headers["content-security-policy"] == CSP
    twin = c.get("/?format=json").json()
    assert twin["counts"]["articles"] == len(ids) and twin["counts"]["families"] == len(data["families"])
    assert any(o["outlet"] == "TASS" and not o["in_corpus"] for o in twin["top_origins"])
    assert f'href="/family/{data["families"][0]["id"]}"' in page.text or twin["largest_families"]


def test_article_page_links_to_its_family_and_shows_changes(client):
    c, ids, _ = client
    page = c.get(f"/article/{ids['s2-herald']}")
    assert page.status_code == 200
    twin = c.get(f"/article/{ids['s2-herald']}?format=json").json()
    assert twin["family"]["role"] == "translation"
    assert f'/family/{twin["family"]["id"]}' in page.text
    assert "fabricated_quote" in page.text and "Our victory in Konstantinovka" in page.text
    assert 'class="claim side-russia"' in page.text
    # the text is rebuilt exactly from its segments
    assert "".join(s["text"] for s in twin["segments"]) == twin["text"]


def test_family_page_lists_members_with_roles(client):
    c, ids, data = client
    fam = next(f for f in data["families"] if any(m["article_id"] == ids["s4-digest"] for m in f["members"]))
    twin = c.get(f"/family/{fam['id']}?format=json").json()
    assert twin["family"]["origin_in_corpus"] == 0 and twin["family"]["origin_outlet"] == "TASS"
    assert {m["article_id"] for m in twin["members"]} == {ids["s4-digest"], ids["s4-frontline"]}
    page = c.get(f"/family/{fam['id']}")
    assert "not in corpus" in page.text


def test_unknown_ids_are_404(client):
    c, _, _ = client
    assert c.get("/article/nope").status_code == 404
    assert c.get("/family/nope").status_code == 404


def test_only_http_urls_are_links():
    assert safe_url("https://tass.ru/x") == "https://tass.ru/x"
    assert safe_url("javascript:alert(1)") is None and safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None and safe_url(None) is None


def test_hostile_articles_are_escaped(tmp_path):
    hostile = tmp_path / "hostile.jsonl"
    rows = [{"id": "h1", "url": "javascript:alert(document.cookie)", "title": "<img src=x onerror=alert(1)>Title",
             "published": "2025-11-22", "site": "evil.example",
             "text": 'Peskov said that "<script>alert(2)</script> talks were over." (Synthetic hostile text.)'}]
    hostile.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "h.db")
    analyze_paths([str(hostile)], db=db)
    trace_db(db)
    c = TestClient(create_app(db))
    page = c.get("/article/h1").text
    assert "<script>alert(2)</script>" not in page and "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page


def test_speaker_page_shows_claims_relays_variants_and_families(client):
    c, ids, _ = client
    twin = c.get("/speaker/person:kimakovsky?format=json").json()
    assert twin["speaker"]["name"] == "Igor Kimakovsky"
    assert {r["outlet"] for r in twin["relayed_by"]} >= {"TASS"}
    assert len(twin["name_variants"]) >= 2  # Cyrillic and Latin spellings as written
    assert len(twin["families"]) >= 2  # the 22 and the 26 November statements
    assert c.get("/speaker/person:kimakovsky").status_code == 200
    assert c.get("/speaker/nobody").status_code == 404


def test_site_page_has_profile_and_neighbours(client):
    c, ids, _ = client
    twin = c.get("/site/pravda-en.com?format=json").json()
    assert twin["profile"]["articles"] == twin["articles"] and twin["profile"]["origins"] == 0
    assert any(n["site"] == "tass.ru" for n in twin["neighbours"])
    assert c.get("/site/pravda-en.com").status_code == 200
    assert c.get("/site/nowhere.example").status_code == 404


def test_search_filters_and_paginates(client):
    c, ids, _ = client
    hits = c.get("/search?q=Konstantinovka&format=json").json()
    assert hits["total"] >= 5 and all(r["id"] in ids.values() for r in hits["results"])
    ru = c.get("/search?q=Konstantinovka&lang=en&side=russia&format=json").json()
    assert 0 < ru["total"] < hits["total"] and all(r["lang"] == "en" for r in ru["results"])
    by_site = c.get("/search?site=tass.ru&format=json").json()
    assert by_site["total"] == 6 and by_site["pages"] == 1
    everything = c.get("/search?format=json").json()
    assert everything["total"] == len(ids) and len(everything["results"]) == 20 and everything["pages"] == 2
    page2 = c.get("/search?page=2&format=json").json()
    assert len(page2["results"]) == len(ids) - 20
    # FTS syntax in the query is taken as words, not as an error
    assert c.get('/search?q=" OR NEAR(&format=json').status_code == 200
    assert "next" in c.get("/search").text


def test_overview_draws_the_attention_chart_without_scripts(client):
    c, _, _ = client
    page = c.get("/").text
    assert "<svg" in page and "<polyline" in page and "<script" not in page and "style=" not in page


def test_place_page_counts_claims_by_side_and_spelling(client):
    c, ids, _ = client
    twin = c.get("/place/geonames:705104?format=json").json()
    assert twin["place"]["name"] == "Kostiantynivka"
    assert set(twin["variants"]) >= {"ru", "uk"}
    assert sum(d.get("russia", 0) for d in twin["claims_per_day_by_side"]) > 0
    assert all(cl["article_id"] in ids.values() for cl in twin["claims"])
    assert c.get("/place/geonames:705104").status_code == 200
    assert c.get("/place/nowhere").status_code == 404
