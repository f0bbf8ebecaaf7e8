"""What each explorer page shows, as plain dicts: the named queries of `wiretrace.store.pages` with what is drawn
added (charts, the neighbour graph's layout, the highlighted text, a family's timeline).

Pure functions of a store connection (store.connect(): SQLite or PostgreSQL): the server renders them, `?format=json`
returns them as they are, and `report --html` writes them to files, so the three can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable

from ...store import pages, summaries
from ...store.backends import Connection
from ...store.pages import MAX_PAGE, heavy_keys  # noqa: F401 - read by the app as views.MAX_PAGE, views.heavy_keys
from ...store.summaries import has_table as _has  # noqa: F401 - the static site's


def _with(data: dict, after: str, key: str, value) -> dict:
    """`data` with `key` inserted after `after` (the JSON twin keeps its fields in reading order)."""
    out = {}
    for k, v in data.items():
        out[k] = v
        if k == after:
            out[key] = value
    return out


def speaker_data(c: Connection, key: str) -> dict | None:
    return pages.speaker_page(c, key)


def site_data(c: Connection, site: str) -> dict | None:
    data = pages.site_page(c, site)
    if data is None:
        return None
    links = data.pop("graph_links")
    drawing = neighbour_drawing(site, data["neighbours"][:pages.GRAPH_NEIGHBOURS], links) if links is not None else None
    data = _with(data, "per_day", "chart", attention_chart(data["per_day"]))
    return _with(data, "total_families", "graph", drawing)


def new_data(c: Connection, since: str | None = None) -> dict:
    return pages.new_since(c, since)


def search_data(c: Connection, **query) -> dict:
    return pages.search(c, **query)


def overview_data(c: Connection) -> dict:
    """The overview: as `trace` summarised it when that summary describes the database as it is (see
    wiretrace.store.summaries), else computed now; with its chart."""
    data = summaries.read(c, "overview") or pages.overview(c)
    data.pop("chart", None)  # a summary written before the chart was drawn here
    return _with(data, "per_day", "chart", attention_chart(data["per_day"]))


def place_data(c: Connection, place_id: str) -> dict | None:
    """The place page: its claims by day and side, and who each side claims holds it (link.control), with the
    claims that contradict each other."""
    from ...link.control import contradictions, control_points
    from ...store import tables

    data = pages.place_page(c, place_id)
    if data is None:
        return None
    points = control_points(tables.event_rows(c, place=place_id))
    data["control"] = [p.to_dict() for p in points]
    data["contradictions"] = contradictions(points)
    return _with(data, "claims_per_day_by_side", "chart", side_chart(data["claims_per_day_by_side"]))


def article_data(c: Connection, ident: str) -> dict | None:
    data = pages.article_page(c, ident)
    if data is None:
        return None
    relays = data.pop("relays")
    segments_ = highlighted(data["text"], data["claims"], data["places"], relays, data["changes"],
                            anchors=[b["start"] for b in data["side_by_side"]])
    return _with(data, "text", "segments", segments_)


def family_data(c: Connection, family_id: str) -> dict | None:
    data = pages.family_page(c, family_id)
    if data is None:
        return None
    return {**data, "timeline": timeline(data["members"])}


def neighbour_drawing(site: str, shown: list[dict], links: list[tuple[str, str, int]], size: int = 560) -> dict:
    """Geometry of the site's neighbourhood: the site, its strongest neighbours, and the edges among them (families
    of this site that both published), laid out by networkx's spring layout with a fixed seed and drawn by the
    template as SVG with no script."""
    import networkx as nx

    g = nx.Graph()
    g.add_node(site)
    for n in shown:
        g.add_edge(site, n["site"], weight=n["shared_families"])
    for a, b, both in links:
        g.add_edge(a, b, weight=both)
    pos = nx.spring_layout(g, seed=1, weight="weight") if len(g) > 1 else {site: (0.0, 0.0)}
    pad = 60

    def scaled(x: float, y: float) -> tuple[float, float]:
        # room on the right for the labels, which are drawn after their dot
        return round(30 + (x + 1) / 2 * (size - 200), 1), round(pad + (y + 1) / 2 * (size - 2 * pad), 1)

    at = {n: scaled(*pos[n]) for n in g.nodes}
    nodes = [{"site": n, "x": at[n][0], "y": at[n][1], "centre": n == site,
              "r": 10 if n == site else round(4 + min(8, g[site][n]["weight"] ** 0.5 * 2), 1)} for n in g.nodes]
    edges = [{"x1": at[a][0], "y1": at[a][1], "x2": at[b][0], "y2": at[b][1], "weight": d["weight"],
              "width": round(min(6, 0.8 + d["weight"] ** 0.5), 1)} for a, b, d in g.edges(data=True)]
    return {"size": size, "nodes": sorted(nodes, key=lambda n: n["site"]), "edges": edges}


def every_day(per_day: list[dict], empty: dict) -> list[dict]:
    """The days from the first to the last, each once: a day with nothing is `empty` (so a chart's gaps show as
    gaps, not as days run together).  Entries whose day is no ISO date (an undated bucket) come last."""
    from datetime import date, timedelta

    dated, other = {}, []
    for d in per_day:
        try:
            dated[date.fromisoformat(d["day"][:10])] = d
        except (TypeError, ValueError):
            other.append(d)
    if not dated:
        return other
    first, last = min(dated), max(dated)
    days = [first + timedelta(n) for n in range((last - first).days + 1)]
    return [dated.get(day) or {"day": day.isoformat(), **empty} for day in days] + other


def _frame(per_day: list[dict], top: int, width: int, height: int) -> dict:
    """A chart's plot area and axes: counts up the left (0, half, the most), days along the bottom (the first,
    the last and up to four between); `x(i)` is the left edge of day i's slot."""
    left, bottom, top_pad = 44, 22, 8
    plot_h = height - bottom - top_pad
    step = (width - left - 4) / len(per_day)
    base = top_pad + plot_h
    every = max(1, -(-(len(per_day) - 1) // 5))
    shown = sorted(set(range(0, len(per_day), every)) | {len(per_day) - 1})
    dated = len(per_day) > 1
    return {"left": left, "base": base, "top_y": top_pad, "right": width - 4, "x_label_y": height - 6,
            "step": step, "plot_h": plot_h,
            "y_ticks": [{"y": round(base - v / top * plot_h, 1), "label": str(v)} for v in sorted({0, top // 2, top})],
            "x_ticks": [{"x": round(left + i * step + step / 2, 1),
                         "label": (per_day[i]["day"][5:] if dated else per_day[i]["day"]) or "undated"} for i in shown]}


def attention_chart(per_day: list[dict], width: int = 720, height: int = 180) -> dict:
    """Geometry of the attention chart (articles per day as bars, distinct families per day as a line; every day
    from the first to the last on it, empty ones included), with its axes (see _frame).  Drawn by the template as
    SVG: no script, no inline style, so the Content-Security-Policy holds."""
    per_day = every_day(per_day, {"articles": 0, "families": 0})
    if not per_day:
        return {"width": width, "height": height, "bars": [], "line": ""}
    top = max(d["articles"] for d in per_day) or 1
    frame = _frame(per_day, top, width, height)
    left, base, step, plot_h = frame["left"], frame["base"], frame["step"], frame["plot_h"]
    bars, points = [], []
    for i, d in enumerate(per_day):
        h = d["articles"] / top * plot_h
        bars.append({"x": round(left + i * step + 1, 1), "y": round(base - h, 1), "w": round(max(step - 2, 1), 1),
                     "h": round(h, 1), "label": f"{d['day']}: {d['articles']} articles, {d['families']} families"})
        points.append(f"{round(left + i * step + step / 2, 1)},{round(base - d['families'] / top * plot_h, 1)}")
    return {"width": width, "height": height, "bars": bars, "line": " ".join(points), **frame,
            "first_day": per_day[0]["day"], "last_day": per_day[-1]["day"]}


SIDES = ("russia", "ukraine", "other", "unknown")


def side_chart(per_day: list[dict], width: int = 720, height: int = 160) -> dict:
    """Geometry of claims per day stacked by the speaker's side (every day from the first to the last, empty ones
    included), with its axes (see _frame), drawn by the template as SVG (colours from the stylesheet's classes: no
    inline style, no script).  Each bar links to that day's claims."""
    per_day = every_day(per_day, {})
    if not per_day:
        return {"width": width, "height": height, "bars": []}
    top = max(sum(d.get(side, 0) for side in SIDES) for d in per_day) or 1
    frame = _frame(per_day, top, width, height)
    left, step, plot_h = frame["left"], frame["step"], frame["plot_h"]
    bars = []
    for i, d in enumerate(per_day):
        y = float(frame["base"])
        for side in SIDES:
            n = d.get(side, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            bars.append({"x": round(left + i * step + 1, 1), "y": round(y, 1), "w": round(max(step - 2, 1), 1),
                         "h": round(h, 1), "side": side, "day": d["day"],
                         "label": f"{d['day']}: {n} claims by {side}-side speakers"})
    return {"width": width, "height": height, "bars": bars, **frame, "first_day": per_day[0]["day"],
            "last_day": per_day[-1]["day"], "days": len(per_day), "top": top}


MARK_KINDS = {
    "speaker": "speaker", "cue": "speech verb", "relay": "relaying outlet", "hedge": "hedge", "place": "place",
    "added_sentence": "added sentence", "unverified_sentence": "unverified sentence",
    "fabricated_quote": "quote the origin never had", "outside_quote": "quote from another statement",
    "number": "changed number", "date": "changed date",
    "actor": "changed actor", "place_change": "changed place", "transliteration": "respelled name",
}


def highlighted(text: str, claims: list[dict], places: list[dict], relays: list[dict], changes: list[dict],
                anchors: list[int] = ()) -> list[dict]:
    """The text cut into claim and plain segments (see `segments`), each cut again into pieces carrying the marks
    that cover them: speakers, speech verbs, relaying outlets, hedges, places (with the spelling's side) and the
    rewrite's changes.  Each piece starts at an offset that is its anchor (#at-OFFSET), so tables can link to the
    very words a figure counts; `anchors` adds cut points (sentence starts).  Written here because the marks
    overlap freely and HTML needs them flat."""
    marks: list[tuple[int, int, str, str]] = []  # start, end, kind, label
    for cl in claims:
        if cl.get("speaker_start") is not None and cl.get("speaker_end"):
            marks.append((cl["speaker_start"], cl["speaker_end"], "speaker", f"speaker: {cl['speaker_name'] or ''}"))
        if cl.get("cue_start") is not None and cl.get("cue_end"):
            marks.append((cl["cue_start"], cl["cue_end"], "cue", f"speech verb: {cl['cue_text'] or ''}"))
        lo = cl.get("sentence_start") if cl.get("sentence_start") is not None else cl["char_start"]
        hi = cl.get("sentence_end") or cl["char_end"]
        window = text[lo:hi].lower()
        for h in cl.get("hedges") or []:
            i = window.find(h.lower()) if h else -1
            if i >= 0:
                marks.append((lo + i, lo + i + len(h), "hedge", f"hedge: {h}"))
    for r in relays:
        marks.append((r["char_start"], r["char_end"], "relay", f"relayed by {r['outlet_name']}"))
    for p in places:
        marks.append((p["char_start"], p["char_end"], f"place variant-{p['variant'] or 'neutral'}",
                      f"{p['name']} ({p['variant'] or 'neutral'} spelling)"))
    for ch in changes:
        if ch.get("member_start") is not None and ch.get("member_end"):
            kind = "place_change" if ch["kind"] == "place" else ch["kind"]
            marks.append((ch["member_start"], ch["member_end"], f"change change-{kind}",
                          f"{MARK_KINDS.get(kind, kind)}{': ' + ch['detail'] if ch.get('detail') else ''}"))
    marks = [m for m in marks if 0 <= m[0] < m[1] <= len(text)]
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks), *(a for a in anchors if 0 < a < len(text))})
    out = []
    for seg in segments(text, claims):
        s, e = seg["start"], seg["end"]
        points = [s, *(x for x in cuts if s < x < e), e]
        pieces = []
        for a, b in zip(points, points[1:]):
            on = [m for m in marks if m[0] <= a and b <= m[1]]
            pieces.append({"text": text[a:b], "start": a, "classes": " ".join(sorted({m[2] for m in on})),
                           "labels": "; ".join(dict.fromkeys(m[3] for m in on))})
        seg["pieces"] = pieces
        out.append(seg)
    return out


def segments(text: str, claims: list[dict]) -> list[dict]:
    """The text cut into plain and claim segments (claims never overlap in the cut: the first one wins)."""
    out, pos = [], 0
    for cl in sorted(claims, key=lambda c: c["char_start"]):
        s, e = cl["char_start"], cl["char_end"]
        if s < pos or e <= s:
            continue
        if s > pos:
            out.append({"text": text[pos:s], "start": pos, "end": s, "claim": None})
        out.append({"text": text[s:e], "start": s, "end": e, "claim": cl["seq"], "kind": cl["kind"],
                    "side": cl["speaker_side"] or "unknown", "speaker": cl["speaker_name"]})
        pos = e
    if pos < len(text):
        out.append({"text": text[pos:], "start": pos, "end": len(text), "claim": None})
    return out


def timeline(members: list[dict], width: int = 720, row: int = 22, left: int = 180) -> dict:
    """Geometry of a family's timeline: one row per site, each member a dot at its lag after the origin."""
    sites: list[str] = []
    for m in members:
        if (m["site"] or "") not in sites:
            sites.append(m["site"] or "")
    lags = [m["lag_hours"] for m in members if m["lag_hours"] is not None]
    top = max([*lags, 1.0])
    undated = any(m["lag_hours"] is None for m in members)
    # members with no date stand in a column of their own past the time axis, labelled "date unknown"
    span = width - left - (110 if undated else 30)
    unknown_x = width - 45

    def dot(m: dict) -> dict:
        lag = m["lag_hours"]
        x = unknown_x if lag is None else round(left + lag / top * span, 1)
        when = "date unknown" if lag is None else f"{lag} h"
        return {"x": x, "y": sites.index(m["site"] or "") * row + row, "article_id": m["article_id"], "role": m["role"],
                "label": f"{m['site']}: {m['role']}, {when}", "undated": lag is None}

    ticks = [{"x": round(left + t / 4 * span, 1), "label": f"{round(top * t / 4, 1)} h"} for t in range(5)]
    if undated:
        ticks.append({"x": unknown_x - 30, "label": "date unknown"})
    return {"width": width, "height": len(sites) * row + row + 24, "left": left,
            "rows": [{"site": s, "y": i * row + row} for i, s in enumerate(sites)], "dots": [dot(m) for m in members],
            "ticks": ticks}


# The list each page offers as CSV (`?format=csv`): page -> the key of its rows in the page's data.
CSV_ROWS = {"overview": "per_day", "new": "families", "search": "results", "site": "families", "speaker": "claims",
            "place": "claims", "family": "members"}


# Every page about one thing: kind -> (template, loader).  The server routes /KIND/KEY to it, warms the biggest
# ones, and the static site writes KIND/KEY.html from it.
PAGES: dict[str, tuple[str, Callable[[Connection, str], dict | None]]] = {
    "article": ("article.html", article_data),
    "family": ("family.html", family_data),
    "speaker": ("speaker.html", speaker_data),
    "site": ("site.html", site_data),
    "place": ("place.html", place_data),
}
