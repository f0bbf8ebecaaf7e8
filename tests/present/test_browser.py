"""The explorer in a real browser: Debian's Chromium driven by Playwright, against `wiretrace serve` on 127.0.0.1.

Playwright's own browser download does not work on these machines; `make test` installs Debian's chromium
(/usr/bin/chromium) when it can.  Without it these tests skip, unless WIRETRACE_REQUIRE_BROWSER=1 (CI sets it),
where they fail.  Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("WIRETRACE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium; `make test` does it when run as root)"
    return None


if _missing():
    if os.environ.get("WIRETRACE_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"browser tests required but {_missing()}")
    pytest.skip(_missing(), allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

pytestmark = pytest.mark.timeout(120)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: str, **kwargs):
    """`wiretrace serve`'s app under uvicorn in a thread, on a free port of 127.0.0.1."""
    import uvicorn

    from wiretrace.present.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, **kwargs), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("explorer did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")  # fresh and empty every run
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
                                                   viewport={"width": 1280, "height": 900})
        yield ctx
        ctx.close()


class Watch:
    """What a page did that it should not: dialogs opened, console errors, uncaught errors, requests leaving
    the machine."""

    def __init__(self, page, allowed_prefixes=("http://127.0.0.1", "file://", "data:")):
        self.dialogs, self.errors, self.outside = [], [], []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(allowed_prefixes) else self.outside.append(r.url))

    def clean(self) -> bool:
        return not (self.dialogs or self.errors or self.outside)


@pytest.fixture
def page(browser_context):
    pg = browser_context.new_page()
    yield pg
    pg.close()


@pytest.fixture(scope="module")
def site(traced):
    db, ids, data = traced
    with serving(db) as base:
        yield base, ids, data


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_every_page_renders_in_chromium_without_errors(site, page):
    base, ids, data = site
    fam = max(data["families"], key=lambda f: f["size"])
    watch = Watch(page)
    pages = {"overview": "/", "article": f"/article/{ids['s1-frontline']}", "family": f"/family/{fam['id']}",
             "speaker": "/speaker/person:kimakovsky", "site": "/site/pravda-en.com", "place": "/place/geonames:705104",
             "search": "/search?q=Konstantinovka"}
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        if name == "place":
            page.wait_for_selector("#map[data-ready='1']", timeout=10_000)
        shot(page, name)
    assert watch.clean(), (watch.dialogs, watch.errors, watch.outside)
    page.goto(base + "/")
    assert page.locator("svg.chart rect").count() >= 3
    assert page.locator("text=Largest families").count() == 1


def test_click_from_article_to_family_to_site_to_speaker(site, page):
    base, ids, _ = site
    watch = Watch(page)
    page.goto(f"{base}/article/{ids['s1-frontline']}")
    page.locator("p.family-line a[href^='/family/']").first.click()
    assert re.search(r"/family/fam-", page.url) and page.locator("h1").inner_text().startswith("Family")
    assert page.locator("svg.timeline circle").count() >= 2
    page.locator("table a[href='/site/pravda-en.com']").first.click()
    assert page.url.endswith("/site/pravda-en.com")
    assert page.locator("svg.graph circle").count() >= 2
    page.locator("table.speakers a[href^='/speaker/']").first.click()
    assert "/speaker/" in page.url and page.locator("text=Claims over time").count() == 1
    # and from the speaker back to one of the claims, which is anchored in its article
    page.locator("table a[href*='#claim-']").first.click()
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()
    shot(page, "click-path-end")
    assert watch.clean(), (watch.dialogs, watch.errors, watch.outside)


def test_new_since_view_and_site_timeline(site, page):
    base, ids, data = site
    watch = Watch(page)
    page.goto(base + "/new")  # first visit: the week before the newest article, remembered for the next
    assert page.locator("h1").inner_text().startswith("New since ")
    rows = page.locator("table tr.new, table tr.grown")
    assert rows.count() == min(len(data["families"]), 300)
    page.fill("input[name=since]", "2999-01-01")
    page.click("form.since button")
    assert page.locator("text=Nothing new since then.").count() == 1
    # the CSV twin of the list downloads, it does not navigate
    page.goto(base + "/new?since=2000-01-01")
    with page.expect_download() as download:
        page.click("header a[download]")
    assert download.value.suggested_filename == "new.csv"
    page.goto(base + "/site/pravda-en.com")
    bars = page.locator("svg.chart rect")
    assert bars.count() >= 1 and "articles" in bars.first.locator("title").text_content()
    shot(page, "site-timeline")
    assert watch.clean(), (watch.dialogs, watch.errors, watch.outside)


def test_search_form_filters_and_paginates(site, page):
    base, ids, _ = site
    page.goto(f"{base}/search")
    page.fill("input[name=q]", "Konstantinovka")
    page.select_option("select[name=side]", "russia")
    page.fill("input[name=lang]", "en")
    page.click("button[type=submit]")
    assert "side=russia" in page.url and "lang=en" in page.url
    total = int(re.search(r"(\d+) articles", page.locator("p.meta").first.inner_text()).group(1))
    assert 0 < total < len(ids)
    langs = page.locator("ol > li > span.meta").all_inner_texts()
    assert langs and all(t.strip().endswith("en") for t in langs)
    shot(page, "search-filtered")
    page.goto(f"{base}/search")
    page.locator("a", has_text="next").click()
    assert "page=2" in page.url and page.locator("ol > li").count() == len(ids) - 20


