"""The jobs behind the CLI, callable from Python: ingest -> analyse -> store.

The CLI adds printing and progress; everything a command does is here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .analyze.nlp import english_model_name
from .analyze.pipeline import Analyzer
from .errors import InputError
from .ingest import expand_paths, prepare, read_source
from .model import Article
from .settings import Settings
from .store import Store


@dataclass
class RunReport:
    """What a run did: counts, and one line per failed input."""

    analysed: int = 0
    unchanged: int = 0
    new_versions: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def iter_prepared(paths: Iterable[str], *, settings: Settings, report: RunReport,
                  on_error: Callable[[str], None] | None = None, stdin: bytes | None = None) -> Iterator[Article]:
    """Prepared articles from every input; bad inputs become one-line errors and the walk goes on."""
    for path in expand_paths(paths):
        for item in read_source(path, max_bytes=settings.max_bytes, stdin=stdin):
            if isinstance(item, InputError):
                report.errors.append(str(item))
                if on_error:
                    on_error(str(item))
                continue
            try:
                art = prepare(item)
            except (ValueError, TypeError) as exc:  # metadata a reader could not make sense of
                msg = str(InputError(f"W010 cannot prepare article: {exc}", source=item.source))
                report.errors.append(msg)
                if on_error:
                    on_error(msg)
                continue
            if not art.text.strip():
                msg = str(InputError("W001 empty input: no text to analyse", source=item.source))
                report.errors.append(msg)
                if on_error:
                    on_error(msg)
                continue
            yield art


def analyze_paths(paths: Iterable[str], *, db: str, settings: Settings | None = None,
                  on_article: Callable[[Article, bool], None] | None = None,
                  on_error: Callable[[str], None] | None = None, stdin: bytes | None = None,
                  analyzer: Analyzer | None = None) -> RunReport:
    """Ingest, analyse and store every article under `paths` into the SQLite file `db`.

    Articles already stored (same identity, same text) are not analysed again:
    `on_article(article, False)` gets the stored copy.  New ones get
    `on_article(article, True)` after their transaction committed.
    """
    settings = settings or Settings.load()
    report = RunReport()
    analyzer = analyzer or Analyzer(settings)
    analyzer_name = f"wiretrace {__import__('wiretrace').__version__} / {english_model_name(settings.spacy_model)}"
    with Store(db) as store:
        def fresh() -> Iterator[Article]:
            for art in iter_prepared(paths, settings=settings, report=report, on_error=on_error, stdin=stdin):
                existing = store.has_version(art.identity, art.content_hash)
                if existing:
                    report.unchanged += 1
                    if on_article:
                        on_article(store.article(existing), False)
                    continue
                yield art

        def analysis_failed(art: Article, exc: Exception) -> None:
            msg = str(InputError(f"E030 analysis failed: {type(exc).__name__}: {exc}".replace("\n", " "),
                                 source=art.source_path or art.id))
            report.errors.append(msg)
            if on_error:
                on_error(msg)

        for art in analyzer.analyze(fresh(), on_error=analysis_failed):
            if store.write_article(art, analyzer.kb, analyzer=analyzer_name):
                report.analysed += 1
                if art.version > 1:
                    report.new_versions += 1
                if on_article:
                    on_article(art, True)
            else:
                report.unchanged += 1
    return report
