"""The explorer's pages and JSON twins, and its handling of hostile article content (no browser here).  The tests
of the traced corpus run on both backends: the SQLite file and a PostgreSQL database holding the same."""

from __future__ import annotations

import html
import json
import re
import time

import pytest
from fastapi.testclient import TestClient

from wiretrace.jobs import analyze_paths, trace_db
from wiretrace.present.web.app import create_app, csp, safe_url, tile_origin
from wiretrace.present.web.render import Links, slug

CSP = csp()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(request, traced):
    db, ids, data = traced
    if request.param == "postgresql":
        db = request.getfixturevalue("traced_postgres")
    return TestClient(create_app(db)), ids, data


def client_db(c: TestClient) -> str:
    return c.app.state.db


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


def test_article_highlights_speakers_cues_places_and_changes(client):
    c, ids, _ = client
    twin = c.get(f"/article/{ids['s1-frontline']}?format=json").json()
    pieces = [p for seg in twin["segments"] for p in seg["pieces"]]
    assert "".join(p["text"] for p in pieces) == twin["text"]
    marked = {k for p in pieces for k in p["classes"].split()}
    assert {"speaker", "cue", "place", "change"} <= marked
    speaker_words = {p["text"] for p in pieces if "speaker" in p["classes"].split()}
    assert any("Kimakovsk" in w for w in speaker_words)
    # every changed fact is anchored on the words it counts
    page = c.get(f"/article/{ids['s1-frontline']}").text
    for ch in twin["changes"]:
        if ch["member_start"] is not None:
            assert f'id="at-{ch["member_start"]}"' in page and f'href="#at-{ch["member_start"]}"' in page
    assert page.count('tabindex="0"') >= len(twin["claims"])


def test_article_diff_side_by_side(client):
    c, ids, _ = client
    twins = [c.get(f"/article/{aid}?format=json").json() for aid in ids.values()]
    rows = [r for t in twins for r in t["side_by_side"]]
    assert {r["status"] for r in rows} >= {"supported", "added", "unverified"}
    assert all(r["origin_text"] for r in rows if r["status"] == "supported")
    assert all(r["origin_text"] is None for r in rows if r["status"] == "added")
    for t in twins:  # each row is one of the article's sentences, in order
        starts = [r["start"] for r in t["side_by_side"]]
        assert starts == sorted(starts) and all(t["text"][r["start"]:].startswith(r["text"]) for r in t["side_by_side"])
    origins = [t for t in twins if t["family"] and t["family"]["role"] == "origin"]
    assert origins and all(not t["side_by_side"] for t in origins)


def test_site_graph_and_family_timeline_are_svg_with_links(client):
    c, ids, data = client
    site = c.get("/site/pravda-en.com?format=json").json()
    drawn = {n["site"] for n in site["graph"]["nodes"]}
    assert "pravda-en.com" in drawn and drawn - {"pravda-en.com"} == {n["site"] for n in site["neighbours"][:24]}
    assert all(0 <= n["x"] <= site["graph"]["size"] and 0 <= n["y"] <= site["graph"]["size"] for n in site["graph"]["nodes"])
    page = c.get("/site/pravda-en.com").text
    assert page.count("<circle") == len(drawn) and 'href="/site/tass.ru"' in page and "<script" not in page
    fam = max(data["families"], key=lambda f: f["size"])
    twin = c.get(f"/family/{fam['id']}?format=json").json()
    assert len(twin["timeline"]["dots"]) == fam["size"]
    assert len(twin["timeline"]["rows"]) == len({m["site"] for m in twin["members"]})
    page = c.get(f"/family/{fam['id']}").text
    assert all(f'href="/article/{m["article_id"]}"' in page for m in twin["members"])


def test_place_page_carries_map_data_and_scripts_from_self(client):
    c, ids, _ = client
    page = c.get("/place/geonames:705104").text
    assert 'id="map"' in page and "data-points=" in page and 'data-tiles=""' in page
    assert '<script src="/static/vendor/leaflet/leaflet.js"></script>' in page
    for src in re.findall(r'<script src="([^"]+)"', page):
        assert src.startswith("/static/") and c.get(src).status_code == 200
    assert "<script>" not in page  # no inline script
    points = json.loads(html.unescape(re.search(r"data-points='([^']*)'", page).group(1)))
    assert points[0]["main"] and points[0]["name"] == "Kostiantynivka"
    assert all(p["href"].startswith("/place/") for p in points[1:])


