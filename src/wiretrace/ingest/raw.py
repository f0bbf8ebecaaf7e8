"""What a reader yields: one raw article before analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class RawArticle:
    """Text and whatever metadata the input carried; `source` names file (and line) for messages."""

    text: str
    source: str
    url: str | None = None
    title: str | None = None
    published: Any = None
    site: str | None = None
    lang: str | None = None
    external_id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    published_source: str | None = None
