"""wiretrace: trace conflict news back to its source.

The public API:

>>> import wiretrace
>>> article = wiretrace.analyze_text("Peskov said that talks were over.", published="2025-11-24")  # doctest: +SKIP
>>> [(c.speaker.name, c.kind, c.text) for c in article.claims]                                      # doctest: +SKIP
[('Dmitry Peskov', 'indirect', 'talks were over')]
"""

from __future__ import annotations

from .model import Article, Claim, EntityMention, PlaceMention, Relay, Span, Speaker
from .settings import Settings

__version__ = "0.1.0"

_ANALYZER = None


def analyze_text(text: str, *, url: str | None = None, published: str | None = None, site: str | None = None,
                 lang: str | None = None, settings: Settings | None = None) -> Article:
    """Analyse one article's text and return the `Article` with claims, places and entities.

    The first call loads the models (a few seconds); later calls reuse them.
    Nothing is stored: use `wiretrace analyze` or `wiretrace.jobs.analyze_paths` for that.
    """
    global _ANALYZER
    from .analyze.pipeline import Analyzer
    from .ingest import RawArticle, prepare

    if _ANALYZER is None or (settings is not None and _ANALYZER.settings != settings):
        _ANALYZER = Analyzer(settings)
    raw = RawArticle(text=text, source="<text>", url=url, published=published, site=site, lang=lang,
                     published_source="field" if published else None)
    return _ANALYZER.analyze_one(prepare(raw))


def load(db_path):
    """The main tables of a wiretrace database as pandas DataFrames (see wiretrace.present.frames)."""
    from .present.frames import load as _load

    return _load(db_path)


__all__ = ["Article", "Claim", "EntityMention", "PlaceMention", "Relay", "Settings", "Span", "Speaker",
           "__version__", "analyze_text", "load"]