def test_tile_url_is_configurable_and_widens_only_img_src(traced):
    db, _, _ = traced
    c = TestClient(create_app(db, tiles="https://tile.example.org/{z}/{x}/{y}.png", attribution="© tiles"))
    page = c.get("/place/geonames:705104")
    policy = page.headers["content-security-policy"]
    assert "img-src 'self' data: https://tile.example.org;" in policy and "script-src 'self';" in policy
    assert 'data-tiles="https://tile.example.org/{z}/{x}/{y}.png"' in page.text
    assert tile_origin("javascript:alert(1)//{z}") is None and tile_origin("https://{s}.tile.example/{z}") == "https://*.tile.example"
    bad = TestClient(create_app(db, tiles="javascript:alert(1)"))
    assert 'data-tiles=""' in bad.get("/place/geonames:705104").text


def test_links_for_server_and_static_site():
    assert Links().page("speaker", "person:peskov", "claim-2") == "/speaker/person%3Apeskov#claim-2"
    static = Links(static=True, depth=1)
    assert static.page("article", "abc123") == "../article/abc123.html" and static.page("search") is None
    assert static.page("site", None) is None and Links().twin("/family/x") == "/family/x?format=json"
    assert slug("person:peskov") != slug("person/peskov") and "/" not in slug("a/b") and slug("abc") == "abc"


def test_page_cache_follows_the_database(tmp_path):
    """Cached pages are served until another process writes the database; then they are read again."""
    src = tmp_path / "one.jsonl"
    row = {"id": "c1", "site": "one.example", "published": "2025-11-20T09:00:00+00:00", "title": "First",
           "text": "Dmitry Peskov said that the talks would resume. (Synthetic text.)"}
    src.write_text(json.dumps(row) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    analyze_paths([str(src)], db=db)
    with TestClient(create_app(db)) as c:
        assert c.get("/?format=json").json()["counts"]["articles"] == 1
        assert c.get("/site/one.example?format=json").json()["articles"] == 1
        time.sleep(0.01)
        more = tmp_path / "two.jsonl"
        more.write_text(json.dumps({**row, "id": "c2", "title": "Second", "text": row["text"] + " More."}) + "\n",
                        encoding="utf-8")
        analyze_paths([str(more)], db=db)
        assert c.get("/?format=json").json()["counts"]["articles"] == 2
        assert c.get("/site/one.example?format=json").json()["articles"] == 2


def test_search_counts_stop_at_the_cap(client, monkeypatch):
    from wiretrace.store import pages

    c, ids, _ = client
    monkeypatch.setattr(pages, "COUNT_CAP", 5)
    monkeypatch.setattr(pages, "COMMON_WORD", 2)  # take the newest-first path too
    fresh = TestClient(create_app(client_db(c), cache_size=0))
    every = fresh.get("/search?q=the&format=json").json()
    assert every["total"] == 5 and every["more"] and every["pages"] == 2
    monkeypatch.setattr(pages, "COUNT_CAP", 1000)
    exact = fresh.get("/search?q=the&format=json").json()
    assert exact["total"] > 5 and not exact["more"]
    # the newest-first walk returns what the planner's sort returns
    monkeypatch.setattr(pages, "COMMON_WORD", 10**9)
    assert fresh.get("/search?q=the&format=json").json()["results"] == exact["results"]
    dates = [r["published"] or "" for r in exact["results"]]
    assert dates == sorted(dates, reverse=True)


def test_place_chart_stacks_claims_by_side_and_links_each_day(client):
    c, _, _ = client
    twin = c.get("/place/geonames:705104?format=json").json()
    bars = twin["chart"]["bars"]
    per_day = {d["day"]: d for d in twin["claims_per_day_by_side"]}
    assert {b["side"] for b in bars} <= {"russia", "ukraine", "other", "unknown"} and "russia" in {b["side"] for b in bars}
    for b in bars:  # one bar per day and side that has claims
        assert per_day[b["day"]].get(b["side"], 0) > 0 and b["h"] > 0
    page = c.get("/place/geonames:705104").text
    assert page.count('<rect class="side-') == len(bars)
    assert all(f'id="day-{d}"' in page for d in {b["day"] for b in bars} if d)


def test_search_finds_a_place_under_every_spelling(client):
    c, ids, _ = client
    ua = c.get("/search?q=Kostiantynivka&format=json").json()
    ru = c.get("/search?q=Konstantinovka&format=json").json()
    assert "Konstantinovka" in ua["also_searched"]["Kostiantynivka"]
    assert any(f.startswith("Константиновк") for f in ua["also_searched"]["Kostiantynivka"])
    assert ua["total"] == ru["total"] and {r["id"] for r in ua["results"]} == {r["id"] for r in ru["results"]}
    assert "ru" in {r["lang"] for r in ua["results"]} and "en" in {r["lang"] for r in ua["results"]}
    # a word that is no place is searched as it is
    assert c.get("/search?q=briefing&format=json").json()["also_searched"] == {}
    assert "Also searched" in c.get("/search?q=Kostiantynivka").text


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "speaker=" + "x" * 60000, "page=9223372036854775807",
                                   "page=-3", "page=abc", "q=%22%27%29%28*", "since=%00&until=%ff"])
