"""wiretrace.load: the main tables as DataFrames."""

from __future__ import annotations

import pytest

import wiretrace


def test_load_gives_frames_of_the_traced_tables(traced):
    db, ids, data = traced
    frames = wiretrace.load(db)
    assert len(frames["articles"]) == len(ids)
    assert set(frames["members"]["article_id"]) == set(ids.values())
    assert len(frames["families"]) == len(data["families"])
    assert (frames["changes"]["kind"] == "fabricated_quote").sum() >= 2
    assert str(frames["articles"]["published"].dtype).startswith("datetime64")
    # every claim row points to a stored article
    assert set(frames["claims"]["article_id"]) <= set(frames["articles"]["id"])


def test_load_refuses_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        wiretrace.load(tmp_path / "nope.db")