def test_map_renders_offline_with_bundled_boundaries(site, page):
    base, _, _ = site
    watch = Watch(page)
    page.goto(f"{base}/place/geonames:705104")
    page.wait_for_selector("#map[data-ready='1']", timeout=10_000)
    paths = page.locator("#map svg path")
    assert paths.count() > 50  # countries, oblasts and the markers
    box = page.locator("#map").bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    assert page.locator("#map .leaflet-tile").count() == 0  # no tile layer unless configured
    page.locator("#map .leaflet-control-zoom-in").click()
    page.wait_for_timeout(400)
    shot(page, "place-map")
    assert watch.clean(), (watch.dialogs, watch.errors, watch.outside)


def test_highlights_are_keyboard_focusable_and_legend_toggles_them(site, page):
    base, ids, _ = site
    page.goto(f"{base}/article/{ids['s1-frontline']}")
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        cls = page.evaluate("document.activeElement.className || document.activeElement.id")
        focused.append(cls)
        if "claim" in cls:
            break
    assert any("claim" in c for c in focused), focused
    claim = page.locator(".text .claim").first
    before = claim.evaluate("e => getComputedStyle(e).backgroundColor")
    page.focus("#show-claims")
    page.keyboard.press("Space")
    after = claim.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before != after and after in ("rgba(0, 0, 0, 0)", "transparent")
    page.keyboard.press("Space")
    assert claim.evaluate("e => getComputedStyle(e).backgroundColor") == before


HOSTILE = [
    {"id": "x1", "url": "javascript:alert('url')", "site": "evil.example", "published": "2025-11-22T10:00:00+00:00",
     "title": "<img src=x onerror=\"alert('title')\"><script>alert('title2')</script>Front report",
     "text": "Dmitry Peskov said that \"<script>window.pwned = 1; alert('text')</script> talks were over.\"\n\n"
             "<img src=x onerror=\"window.pwned = 2; alert('img')\"> The Kremlin spokesman added that "
             "<a href=\"javascript:alert('link')\">the offer</a> stood. <svg onload=\"alert('svg')\"></svg>\n\n"
             "(Synthetic hostile text written for the browser test.)"},
    {"id": "x2", "url": "https://evil.example/<b>onmouseover=alert(1)</b>", "site": "evil.example",
     "published": "2025-11-22T12:00:00+00:00", "title": "\" onfocus=\"alert('attr')\" autofocus x=\"",
     "text": "Dmitry Peskov said that \"<iframe src=javascript:alert('frame')></iframe> talks were over.\"\n\n"
             "(Synthetic hostile text written for the browser test.)"},
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from wiretrace.jobs import analyze_paths, trace_db

    folder = tmp_path_factory.mktemp("hostile")
    src = folder / "hostile.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in HOSTILE) + "\n", encoding="utf-8")
    db = str(folder / "hostile.db")
    assert not analyze_paths([str(src)], db=db).errors
    trace_db(db)
    with serving(db) as base:
        yield base, db


def test_hostile_content_is_shown_literally_and_never_runs(hostile_site, page):
    base, db = hostile_site
    watch = Watch(page)
    visited = ["/", "/article/x1", "/article/x2", "/site/evil.example", "/search?q=script",
               "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "/speaker/person:peskov"]
    for path in visited:
        response = page.goto(base + path)
        assert response.status == 200, path
        page.wait_for_timeout(150)
        assert page.evaluate("typeof window.pwned") == "undefined", path
        assert page.locator("iframe, main script, main img, main svg[onload]").count() == 0, path
    page.goto(base + "/article/x1")
    body = page.locator("main").inner_text()
    assert "<script>window.pwned = 1; alert('text')</script>" in body
    assert "<img src=x onerror=" in body and "<a href=\"javascript:alert('link')\">" in body
    assert "<img src=x onerror=\"alert('title')\">" in page.locator("h1").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    # focus and hover every highlighted span: no handler is attached to any of them
    for el in page.locator(".text [tabindex='0']").all():
        el.focus()
        el.hover()
    shot(page, "hostile-article")
    page.goto(base + "/article/x2")
    assert "onfocus=" in page.locator("h1").inner_text()
    assert watch.dialogs == [] and watch.errors == [] and watch.outside == [], (watch.dialogs, watch.errors, watch.outside)


def test_static_report_opens_from_disk(traced, page, tmp_path):
    from wiretrace.present.web.static_site import write_site

    db, ids, _ = traced
    out = tmp_path / "report"
    write_site(db, out)
    watch = Watch(page)
    page.goto((out / "index.html").as_uri())
    page.locator("a[href^='family/']").first.click()
    assert "/family/" in page.url and page.url.endswith(".html")
    page.locator("table a[href^='../article/']").first.click()
    assert "/article/" in page.url
    place = next((out / "place").glob("geonames_705104*.html"))
    page.goto(place.as_uri())
    page.wait_for_selector("#map[data-ready='1']", timeout=10_000)
    assert page.locator("#map svg path").count() > 50
    shot(page, "static-place")
    assert watch.clean(), (watch.dialogs, watch.errors, watch.outside)


def teardown_module(module):
    # keep artifacts small: nothing but PNGs
    for p in ARTIFACTS.glob("*"):
        if p.suffix != ".png":
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink()