def test_hostile_search_parameters_answer_200(client, query):
    c, _, _ = client
    r = c.get("/search?" + query)
    assert r.status_code == 200, (query, r.status_code)
    assert r.headers["Content-Security-Policy"] == CSP


def test_head_is_answered_like_get(client):
    c, ids, _ = client
    for path in ("/", "/search?q=Kremlin", f"/article/{next(iter(ids.values()))}"):
        r = c.head(path)
        assert r.status_code == 200, path
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_a_server_error_carries_the_security_headers(traced, monkeypatch):
    from wiretrace.present.web import views

    db, _, _ = traced

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "search_data", broken)
    c = TestClient(create_app(db, cache_size=0), raise_server_exceptions=False)
    r = c.get("/search?q=x")
    assert r.status_code == 500 and "boom" not in r.text
    assert r.headers["Content-Security-Policy"] == CSP and r.headers["X-Content-Type-Options"] == "nosniff"


def test_keys_with_a_slash_have_live_pages(tmp_path):
    """Regression: a site or a speaker (from a user's knowledge base) with `/` in its key had dead links (404)."""
    import sqlite3

    from wiretrace.present.web.render import Links
    from wiretrace.settings import Settings

    corpus = tmp_path / "slash.jsonl"
    corpus.write_text(json.dumps({"id": "s1", "url": "https://a/b-news.example/x", "site": "a/b-news",
                                  "lang": "en", "published": "2025-11-20",
                                  "text": "Synthetic test text. Olena Testenko said the town of Kurakhove was quiet."}) + "\n")
    kb = tmp_path / "kb.jsonl"
    kb.write_text(json.dumps({"id": "person:test/one", "kind": "person", "name": "Olena Testenko", "side": "ukraine"}) + "\n")
    db = tmp_path / "w.db"
    analyze_paths([str(corpus)], db=str(db), settings=Settings().merged({"kb_files": [str(kb)]}))
    conn = sqlite3.connect(db)
    site = conn.execute("SELECT site FROM articles").fetchone()[0]
    (speaker,) = {r[0] for r in conn.execute("SELECT speaker_kb_id FROM claims WHERE speaker_kb_id IS NOT NULL")}
    c = TestClient(create_app(db, cache_size=0))
    for kind, key in (("site", site), ("speaker", speaker)):
        link = Links().page(kind, key)
        assert "/" in key and c.get(link).status_code == 200, (key, link)
        assert f'href="{link}"' in c.get(f"/article/{conn.execute('SELECT id FROM articles').fetchone()[0]}").text


