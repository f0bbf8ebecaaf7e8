"""The bundled scorer is what scripts/fit_scorer.py fits on realdev, the training families and a generated corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_committed_weights_are_reproducible(tmp_path):
    out = tmp_path / "scorer.json"
    committed = json.loads((ROOT / "src/wiretrace/link/data/scorer.json").read_text())
    if not all((ROOT / p).is_file() for p in committed["meta"]["fitted_on"]):
        pytest.skip("the scorer is fitted on ../shared/data/realdev, which is absent")
    synthetic = committed["meta"].get("synthetic") or {}
    extra = ["--synthetic", str(synthetic["articles"]), "--synthetic-seed", str(synthetic["seed"])] if synthetic else []
    subprocess.run([sys.executable, str(ROOT / "scripts/fit_scorer.py"), *[str(ROOT / p) for p in committed["meta"]["fitted_on"]],
                    *extra, "--C", str(committed["meta"]["C"]), "--out", str(out)], check=True, capture_output=True)
    fitted = json.loads(out.read_text())
    assert fitted["features"] == committed["features"]
    assert fitted["threshold"] == committed["threshold"]
    for a, b in zip(fitted["weights"], committed["weights"]):
        assert abs(a - b) < 0.01
