"""Helpers over the trace JSON; the traced database itself is the `traced` fixture in tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAMILIES = ROOT / "examples" / "families"


def family_of(data: dict, article_id: str) -> dict:
    return next(f for f in data["families"] if any(m["article_id"] == article_id for m in f["members"]))


def member(data: dict, article_id: str) -> dict:
    return next(m for f in data["families"] for m in f["members"] if m["article_id"] == article_id)