def test_undated_members_are_shown_apart_as_date_unknown():
    from wiretrace.present.web.views import timeline

    members = [{"site": "tass.ru", "lag_hours": 0.0, "article_id": "a", "role": "origin"},
               {"site": "look-alike.example", "lag_hours": None, "article_id": "b", "role": "rewrite"},
               {"site": "pravda-en.example", "lag_hours": 12.0, "article_id": "c", "role": "translation"}]
    t = timeline(members)
    dots = {d["article_id"]: d for d in t["dots"]}
    assert dots["b"]["undated"] and "date unknown" in dots["b"]["label"] and "None" not in dots["b"]["label"]
    assert dots["b"]["x"] > max(dots["a"]["x"], dots["c"]["x"])  # its own column past the time axis
    assert dots["a"]["x"] != dots["b"]["x"]
    assert any(tick["label"] == "date unknown" for tick in t["ticks"])


@pytest.fixture(scope="module")
def undated_family(tmp_path_factory):
    """A traced family one member of which has no date: a copy of a dated report, at a site of its own, with no
    published field and no date in its URL.  (client, family id, the undated member's id)"""
    import sqlite3

    from tests.conftest import FAMILIES

    rows = {r["id"]: r for r in map(json.loads, (FAMILIES / "test.jsonl").read_text(encoding="utf-8").splitlines())}
    corpus = [rows["s1-tass-ru"], rows["s1-pravda-en"], rows["s1-frontline"],
              {"id": "s1-undated-copy", "site": "copycat.example", "url": "https://copycat.example/news/kostiantynivka",
               "text": rows["s1-pravda-en"]["text"] + " (Synthetic copy, no date.)"}]
    folder = tmp_path_factory.mktemp("undated")
    (folder / "undated.jsonl").write_text("".join(json.dumps(r) + "\n" for r in corpus), encoding="utf-8")
    db = str(folder / "u.db")
    assert not analyze_paths([str(folder / "undated.jsonl")], db=db).errors
    trace_db(db)
    with sqlite3.connect(db) as conn:
        undated, published = conn.execute("SELECT id, published FROM articles WHERE external_id = 's1-undated-copy'").fetchone()
        (family,) = conn.execute("SELECT family_id FROM family_members WHERE article_id = ?", (undated,)).fetchone()
    assert published is None
    return TestClient(create_app(db)), family, undated


def test_family_page_shows_an_undated_member_apart_as_date_unknown(undated_family):
    """Regression: the family page printed a literal `None` lag for a member with no date, listed it first (above
    the origin), and drew it as an unlabelled dot at +0 h beside the origin."""
    c, family, undated = undated_family
    twin = c.get(f"/family/{family}?format=json").json()
    lags = {m["article_id"]: m["lag_hours"] for m in twin["members"]}
    assert lags[undated] is None and len(lags) >= 2 and all(v is not None for k, v in lags.items() if k != undated)
    page = c.get(f"/family/{family}")
    assert page.status_code == 200
    visible = html.unescape(re.sub(r"<[^>]+>", " ", page.text))
    assert "None" not in visible and "None" not in page.text
    # the members table: a lag for every dated member, "date unknown" for the undated one, listed after them
    table = page.text.split("<h2>Members</h2>")[1]
    cells = re.findall(r"<tr><td>([^<]*)</td>.*?href=\"/article/([0-9a-f]+)\"", table, flags=re.S)
    assert [aid for _, aid in cells] == [m["article_id"] for m in twin["members"]] and len(cells) == len(lags)
    assert cells[-1] == ("date unknown", undated)
    assert all(float(lag) >= 0 for lag, _ in cells[:-1])
    # the timeline: the undated dot is labelled and stands in its own column past the time axis
    dots = {d["article_id"]: d for d in twin["timeline"]["dots"]}
    assert dots[undated]["undated"] and dots[undated]["label"].endswith("date unknown")
    assert all(dots[undated]["x"] > d["x"] for aid, d in dots.items() if aid != undated)
    assert f'<title>{html.escape(dots[undated]["label"])}</title>' in page.text and ">date unknown</text>" in page.text
    assert 'class="role-' in page.text and " undated\"" in page.text


