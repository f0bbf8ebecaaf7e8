"""Explorer speed on a 100k-article database: page render times (p50/p95) and search times.

    .venv/bin/python benchmarks/explorer_speed.py [--articles 100000] [--db /tmp/explorer-100k.db] [--reuse]
                                                  [--requests 40] [--seed 5]

Builds a synthetic database straight into wiretrace's schema (the Store's migrations, then bulk inserts; the
analysis itself is measured by the other benchmarks): articles of a few paragraphs on ~300 look-alike sites over
90 days, ~60 speakers of whom a few dominate, ~150 places with Russian and Ukrainian spellings, four claims per
article with speaker, cue and place spans, families of 1 to 60 members with roles, lags, sentence diffs and
changes, and rewrite signals; then the summaries `trace` writes at its end.  Then renders every page kind through the FastAPI app in this process
(fastapi.testclient: routing, SQL, template and response, no network), `--requests` times each with random
keys plus the heaviest ones (the busiest speaker, site, place and the largest family), and runs search
queries with and without filters.

Pages are timed with the page cache off (every request reads the database: a first visit).  The overview,
whose counts read the whole database, is what the server computes once per database state at start-up; it is
timed both ways: cold (computed) and as served (from the cache).

Targets (the explorer issue): p95 under 300 ms for every page, search under 200 ms.  The baseline, timed the
same way in the same process, is a route of the same app returning a constant page: the framework's own
cost, printed as the ratio each page's p95 is to it.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# synthetic material, written for this benchmark
SPEAKERS = [(f"person:bench{i}", f"Speaker{i} Surname{i}", ["russia", "ukraine", "other"][i % 3]) for i in range(60)]
OUTLETS = ["TASS", "RIA Novosti", "RT", "Izvestia", "Interfax", "Ukrinform"]
PLACES = [(f"geonames:{900000 + i}", f"Town{i}", f"Gorod{i}", f"Misto{i}", 46 + (i % 30) * 0.25, 30 + (i // 30) * 1.5)
          for i in range(150)]
WORDS = ("front line positions drones artillery village strike defence ministry units advance shelling report "
         "forces brigade offensive region city energy infrastructure talks negotiations sanctions statement "
         "briefing losses equipment tanks missiles air defence intercepted residents evacuation humanitarian "
         "corridor supplies railway bridge depot attack counteroffensive reserves command headquarters").split()
CUES = ["said", "stated", "told reporters", "claimed", "added", "noted"]


def zipf_pick(rng: random.Random, items: list, s: float = 1.1):
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build(db: str, n_articles: int, seed: int) -> None:
    import sqlite3

    from wiretrace.store import Store

    rng = random.Random(seed)
    Store(db).close()  # schema and migrations, as wiretrace makes them
    c = sqlite3.connect(db)
    c.execute("PRAGMA journal_mode = WAL")
    c.execute("PRAGMA synchronous = OFF")
    c.executemany("INSERT OR IGNORE INTO kb_entities (kb_id, kind, name, side) VALUES (?, 'person', ?, ?)", SPEAKERS)
    c.executemany("INSERT OR IGNORE INTO places (place_id, name, lat, lon, admin1, country) VALUES (?, ?, ?, ?, 'Donetsk', 'UA')",
                  [(p[0], p[3], p[4], p[5]) for p in PLACES])
    sites = [f"news-{i}.example" for i in range(300)]
    start = time.mktime((2025, 9, 1, 0, 0, 0, 0, 0, -1))
    articles, claims, mentions, members, diffs, changes, signals, families = [], [], [], [], [], [], [], []
    aid_n = 0
    claim_id = 0
    while aid_n < n_articles:
        size = min(n_articles - aid_n, max(1, int(rng.paretovariate(1.3))) if rng.random() < 0.9 else rng.randint(20, 60))
        fam_id = f"fam-{aid_n:012x}"
        origin_t = start + rng.random() * 90 * 86400
        sp_key, sp_name, sp_side = zipf_pick(rng, SPEAKERS)
        place = zipf_pick(rng, PLACES, 0.9)
        outlet = rng.choice(OUTLETS)
        member_ids = []
        for k in range(size):
            aid = f"{aid_n:016x}"
            aid_n += 1
            t = origin_t + (0 if k == 0 else rng.expovariate(1 / 8) * 3600)
            published = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(t))
            spelling, variant = (place[2], "ru") if rng.random() < 0.7 else (place[3], "uk")
            lead = f"{sp_name} {rng.choice(CUES)} that {sentence(rng, 10)[:-1].lower()} near {spelling}."
            paras = [lead] + [" ".join(sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(3, 6))]
            text = "\n\n".join(paras)
            site = zipf_pick(rng, sites, 0.8)
            title = f"{spelling}: {sentence(rng, 6)[:-1]}"
            articles.append((aid, f"https://{site}/{aid}", 1, 1, aid, aid, f"https://{site}/{aid}", site, title, published,
                             "field", "en", text, "{}", "bench", published))
            s_end = len(sp_name)
            cue = lead.split(" that ")[0][s_end + 1:]
            for seq in range(4):
                claim_id += 1
                if seq == 0:
                    cs, ce = lead.index(" that ") + 6, len(lead) - 1
                    claims.append((claim_id, aid, seq, "indirect", lead[cs:ce], cs, ce, 0, len(lead), sp_name, sp_key, sp_name,
                                   0, s_end, sp_side, cue, s_end + 1, s_end + 1 + len(cue), outlet))
                else:
                    other = zipf_pick(rng, SPEAKERS)
                    p = paras[min(seq, len(paras) - 1)]
                    off = text.index(p)
                    claims.append((claim_id, aid, seq, "unattributed" if seq == 3 else "direct", p[:80], off, off + min(80, len(p)),
                                   off, off + len(p), other[1] if seq != 3 else None, other[0] if seq != 3 else None, None,
                                   None, None, other[2] if seq != 3 else None, None, None, None, outlet if seq == 1 else None))
            ps = lead.index(spelling)
            mentions.append((aid, place[0], spelling, ps, ps + len(spelling), variant))
            mentions.append((aid, zipf_pick(rng, PLACES)[0], "Town", len(lead) + 2, len(lead) + 6, "en"))
            role = "origin" if k == 0 else rng.choice(["copy", "rewrite", "rewrite", "translation"])
            members.append((aid, fam_id, role, member_ids[-1] if member_ids else None,
                            round((t - origin_t) / 3600, 2), 0.99, None, 0, "[]", "[]"))
            member_ids.append(aid)
            if k:
                sents, pos = [], 0
                for p in paras:
                    o = text.index(p, pos)
                    status = rng.choice(["supported", "supported", "added", "unverified"])
                    sents.append({"start": o, "end": o + len(p), "status": status, "score": 0.8,
                                  "origin_article_id": member_ids[0], "origin_start": 0, "origin_end": 40})
                    pos = o + len(p)
                diffs.append((aid, fam_id, member_ids[0], sum(s["status"] == "supported" for s in sents),
                              sum(s["status"] == "added" for s in sents), sum(s["status"] == "unverified" for s in sents),
                              json.dumps(sents)))
                for _ in range(rng.randint(0, 3)):
                    kind = rng.choice(["added_sentence", "number", "fabricated_quote", "transliteration"])
                    changes.append((aid, fam_id, kind, paras[-1][:60], len(text) - len(paras[-1]),
                                    len(text) - len(paras[-1]) + 60, member_ids[0], "origin words", 0, 12, "synthetic"))
            signals.append((aid, fam_id, "[]", rng.random(), rng.randint(0, 2), "{}", None, 0, 0))
        families.append((fam_id, member_ids[0], None, outlet, "state_media", time.strftime("%Y-%m-%dT%H:%M:%S+00:00",
                         time.gmtime(origin_t)), 1, member_ids[0], sp_key, "en", size, "now"))
    with c:
        c.executemany("INSERT INTO articles (id, identity, version, is_latest, content_hash, external_id, url, site, title, "
                      "published, published_source, lang, text, metadata_json, analyzer, ingested_at) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
        c.executemany("INSERT INTO claims (id, article_id, seq, kind, text, char_start, char_end, sentence_start, sentence_end, "
                      "speaker_name, speaker_kb_id, speaker_text, speaker_start, speaker_end, speaker_side, cue_text, cue_start, "
                      "cue_end, relays) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", claims)
        c.executemany("INSERT INTO claim_relays (claim_id, outlet_name, char_start, char_end) "
                      "SELECT id, relays, NULL, NULL FROM claims WHERE id = ? AND relays IS NOT NULL",
                      [(cl[0],) for cl in claims if cl[-1]])
        c.executemany("INSERT INTO place_mentions (article_id, place_id, text, char_start, char_end, variant) VALUES (?,?,?,?,?,?)",
                      mentions)
        c.executemany("INSERT INTO families (id, origin_article_id, origin_url, origin_outlet, origin_outlet_type, "
                      "origin_published, origin_in_corpus, earliest_member, lead_speaker, languages, size, updated_at) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", families)
        c.executemany("INSERT INTO family_members (article_id, family_id, role, parent_id, lag_hours, probability, via, "
                      "spliced, evidence_json, secondary_json) VALUES (?,?,?,?,?,?,?,?,?,?)", members)
        c.executemany("INSERT INTO member_diffs VALUES (?,?,?,?,?,?,?)", diffs)
        c.executemany("INSERT INTO rewrite_changes (article_id, family_id, kind, member_text, member_start, member_end, "
                      "origin_article_id, origin_text, origin_start, origin_end, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?)", changes)
        c.executemany("INSERT INTO article_signals (article_id, family_id, mixed_script_words, one_sentence_paragraph_share, "
                      "boilerplate_paragraphs, name_variants, date_drift_days, added_sentences, fabricated_quotes) "
                      "VALUES (?,?,?,?,?,?,?,?,?)", signals)
    c.execute("ANALYZE")
    c.close()
    # the summaries `trace` writes at its end (overview, site network), as a traced database has them
    from wiretrace.present.web.views import overview_live
    from wiretrace.store import summaries

    with Store(db) as store:
        summaries.refresh(store.conn, overview_live(store.conn))


def timed(client, url: str) -> float:
    t = time.perf_counter()
    r = client.get(url)
    elapsed = time.perf_counter() - t
    if r.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {r.status_code}")
    return elapsed


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", default="/tmp/wiretrace-explorer-bench.db")
    ap.add_argument("--reuse", action="store_true", help="use --db as it is when it exists")
    ap.add_argument("--requests", type=int, default=40, help="requests per page kind")
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import sqlite3

    from fastapi.responses import HTMLResponse
    from fastapi.testclient import TestClient

    from wiretrace.present.web.app import WARM_PAGES, create_app

    db = Path(args.db)
    if not (args.reuse and db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        t = time.perf_counter()
        build(str(db), args.articles, args.seed)
        print(f"built {args.articles:,} synthetic articles in {time.perf_counter() - t:.0f} s "
              f"({db.stat().st_size / 2**20:,.0f} MB)")
    app = create_app(db, cache_size=0)

    @app.get("/__baseline", response_class=HTMLResponse)
    def baseline():
        return "<!doctype html><title>baseline</title><p>constant</p>"

    client = TestClient(app)
    rng = random.Random(args.seed)
    c = sqlite3.connect(db)
    n = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    ids = [r[0] for r in c.execute("SELECT id FROM articles ORDER BY random() LIMIT ?", (args.requests,))]
    fams = [r[0] for r in c.execute("SELECT id FROM families ORDER BY size DESC LIMIT 1")] + \
           [r[0] for r in c.execute("SELECT id FROM families ORDER BY random() LIMIT ?", (args.requests - 1,))]
    spk = [r[0] for r in c.execute("SELECT speaker_kb_id FROM claims WHERE speaker_kb_id IS NOT NULL "
                                   "GROUP BY 1 ORDER BY COUNT(*) DESC")]
    sites = [r[0] for r in c.execute("SELECT site FROM articles GROUP BY site ORDER BY COUNT(*) DESC")]
    places = [r[0] for r in c.execute("SELECT place_id FROM place_mentions GROUP BY 1 ORDER BY COUNT(*) DESC")]
    c.close()

    served_app = create_app(db)  # the server as it runs: heavy pages rendered at start-up, every page cached
    served = TestClient(served_app)
    served.__enter__()
    t0 = time.perf_counter()
    served_app.state.warmed.wait()
    warm_s = time.perf_counter() - t0

    def some(keys: list[str]) -> list[str]:  # the heaviest key, then random ones
        return [keys[0]] + [rng.choice(keys) for _ in range(args.requests - 1)]

    urls = {
        "overview": ["/"] * max(5, args.requests // 4),
        "article": [f"/article/{a}" for a in ids],
        "family": [f"/family/{f}" for f in fams],
        "speaker": [f"/speaker/{s}" for s in some(spk)],
        "site": [f"/site/{s}" for s in some(sites)],
        "place": [f"/place/{p}" for p in some(places)],
    }
    searches = ["/search?q=drones", "/search?q=Town3", "/search?q=Gorod1+artillery", "/search?q=ministry&side=russia",
                "/search?q=Misto7&lang=en", "/search?site=news-0.example", "/search?speaker=Speaker0",
                "/search?q=bridge&since=2025-10-01&until=2025-10-15", "/search?q=talks&page=5", "/search",
                "/search?q=nonexistentword", "/search?q=evacuation+corridor&side=ukraine"]
    for warm in ("/", urls["article"][0], "/__baseline"):
        client.get(warm)
    base = [timed(client, "/__baseline") for _ in range(50)]
    b95 = pct(base, 0.95)
    print(f"\n{n:,} articles; {args.requests} requests per page kind; times in ms (in-process, no network)")
    print(f"{'page':10} {'p50':>8} {'p95':>8} {'max':>8} {'target':>7}  p95 / baseline")
    print(f"{'baseline':10} {pct(base, .5) * 1000:8.1f} {b95 * 1000:8.1f} {max(base) * 1000:8.1f}")
    print("\ncold: page cache off, every request reads the database")
    cold_worst = 0.0
    for kind, us in urls.items():
        ts = [timed(client, u) for u in us]
        p95 = pct(ts, 0.95)
        cold_worst = max(cold_worst, p95)
        print(f"{kind:10} {pct(ts, .5) * 1000:8.1f} {p95 * 1000:8.1f} {max(ts) * 1000:8.1f} {'300':>7}  {p95 / b95:,.0f}x"
              + ("  OVER" if p95 > 0.3 else ""))
    print(f"\nas served: `wiretrace serve` rendered the overview and the {WARM_PAGES} biggest sites, speakers, places and "
          f"families at start-up ({warm_s:.0f} s); each URL below is requested once, the others are first visits")
    worst = 0.0
    for kind, us in urls.items():
        ts = [timed(served, u) for u in dict.fromkeys(us)] if kind != "overview" else [timed(served, "/") for _ in us]
        p95 = pct(ts, 0.95)
        worst = max(worst, p95)
        print(f"{kind:10} {pct(ts, .5) * 1000:8.1f} {p95 * 1000:8.1f} {max(ts) * 1000:8.1f} {'300':>7}  {p95 / b95:,.0f}x"
              + ("  OVER" if p95 > 0.3 else ""))
    ts = [timed(client, u) for _ in range(3) for u in searches]
    sp95 = pct(ts, 0.95)
    print(f"{'search':10} {pct(ts, .5) * 1000:8.1f} {sp95 * 1000:8.1f} {max(ts) * 1000:8.1f} {'200':>7}  {sp95 / b95:,.0f}x"
          + ("  OVER" if sp95 > 0.2 else ""))
    for u in searches:
        one = statistics.median(timed(client, u) for _ in range(3))
        print(f"  {u:55} {one * 1000:7.1f}")
    served.__exit__(None, None, None)
    print(f"\nworst page p95: cold {cold_worst * 1000:.0f} ms, as served {worst * 1000:.0f} ms (target 300); "
          f"search p95 {sp95 * 1000:.0f} ms (target 200)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
