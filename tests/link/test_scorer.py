"""The pair scorer's additive terms: step functions read as the fitted stumps split, and the terms `why` prints
add up to the probability trace compares with the threshold."""

from __future__ import annotations

import json
import math

from wiretrace.link.fingerprints import Fingerprint
from wiretrace.link.scorer import Scorer


def _scorer(tmp_path, body: dict) -> Scorer:
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps({"features": ["places", "gap_days"], "bias": -1.0, "threshold": 0.5} | body))
    return Scorer.load(str(path))


def test_a_step_holds_up_to_and_including_its_edge(tmp_path):
    scorer = _scorer(tmp_path, {"steps": {"places": {"edges": [0.0, 0.5], "values": [0.0, 1.0, 3.0]}}})
    assert scorer.term("places", 0.0) == 0.0
    assert scorer.term("places", 0.25) == 1.0
    assert scorer.term("places", 0.5) == 1.0  # x <= edge goes left, as the stump split
    assert scorer.term("places", 0.51) == 3.0
    assert scorer.term("gap_days", 3.0) == 0.0  # a feature without a term adds nothing


def test_linear_and_step_terms_add(tmp_path):
    scorer = _scorer(tmp_path, {"weights": [0.0, -0.5], "steps": {"gap_days": {"edges": [1.0], "values": [0.0, -2.0]}}})
    assert scorer.term("gap_days", 0.5) == -0.25
    assert scorer.term("gap_days", 4.0) == -4.0


def _fp(aid: str, lang: str, published: str, **kw) -> Fingerprint:
    return Fingerprint(article_id=aid, lang=lang, published=published, **kw)


def test_the_bundled_scorers_terms_add_up_to_its_probability():
    scorer = Scorer.load()
    a = _fp("a", "ru", "2025-10-12T08:00:00", persons=("person:marochko",), lead_speaker="person:marochko",
            places=("geonames:705104",), numbers=("3 km",), dates=("--10-11",), names=("mrchk", "knstntnk"))
    b = _fp("b", "de", "2025-10-12T15:00:00", persons=("person:marochko",), lead_speaker="person:marochko",
            places=("geonames:705104", "geonames:704508"), numbers=("3 km",), dates=("--10-11",),
            names=("mrchk", "knstntnk", "krntrsk"))
    ps = scorer.score(a, b)
    z = scorer.bias + sum(ps.contributions.values())
    assert math.isclose(ps.probability, 1 / (1 + math.exp(-z)), rel_tol=1e-9)
    # the same statement in two languages on one day is a link; a week later with other figures and days, not
    later = _fp("c", "de", "2025-10-19T15:00:00", persons=("person:marochko",), lead_speaker="person:marochko",
                places=("geonames:705104",), numbers=("12 km",), dates=("--10-18",), names=("mrchk", "knstntnk"))
    assert ps.probability >= scorer.threshold > scorer.score(a, later).probability
