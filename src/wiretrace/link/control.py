"""Territorial control per place, as each side claims it, and where the claims contradict each other.

Input: the claimed events of the store (`store.tables.event_rows`, one row per event and place).  A control point
is an event that says who holds a place from a day on (captured, liberated, held, withdrawn from: analyze/events.py
sets its `controller`), or that denies such a claim.  Each point keeps the claim's speaker and side and the article,
so every point of the timeline leads back to its claim.

A contradiction: on one place, within `window_days`, a claim that side A holds it and a claim, by a speaker of
another side, that the other side holds it or that A's claim is false (the Russian Defence Ministry claims a town
taken on day D; the Ukrainian General Staff denies it on D+1).  Claims by nobody in particular (the article's own
voice) count with the side of the force they name.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass
from datetime import date

CONTROL_TYPES = ("territory_captured", "territory_liberated", "control_held", "withdrawal")


@dataclass(slots=True)
class ControlPoint:
    place_id: str
    place: str | None
    day: str  # the day the claim gives, else the article's publication day
    dated_by: str  # "claim" or "published"
    type: str
    controller: str | None  # the side said to hold the place (None for a denial)
    denied_side: str | None  # a denial: the side whose claim of control is denied
    speaker: str | None
    speaker_side: str | None
    article_id: str
    site: str | None
    text: str

    @property
    def claimant(self) -> str | None:
        """Whose claim it is: the speaker's side, else (own voice) the side it says holds the place."""
        if self.speaker_side in ("russia", "ukraine"):
            return self.speaker_side
        return self.controller

    def to_dict(self) -> dict:
        return asdict(self) | {"claimant": self.claimant}


def control_points(rows) -> list[ControlPoint]:
    """The control points among event rows, oldest first: those that name a settlement (a GeoNames place; control
    of a region or a country is not claimed by one communiqué, and a region named beside a town only locates it)."""
    out = []
    for r in rows:
        if r["type"] not in CONTROL_TYPES or not (r.get("place_id") or "").startswith("geonames:"):
            continue
        denied = bool(r["denied"])
        if not denied and r["controller"] is None:
            continue
        out.append(ControlPoint(
            place_id=r["place_id"], place=r.get("place"), day=r["day"],
            dated_by="claim" if r.get("event_date") else "published", type=r["type"],
            controller=None if denied else r["controller"],
            denied_side=(r["actor_side"] if r["type"] != "withdrawal" else _other(r["actor_side"])) if denied else None,
            speaker=r.get("speaker"), speaker_side=r.get("speaker_side"), article_id=r["article_id"],
            site=r.get("site"), text=r["text"]))
    out.sort(key=lambda p: (p.place_id, p.day or "", p.article_id))
    return out


def _other(side: str | None) -> str | None:
    return {"russia": "ukraine", "ukraine": "russia"}.get(side or "")


def timelines(points: list[ControlPoint]) -> dict[str, list[ControlPoint]]:
    """Place id -> its control points in time order."""
    out: dict[str, list[ControlPoint]] = {}
    for p in points:
        out.setdefault(p.place_id, []).append(p)
    return out


def contradictions(points: list[ControlPoint], *, window_days: int = 14) -> list[dict]:
    """Pairs of claims on one place within `window_days` that cannot both hold: side A says A holds it, and a
    speaker of the other side says it holds it, or denies A's claim.  Each claim is compared only with those in
    its window (a town claimed thousands of times a year costs no more than its busiest fortnight)."""
    out = []
    for place_id, pts in timelines(points).items():
        dated = sorted(((d, p) for p in pts if (d := _ordinal(p.day)) is not None), key=lambda dp: dp[0])
        days = [d for d, _ in dated]
        for day, a in dated:
            if a.controller not in ("russia", "ukraine"):
                continue
            lo, hi = bisect_left(days, day - window_days), bisect_right(days, day + window_days)
            for other_day, b in dated[lo:hi]:
                if b is a or b.claimant in (None, a.controller):
                    continue
                if b.controller == _other(a.controller) or b.denied_side == a.controller:
                    if (b.day, b.article_id) < (a.day, a.article_id) and b.controller in ("russia", "ukraine"):
                        continue  # a pair of two control claims is reported once, from the earlier one
                    out.append({"place_id": place_id, "place": a.place, "claim": a.to_dict(), "answer": b.to_dict(),
                                "days_apart": abs(other_day - day), "kind": "denial" if b.denied_side else "counter-claim"})
    out.sort(key=lambda c: (c["claim"]["day"], c["place_id"], c["claim"]["article_id"], c["answer"]["article_id"]))
    return out


def _ordinal(day: str | None) -> int | None:
    try:
        return date.fromisoformat(day[:10]).toordinal() if day else None
    except ValueError:
        return None