def test_a_fetched_article_links_to_its_archived_bytes_which_are_never_rendered(tmp_path, analyzer):
    from wiretrace.ingest.fetch import Fetched, FolderEvidence
    from wiretrace.store import Store

    page = ("<html><head><title>Synthetic page</title></head><body><article><p>Synthetic test page. Denis Pushilin "
            "said the water supply to Konstantinovka would resume within 3 days.</p><script>alert(1)</script>"
            "</article></body></html>").encode()
    source = tmp_path / "page.html"
    source.write_bytes(page)
    db = str(tmp_path / "w.db")
    stored: list = []
    analyze_paths([str(source)], db=db, analyzer=analyzer, on_article=lambda art, fresh: stored.append(art.id))
    visit = Fetched("https://news.example/water", "https://news.example/water", 200, {"content-type": "text/html"},
                    page, "2025-11-24T10:00:00+00:00")
    kept = FolderEvidence(tmp_path / "archive").keep(visit)
    with Store(db) as store:
        store.record_fetch(url=visit.url, fetched_at=visit.fetched_at, final_url=visit.final_url, status=200,
                           outcome="stored", content_sha256=visit.sha256, evidence=kept, article_id=stored[0])
    c = TestClient(create_app(db, cache_size=0))
    article = c.get(f"/article/{stored[0]}")
    assert "Archived copy: fetched 2025-11-24T10:00:00+00:00" in article.text and f'/evidence/{stored[0]}' in article.text
    assert c.get(f"/article/{stored[0]}?format=json").json()["archived"]["content_sha256"] == visit.sha256
    raw = c.get(f"/evidence/{stored[0]}")
    assert raw.status_code == 200 and raw.content == page
    assert raw.headers["content-type"] == "application/octet-stream" and raw.headers["content-disposition"].startswith("attachment")
    assert raw.headers["X-Content-Type-Options"] == "nosniff"
    assert c.get("/evidence/nothing-here").status_code == 404


def test_charts_keep_every_day_empty_ones_included():
    from wiretrace.present.web import views

    per_day = [{"day": "2025-11-20", "articles": 4, "families": 2}, {"day": "2025-11-24", "articles": 1, "families": 1}]
    chart = views.attention_chart(per_day)
    assert len(chart["bars"]) == 5  # 20, 21, 22, 23, 24 November
    assert [b["h"] for b in chart["bars"]][1:4] == [0, 0, 0] and chart["bars"][2]["label"].startswith("2025-11-22: 0 articles")
    sides = views.side_chart([{"day": "2025-11-01", "russia": 2}, {"day": "2025-11-03", "ukraine": 1}, {"day": "", "other": 1}])
    assert sides["days"] == 4 and sides["first_day"] == "2025-11-01" and sides["last_day"] == ""


def test_new_since_remembers_the_last_visit_and_every_list_downloads_as_csv(client):
    c, ids, data = client
    fresh = TestClient(create_app(client_db(c), cache_size=0))
    everything = fresh.get("/new?since=2000-01-01&format=json").json()
    assert everything["total"] == len(data["families"]) and {f["status"] for f in everything["families"]} == {"new"}
    first = fresh.get("/new")
    assert first.status_code == 200 and "wiretrace_last_visit" in first.cookies
    # the next visit without a date shows what is new since the last one: nothing was stored since
    assert fresh.get("/new?format=json").json()["total"] == 0
    table = fresh.get("/new?since=2000-01-01&format=csv")
    assert table.headers["content-type"].startswith("text/csv") and "attachment" in table.headers["content-disposition"]
    lines = table.text.splitlines()
    assert lines[0].startswith("family_id,") and len(lines) == 1 + len(data["families"])
    site = fresh.get("/site/pravda-en.com?format=json").json()
    assert site["chart"]["bars"] and fresh.get("/site/pravda-en.com?format=csv").text.startswith("family_id,")
    assert fresh.get(f"/family/{data['families'][0]['id']}?format=csv").text.startswith("article_id,")


def test_csv_cells_that_would_run_as_formulas_stay_text():
    from wiretrace.present.web.render import csv_text

    text = csv_text([{"a": "=HYPERLINK(\"http://x\")", "b": -3.5, "c": "@sum", "d": {"k": 1}}])
    assert text.splitlines()[1] == '"\'=HYPERLINK(""http://x"")",-3.5,\'@sum,"{""k"": 1}"'
