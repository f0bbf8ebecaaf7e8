"""The pair scorer's trees: walked as scikit-learn splits them, and the terms `why` prints (each step down a tree
credited to the signal it tested) add up to the probability trace compares with the threshold."""

from __future__ import annotations

import json
import math

from wiretrace.link.fingerprints import Fingerprint
from wiretrace.link.scorer import Scorer

# one tree: places <= 0.5 ? (gap_days <= 2 ? +1 : -1) : +3, with inner values as a fit leaves them
TREE = [["places", 0.5, 1, 4, 0.2], ["gap_days", 2.0, 2, 3, 0.0], [None, 0.0, 0, 0, 1.0], [None, 0.0, 0, 0, -1.0],
        [None, 0.0, 0, 0, 3.0]]


def _scorer(tmp_path, body: dict) -> Scorer:
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps({"features": ["places", "gap_days"], "bias": -1.0, "threshold": 0.5} | body))
    return Scorer.load(str(path))


def _z(scorer: Scorer, feats: dict) -> float:
    return scorer.bias + sum(scorer.terms(feats).values()) + sum(tree[0][4] for tree in scorer.trees)


def test_a_pair_goes_left_up_to_and_including_the_threshold(tmp_path):
    scorer = _scorer(tmp_path, {"trees": [TREE]})
    assert math.isclose(_z(scorer, {"places": 0.5, "gap_days": 2.0}), -1.0 + 1.0, abs_tol=1e-9)  # both thresholds reached, not passed: left
    assert math.isclose(_z(scorer, {"places": 0.5, "gap_days": 2.5}), -1.0 - 1.0, abs_tol=1e-9)
    assert math.isclose(_z(scorer, {"places": 0.51, "gap_days": 9.0}), -1.0 + 3.0, abs_tol=1e-9)


def test_each_step_is_credited_to_the_signal_it_tested(tmp_path):
    scorer = _scorer(tmp_path, {"trees": [TREE, TREE]})
    terms = scorer.terms({"places": 0.2, "gap_days": 5.0})
    assert math.isclose(terms["places"], 2 * (0.0 - 0.2))  # root -> the gap node
    assert math.isclose(terms["gap_days"], 2 * (-1.0 - 0.0))  # the gap node -> its right leaf


def test_linear_weights_stand_beside_the_trees(tmp_path):
    scorer = _scorer(tmp_path, {"weights": [0.0, -0.5], "trees": [TREE]})
    assert scorer.terms({"places": 0.9, "gap_days": 4.0})["gap_days"] == -2.0
    assert math.isclose(_z(scorer, {"places": 0.9, "gap_days": 4.0}), -1.0 + 3.0 - 2.0, abs_tol=1e-9)


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
    z = scorer.bias + sum(ps.contributions.values()) + sum(tree[0][4] for tree in scorer.trees)
    assert math.isclose(ps.probability, 1 / (1 + math.exp(-z)), rel_tol=1e-9)
    assert math.isclose(scorer.log_odds(ps.features), z, abs_tol=1e-9)
    # the same statement in two languages on one day is a link; a week later with other figures and days, not
    later = _fp("c", "de", "2025-10-19T15:00:00", persons=("person:marochko",), lead_speaker="person:marochko",
                places=("geonames:705104",), numbers=("12 km",), dates=("--10-18",), names=("mrchk", "knstntnk"))
    assert ps.probability >= scorer.threshold > scorer.score(a, later).probability
