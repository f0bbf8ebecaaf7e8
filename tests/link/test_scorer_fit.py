"""The bundled scorer is what scripts/fit_scorer.py fits on realdev, the training families and a generated corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(900)  # the whole cross-validated fit: about three minutes on two cores
def test_committed_scorer_is_reproducible(tmp_path):
    out = tmp_path / "scorer.json"
    committed = json.loads((ROOT / "src/wiretrace/link/data/scorer.json").read_text())
    if not all((ROOT / p).is_file() for p in committed["meta"]["fitted_on"]):
        pytest.skip("the scorer is fitted on ../shared/data/realdev, which is absent")
    synthetic = committed["meta"].get("synthetic") or {}
    extra = ["--synthetic", str(synthetic["articles"]), "--synthetic-seed", str(synthetic["seed"])] if synthetic else []
    subprocess.run([sys.executable, str(ROOT / "scripts/fit_scorer.py"), *[str(ROOT / p) for p in committed["meta"]["fitted_on"]],
                    *extra, "--C", str(committed["meta"]["C"]), "--model", committed["meta"].get("model", "linear"), "--out", str(out)], check=True, capture_output=True)
    fitted = json.loads(out.read_text())
    assert fitted["features"] == committed["features"]
    assert fitted["threshold"] == committed["threshold"]
    assert abs(fitted["bias"] - committed["bias"]) < 0.01
    for a, b in zip(fitted.get("weights", []), committed.get("weights", [])):
        assert abs(a - b) < 0.01
    assert len(fitted.get("trees", [])) == len(committed.get("trees", []))
    for mine, theirs in zip(fitted.get("trees", []), committed.get("trees", [])):
        assert [n[0] for n in mine] == [n[0] for n in theirs]  # the same signal tested at every node
        for a, b in zip(mine, theirs):
            assert abs(a[1] - b[1]) < 0.01 and abs(a[4] - b[4]) < 0.01
