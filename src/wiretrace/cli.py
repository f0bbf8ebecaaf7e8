"""The `wiretrace` command.  Each command is a thin wrapper over a function in `jobs`, `store` or `evaluate`."""


from __future__ import annotations

import json
import math
import os
import signal

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import (BarColumn, DownloadColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn, TransferSpeedColumn)
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .present.files import atomic_output, output_problem
from .present.terminal import SafeConsole
from .settings import Settings
from .store.backends import database_errors, is_postgres, redact


class _PlainHelp:
    """Help without Typer's type placeholders (<bool>, <list[Path]>): a flag shows no metavar, any other option
    its metavar (FILE, DAYS), and an argument only its name in capitals."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if isinstance(param, TyperArgument):
                param.metavar = param.metavar or param.name.upper()
                param.display_type_rich = _no_type  # the name column already says what to give
            elif param.metavar is None:
                param.metavar = "" if param.is_flag else param.name.upper()
        return params


def _no_type(ctx=None) -> None:
    return None


class _Command(_PlainHelp, TyperCommand):
    pass


class _Group(_PlainHelp, TyperGroup):
    pass


app = typer.Typer(
    name="wiretrace",
    cls=_Group,
    help="Trace conflict news back to its source: who said what, relayed by whom, and where it came from.\n\n"
         "Start with:  wiretrace analyze examples/corpus   then   wiretrace show ARTICLE_ID",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
# Article text and file names are hostile: SafeConsole drops what could drive the terminal.  Piped to a file or
# another program, lines are not wrapped at 80 columns (width: wide enough for any table row).
_PIPED_WIDTH = 250
TRACE_SHOWN = 20  # families `trace` prints without --all: a summary, not 1,300 lines for 1,000 articles
out = SafeConsole(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else _PIPED_WIDTH)
err = SafeConsole(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[str, typer.Option("--db", metavar="FILE|URL", help="SQLite file, or PostgreSQL URL (postgresql://user@host/dbname), to write and read (setting `db`, env WIRETRACE_DB).")]
DbReadOption = Annotated[str, typer.Option("--db", metavar="FILE|URL", help="SQLite file, or PostgreSQL URL (postgresql://user@host/dbname), to read (setting `db`, env WIRETRACE_DB).")]
KbOption = Annotated[Optional[list[Path]], typer.Option("--kb", metavar="FILE", help="Extra knowledge-base JSONL file (repeatable).",
                                                        exists=True, dir_okay=False)]


def _positive_days(value: float | None) -> float | None:
    if value is not None and not (math.isfinite(value) and value > 0):
        raise typer.BadParameter(f"must be a number of days above 0, not {value}")
    return value


def _tile_url(value: str) -> str:
    from .present.web.app import tile_origin

    if value and tile_origin(value) is None:
        raise typer.BadParameter(f"must be an http(s) URL template like https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png, not {value!r}")
    return value


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        out.print(f"wiretrace {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                          callback=_print_version)] = False,
) -> None:
    pass


def _settings(db: str | None = None, kb: list[Path] | None = None, **extra) -> Settings:
    """The settings with the command line's values over them; a bad setting is one line and exit 2."""
    try:
        s = Settings.load()
        changes = {k: v for k, v in extra.items() if v is not None}
        if db:
            changes["db"] = db
        if kb:
            changes["kb_files"] = tuple(str(p) for p in kb) + s.kb_files
        return s.merged(changes, origin="the command line") if changes else s
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None


def _interrupted(exc: BaseException) -> bool:
    """A Ctrl-C, or a database error raised while handling one."""
    return isinstance(exc, KeyboardInterrupt) or isinstance(exc.__context__, KeyboardInterrupt)


# Below this many records per core, `analyze` runs in one process: each worker process loads the models (seconds).
MIN_BYTES_PER_WORKER = 256 * 1024  # of input a core: below it, loading the models in each process costs more than it saves


@app.command(cls=_Command)
def analyze(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files, directories (recursive) or '-' for stdin: .txt .html .jsonl .csv .parquet .warc(.gz), RSS/Atom.")],
    db: DbOption = "",
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object per article per line instead of the ledger.")] = False,
    kb: KbOption = None,
    max_bytes: Annotated[Optional[int], typer.Option("--max-bytes", metavar="BYTES", min=1, help="Refuse an input larger than this (default 5 MB); JSON-lines, CSV and "
                                                                                                  "Parquet files are read a record at a time, of any size, and each record is held to it.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the summary.")] = False,
    unattributed: Annotated[bool, typer.Option("--unattributed/--no-unattributed", help="Show the article's own-voice assertions in the ledger.")] = True,
    fast: Annotated[bool, typer.Option("--fast", help="Fingerprint-only triage: no parse and no claims, only the people, outlets, places, "
                                                      "numbers and dates that `wiretrace trace` links on (over 10x faster).")] = False,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1, metavar="N",
                                                   help="Processes analysing at once (default: the machine's cores; one when the inputs hold "
                                                        f"less than {MIN_BYTES_PER_WORKER // 1024} KB per core (about 128 short articles), where "
                                                        "loading the models in each process costs more than it saves). The result is the same for any N.")] = None,
    engine: Annotated[str, typer.Option("--engine", metavar="local|ray",
                                        help="'ray' reads and analyses JSON-lines and Parquet shards on Ray Data (a local Ray "
                                             "by default, --ray-address for a cluster; needs the 'ray' extra), then writes here.")] = "local",
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", metavar="ADDRESS", help="A Ray cluster to join (ray://host:10001, or 'auto').")] = None,
    stage: Annotated[Optional[str], typer.Option("--stage", metavar="DIR", help="With --engine ray: keep the analysed articles as Parquet in DIR "
                                                                              "(on a cluster, a folder every node can write).")] = None,
) -> None:
    """Ingest and analyse articles into the database, printing each article's ledger of claims.

    Re-running on the same inputs changes nothing; a changed text under the same URL is stored as a new version.
    Bad inputs get one line on stderr and the run goes on; the exit code is 1 if any input failed.
    """
    from .jobs import analyze_paths
    from .present.export import article_json
    from .present.ledger import print_article

    settings = _settings(db, kb, max_bytes=max_bytes)
    _check_engine(engine)
    if engine == "ray":
        if "-" in paths:
            err.print("error: --engine ray reads files (JSON lines, Parquet), not standard input", markup=False)
            raise typer.Exit(2)
    from .ingest.sources import read_bounded

    stdin = read_bounded(sys.stdin.buffer, settings.max_bytes) if "-" in paths else None
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    for p in missing:
        err.print(f"[red]error[/red] {p}: no such file or directory", markup=True, highlight=False)
    paths = [p for p in paths if p not in missing]

    from .ingest.sources import ReadMeter, estimate_articles, input_bytes

    # Locally the bar counts the bytes of the inputs read (their size is known at once: no pass over them); on Ray,
    # where other processes read, it counts articles against a quick count of the inputs' records.
    by_bytes = engine == "local"
    meter = ReadMeter() if by_bytes else None
    size_columns = (DownloadColumn(), TransferSpeedColumn()) if by_bytes else (MofNCompleteColumn(),)
    progress = Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                        *size_columns, TimeElapsedColumn(), TimeRemainingColumn(), console=err, transient=True,
                        disable=json_out or not err.is_terminal)
    stored = 0

    def advance() -> None:
        nonlocal stored
        stored += 1
        if meter is None:
            progress.advance(task)
        else:
            progress.update(task, completed=meter.position(), description=f"{label}: {stored} articles")

    def on_error(msg: str) -> None:
        advance()  # a refused record or file was counted in the total too
        progress.console.print(f"error {msg}", markup=False, highlight=False, style="red")

    def on_warning(msg: str) -> None:
        progress.console.print(f"warning {msg}", markup=False, highlight=False, style="yellow")

    def on_article(art, fresh: bool) -> None:
        advance()
        if json_out:
            sys.stdout.write(article_json(art) + "\n")
            sys.stdout.flush()
        elif not quiet:
            print_article(progress.console if progress.live.is_started else out, art, include_unattributed=unattributed)

    total_bytes = input_bytes(paths, stdin)
    ray_workers = workers or 0  # on Ray: the actors asked for, else one per CPU of the cluster
    if workers is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        workers = cores if total_bytes >= MIN_BYTES_PER_WORKER * cores else 1
    # on Ray, a total (and so an ETA) from a quick count of the inputs' records; not parsed, so only about right
    total = total_bytes if by_bytes else (estimate_articles(paths, max_bytes=settings.max_bytes)
                                          if not progress.disable else None)
    label = "analysing" if workers == 1 or engine == "ray" else f"analysing ({workers} processes)"
    with progress:
        task = progress.add_task(label, total=total)
        try:
            report = analyze_paths(paths, db=settings.db, settings=settings, on_article=on_article, on_error=on_error, stdin=stdin,
                                   fast=fast, on_warning=on_warning, workers=workers if engine == "local" else ray_workers,
                                   engine=engine, ray_address=ray_address, stage=stage, meter=meter)
        except (KeyboardInterrupt, *database_errors()) as exc:
            if not _interrupted(exc):
                raise
            err.print("interrupted: every article stored so far is complete; run the same command again to finish.")
            raise typer.Exit(130) from None
        except ValueError as exc:  # missing model, bad KB file
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2) from None
    failed = report.failed + len(missing)
    warned = f", {len(report.warnings)} warnings" if report.warnings else ""
    err.print(f"{report.analysed} analysed ({report.new_versions} new versions), {report.unchanged} unchanged, "
              f"{failed} failed{warned} -> {redact(settings.db)}", markup=False)
    if failed:
        raise typer.Exit(1)


@app.command(cls=_Command)
def fetch(
    urls: Annotated[Optional[list[str]], typer.Argument(metavar="URL", help="Pages to fetch (http or https).")] = None,
    input_file: Annotated[Optional[Path], typer.Option("--input", "-i", metavar="URLS.txt", help="A file of URLs, one a line ('#' comments).")] = None,
    db: DbOption = "",
    archive: Annotated[Optional[Path], typer.Option("--archive", metavar="DIR", help="Keep each page's raw bytes and headers in DIR "
                                                                                    "(default: DB-archive/ beside the database).")] = None,
    warc: Annotated[Optional[Path], typer.Option("--warc", metavar="FILE", help="Append the pages to a WARC file instead (.warc.gz "
                                                                                "compressed); `wiretrace analyze FILE` reads it.")] = None,
    delay: Annotated[float, typer.Option("--delay", min=0.0, help="Seconds between two requests to one host.")] = 1.0,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Retries on 429, 5xx and timeouts, with backoff (Retry-After honoured).")] = 3,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a response.")] = 20.0,
    user_agent: Annotated[Optional[str], typer.Option("--user-agent", metavar="UA", help="The User-Agent sent (default names wiretrace).")] = None,
    proxy: Annotated[Optional[str], typer.Option("--proxy", metavar="URL", help="Send every request through this HTTP proxy.")] = None,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Hosts read at once (one request at a time to any one host).")] = 4,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the summary.")] = False,
) -> None:
    """Fetch pages politely, keep their raw bytes as evidence, and analyse them into the database.

    robots.txt is obeyed, one host gets a request every --delay seconds, 429/5xx/timeouts are retried with
    backoff, redirects are followed (the final URL kept), and a page fetched before is asked for only if it
    changed (ETag / Last-Modified).  Every visit is a row of the `fetches` table.  The network is used only here.
    """
    from .ingest.fetch import USER_AGENT, Fetcher, Politeness
    from .jobs import fetch_urls
    from .present.ledger import print_article

    settings = _settings(db, None)
    wanted = list(urls or [])
    if input_file is not None:
        try:
            wanted += input_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            err.print(f"error {input_file}: cannot read: {exc}", markup=False)
            raise typer.Exit(2) from None
    bad = [u for u in wanted if u.strip() and not u.strip().startswith("#") and not u.strip().lower().startswith(("http://", "https://"))]
    for u in bad:
        err.print(f"error {u}: not an http or https URL", markup=False, highlight=False)
    wanted = [u for u in wanted if u not in bad]
    if not any(u.strip() and not u.strip().startswith("#") for u in wanted):
        err.print("error: no URL to fetch (give URLs or --input URLS.txt)", markup=False)
        raise typer.Exit(2)
    evidence = _evidence(archive, warc, settings)
    politeness = Politeness(user_agent=user_agent or USER_AGENT, delay=delay, retries=retries, timeout=timeout,
                            concurrency=concurrency)

    def on_error(msg: str) -> None:
        err.print(f"error {msg}", markup=False, highlight=False, style="red")

    def on_note(msg: str) -> None:
        if not quiet:
            err.print(msg, markup=False, highlight=False)

    def on_article(art, fresh: bool) -> None:
        if not quiet:
            print_article(out, art)

    try:
        with Fetcher(politeness, max_bytes=settings.max_bytes, proxy=proxy) as fetcher:
            report = fetch_urls(wanted, db=settings.db, settings=settings, evidence=evidence, fetcher=fetcher,
                                on_article=on_article, on_error=on_error, on_note=on_note)
    except KeyboardInterrupt:
        err.print("interrupted: every page stored so far is complete; run the same command again to finish.")
        raise typer.Exit(130) from None
    finally:
        evidence.close()
    where = warc if warc is not None else evidence.folder
    err.print(f"{report.fetched} fetched, {report.not_modified} not modified, {report.skipped} skipped by robots.txt; "
              f"{report.analysed} analysed, {report.unchanged} unchanged, {report.failed + len(bad)} failed -> {redact(settings.db)} "
              f"(evidence in {where})", markup=False)
    if report.failed or bad:
        raise typer.Exit(1)


def _evidence(archive: Path | None, warc: Path | None, settings: Settings):
    """Where `fetch` and `watch` keep the pages' raw bytes: a WARC file, else a folder (DB-archive/ by default)."""
    from .ingest.fetch import FolderEvidence, WarcEvidence

    if archive is not None and warc is not None:
        err.print("error: --archive and --warc are two places for the same evidence: give one", markup=False)
        raise typer.Exit(2)
    if warc is not None:
        return WarcEvidence(warc)
    if archive is None:  # beside the database file; for PostgreSQL, in the working folder
        archive = Path("wiretrace-archive") if is_postgres(settings.db) else \
            Path(settings.db).with_name(Path(settings.db).stem + "-archive")
    return FolderEvidence(archive)


def _duration(text: str) -> float:
    """Seconds in '90', '90s', '15m', '2h' or '1d'."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text or "")
    if not m:
        raise typer.BadParameter(f"{text!r} is no duration: write 90s, 15m, 2h or 1d")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@app.command(cls=_Command)
def watch(
    sources_file: Annotated[Path, typer.Argument(metavar="SOURCES.txt", help="Feeds, sitemaps or home pages, one URL a line ('#' comments).")],
    db: DbOption = "",
    every: Annotated[str, typer.Option("--every", metavar="DURATION", help="Time between the starts of two rounds: 90s, 15m, 2h, 1d.")] = "15m",
    rounds: Annotated[int, typer.Option("--rounds", min=0, help="Stop after this many rounds (0: until stopped).")] = 0,
    alerts: Annotated[Optional[Path], typer.Option("--alerts", metavar="FILE", help="Append a JSON line per new or grown family.")] = None,
    archive: Annotated[Optional[Path], typer.Option("--archive", metavar="DIR", help="Evidence folder (default: DB-archive/ beside the database).")] = None,
    warc: Annotated[Optional[Path], typer.Option("--warc", metavar="FILE", help="Append the pages to a WARC file instead.")] = None,
    delay: Annotated[float, typer.Option("--delay", min=0.0, help="Seconds between two requests to one host.")] = 1.0,
    user_agent: Annotated[Optional[str], typer.Option("--user-agent", metavar="UA", help="The User-Agent sent (default names wiretrace).")] = None,
    proxy: Annotated[Optional[str], typer.Option("--proxy", metavar="URL", help="Send every request through this HTTP proxy.")] = None,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Hosts read at once (one request at a time to any one host).")] = 4,
) -> None:
    """Watch feeds, sitemaps and home pages: fetch, analyse and trace what is new, round after round.

    Each round lists every source, fetches and analyses the pages never fetched before, traces them into families
    and prints a summary line.  New and grown families go to --alerts as JSON lines.  The state (what was fetched, when, with which ETag) is
    in the database, so a restarted watch goes on where it stopped.  SIGTERM or Ctrl-C stops cleanly after the
    page being analysed; a second Ctrl-C stops at once (still never a half-written article).
    """
    import json as _json
    import time

    from .analyze.pipeline import Analyzer
    from .ingest.fetch import USER_AGENT, Fetcher, Politeness
    from .jobs import watch_round

    settings = _settings(db, None)
    period = _duration(every)
    try:
        sources = [u.strip() for u in sources_file.read_text(encoding="utf-8").splitlines()
                   if u.strip() and not u.strip().startswith("#")]
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"error {sources_file}: cannot read: {exc}", markup=False)
        raise typer.Exit(2) from None
    bad = [u for u in sources if not u.lower().startswith(("http://", "https://"))]
    if bad or not sources:
        for u in bad:
            err.print(f"error {sources_file}: {u!r} is not an http or https URL", markup=False)
        if not sources:
            err.print(f"error {sources_file}: no sources in it", markup=False)
        raise typer.Exit(2)
    evidence = _evidence(archive, warc, settings)
    stopping = {"asked": 0}

    def ask_to_stop(signum, frame) -> None:
        stopping["asked"] += 1
        if stopping["asked"] > 1 and signum == signal.SIGINT:
            raise KeyboardInterrupt
        err.print("stopping after the page being analysed (Ctrl-C again to stop at once)", markup=False)

    previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    analyzer = Analyzer(settings)
    number = 0
    try:
        with Fetcher(Politeness(user_agent=user_agent or USER_AGENT, delay=delay, concurrency=concurrency),
                     max_bytes=settings.max_bytes, proxy=proxy) as fetcher:
            while not stopping["asked"]:
                number += 1
                began = time.monotonic()
                result = watch_round(sources, number=number, db=settings.db, settings=settings, fetcher=fetcher,
                                     evidence=evidence, analyzer=analyzer, stop=lambda: stopping["asked"] > 0,
                                     on_error=lambda msg: err.print(f"error {msg}", markup=False, highlight=False))
                out.print(result.summary(), markup=False, highlight=False)
                if alerts is not None and result.alerts:
                    with alerts.open("a", encoding="utf-8") as fh:
                        for alert in result.alerts:
                            fh.write(_json.dumps(alert, ensure_ascii=False) + "\n")
                if rounds and number >= rounds:
                    break
                while not stopping["asked"] and time.monotonic() - began < period:
                    time.sleep(min(0.5, period))
    except KeyboardInterrupt:
        err.print("interrupted: every article stored so far is complete; run the same command again to go on.")
        raise typer.Exit(130) from None
    finally:
        evidence.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stopping["asked"]:
        err.print(f"stopped after {number} rounds; the next watch goes on from here", markup=False)


@app.command(cls=_Command)
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix), external id or URL.")],
    db: DbReadOption = "",
    json_out: Annotated[bool, typer.Option("--json", help="Print the article's JSON instead of the ledger.")] = False,
) -> None:
    """Print one stored article's ledger: speakers, sides, relays, kinds, claims, hedges, places."""
    from .present.export import article_json
    from .present.ledger import print_article

    settings = _settings(db)
    _need_db(settings)
    with _open_db(settings) as store:
        named = store.ids_named(article_id)
        ids = named if len(named) > 1 else [_resolve(store, article_id, settings)]
        arts = [store.article(i) for i in ids]
        fast_only = [i for i in ids if store.fingerprint_only(i)]
    for i in fast_only:
        err.print(f"note: {i} was only fingerprinted (`analyze --fast`): no claims; `wiretrace analyze` on it again "
                  "analyses it in full", markup=False)
    if len(arts) > 1:
        err.print(f"{article_id!r} names {len(arts)} stored articles (two inputs gave it to different texts): "
                  + ", ".join(a.id for a in arts), markup=False)
    for art in arts:
        if json_out:
            sys.stdout.write(article_json(art) + "\n")
        else:
            print_article(out, art)


EXPORTS = {  # what -> formats
    "articles": ("jsonl", "csv", "parquet"),
    "claims": ("csv", "jsonl", "parquet"),
    "families": ("jsonl", "csv", "parquet"),
    "sites": ("csv", "jsonl", "parquet", "graphml", "gexf"),
    "site-timeline": ("gexf",),
    "site-families": ("gexf", "graphml"),
    "site-speakers": ("gexf", "graphml"),
    "places": ("geojson", "csv", "jsonl", "parquet"),
    "terms": ("csv", "jsonl", "parquet"),
    "events": ("csv", "jsonl", "parquet", "geojson"),
}


@app.command(cls=_Command)
def export(
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="jsonl, csv, parquet, graphml, gexf or geojson (what each table offers: see below).")] = None,
    what: Annotated[Optional[str], typer.Option("--what", "-w", metavar="TABLE", help="articles, claims, families, sites, site-timeline, site-families, site-speakers, places, terms or events.")] = None,
    out_path: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", help="File to write (written whole or not at all); standard output when absent.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --out when it exists.")] = False,
    db: DbReadOption = "",
) -> None:
    """Export a table, never capped.

    articles: jsonl (the analyze JSON contract), csv or parquet; claims: csv, jsonl or parquet (one row per claim); families: jsonl (the trace JSON contract, one family per line), csv or parquet (one row per member); sites: csv, jsonl, parquet, graphml or gexf (the co-publication graph); site-timeline: gexf (the same graph over time, for Gephi's timeline); site-families, site-speakers: gexf or graphml (bipartite: sites and the families they published in, or the speakers they relay); places: geojson, csv, jsonl or parquet; terms: csv, jsonl or parquet (one row per side-coded term an article uses, with its voice); events: csv, jsonl, parquet or geojson (one row per claimed event and place; GeoJSON points with the day, for time-aware maps). Parquet, graphml and gexf need --out. Without --what, --format jsonl exports articles and --format csv claims. """
    from .link.sites import graph
    from .present.export import event_features, place_features, write_geojson, write_jsonl, write_parquet, write_rows
    from .present.trace import families_json
    from .store import trace as st

    if what is None:
        what = "claims" if format == "csv" else "articles"
    format = format or EXPORTS.get(what, ("jsonl",))[0]
    if what not in EXPORTS:
        err.print(f"error: --what must be one of {', '.join(EXPORTS)}, not {what!r}", markup=False)
        raise typer.Exit(2)
    if format not in EXPORTS[what]:
        err.print(f"error: {what} export as {', '.join(EXPORTS[what])}, not {format!r}", markup=False)
        raise typer.Exit(2)
    settings = _settings(db)
    _need_db(settings)
    if format in ("graphml", "gexf", "parquet") and out_path is None:
        err.print(f"error: --format {format} needs --out FILE", markup=False)
        raise typer.Exit(2)
    if out_path is not None:
        problem = output_problem(out_path, force=force)
        if problem:
            err.print(f"error: --out {out_path}: {problem}", markup=False)
            raise typer.Exit(2)
    with _open_db(settings) as store:
        try:
            with atomic_output(out_path) as target:
                if format in ("graphml", "gexf"):
                    import networkx as nx

                    from .link.sites import bipartite_graph, dynamic_graph
                    from .store import tables

                    if what == "site-timeline":
                        g = dynamic_graph(tables.site_family_copies(store.conn))
                    elif what == "site-families":
                        g = bipartite_graph(tables.site_family_copies(store.conn), other="family")
                    elif what == "site-speakers":
                        g = bipartite_graph(tables.site_speaker_claims(store.conn), other="speaker")
                    else:
                        g = graph(st.member_rows(store.conn))
                    (nx.write_graphml if format == "graphml" else nx.write_gexf)(g, target)
                    nodes = "sites" if what in ("sites", "site-timeline") else "nodes"
                    summary = f"{g.number_of_nodes()} {nodes}, {g.number_of_edges()} links exported"
                elif format == "parquet":
                    summary = f"{write_parquet(_table_rows(store, what), target)} {_rows_word(what)} exported"
                else:
                    fh = target.open("w", encoding="utf-8", newline="") if target else sys.stdout
                    try:
                        if what == "articles" and format == "jsonl":
                            n = write_jsonl(store.articles(), fh)
                        elif what == "families" and format == "jsonl":
                            n = write_rows(families_json(store)["families"], fh, "jsonl")
                        elif what == "places" and format == "geojson":
                            n = write_geojson(place_features(store), fh)
                        elif what == "events" and format == "geojson":
                            n = write_geojson(event_features(store), fh)
                        else:
                            n = write_rows(_table_rows(store, what), fh, format)
                    finally:
                        if target:
                            fh.close()
                    summary = f"{n} {'families' if what == 'families' and format == 'jsonl' else _rows_word(what)} exported"
        except (OSError, *database_errors()) as exc:
            err.print(f"error: export to {out_path or 'standard output'} failed: {exc}; "
                      + ("the previous file is untouched" if out_path else "the output is incomplete"), markup=False)
            raise typer.Exit(1) from None
    if what == "families" and format != "jsonl":
        from .store import tables

        with _open_db(settings) as store:
            count = tables.family_count(store.conn)
        summary += f" ({count} families)"
    err.print(summary + (f" to {out_path}" if out_path else ""), markup=False)


def _rows_word(what: str) -> str:
    """What one exported row is: a member for families in tables, else the table's own thing."""
    return "member rows" if what == "families" else what


def _table_rows(store, what: str):
    """The flat rows of one exported table (CSV, JSON lines and Parquet share them)."""
    from .link.sites import profiles
    from .present.export import claim_rows, family_rows, place_features
    from .store import trace as st

    if what == "articles":
        return ({k: v for k, v in a.to_dict().items() if k not in ("claims", "places", "entities", "metadata", "terms", "framing", "events")}
                | {"claims": len(a.claims)} for a in store.articles())
    if what == "claims":
        return claim_rows(store.articles())
    if what == "families":
        return family_rows(store)
    if what == "sites":
        return (p.to_dict() for p in profiles(st.member_rows(store.conn)))
    if what == "terms":
        from .store import tables

        return tables.term_rows(store.conn)
    if what == "events":
        from .store import tables

        return tables.event_rows(store.conn)
    return ({**f["properties"], "lon": (f["geometry"] or {}).get("coordinates", [None, None])[0],
             "lat": (f["geometry"] or {}).get("coordinates", [None, None])[1]} for f in place_features(store))


@app.command("eval", cls=_Command)
def eval_command(
    gold: Annotated[Path, typer.Argument(metavar="GOLD", help="Gold JSONL (see examples/gold/), a PolNeAR split directory (e.g. ../shared/data/polnear/dev) or a CASE 2021 task 2 TSV of event snippets (e.g. ../shared/data/case2021/dev.tsv).", exists=True)],
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=0, help="Evaluate only the first N documents (0 = all).")] = 0,
    baseline: Annotated[bool, typer.Option("--baseline", help="Also score the naive rule (speech verb + its subject) for comparison.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    kb: KbOption = None,
) -> None:
    """Score attribution against gold annotations: precision, recall and F1 at speaker and claim level.

    For PolNeAR (a split directory) the figures are document-level content and content-plus-source matches; for a CASE 2021 TSV, the ACLED event type of each snippet (weighted F1 over the types, macro F1, accuracy, per type).
    """
    from .evaluate import evaluate_path, render_report

    settings = _settings(None, kb)
    try:
        report = evaluate_path(gold, settings=settings, limit=limit, baseline=baseline,
                               progress=None if json_out or not err.is_terminal else err)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    if json_out:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        render_report(out, report)


def _check_engine(engine: str) -> None:
    """--engine is local or ray, and ray only where the ray extra is installed (E027), else exit 2."""
    if engine not in ("local", "ray"):
        err.print(f"error: --engine must be 'local' or 'ray', not {engine!r}", markup=False)
        raise typer.Exit(2)
    if engine == "ray":
        import importlib.util

        if importlib.util.find_spec("ray") is None:
            from .errors import Errors

            err.print(f"error: {Errors.E027}", markup=False)
            raise typer.Exit(2)


def _need_db(settings: Settings) -> None:
    """Every command but `analyze` needs a database `analyze` made.  An empty file (what `touch` or `mktemp` leave)
    is a new database only to `analyze`; to the others it is one line E040, and it is left as it is (`trace` would
    otherwise fill it with an empty schema and report 0 families).  A PostgreSQL URL is checked when it is opened."""
    if is_postgres(settings.db):
        return
    path = Path(settings.db)
    if not path.exists():
        err.print(f"error: no database at {redact(settings.db)}; run `wiretrace analyze` first", markup=False)
        raise typer.Exit(2)
    if path.is_file() and path.stat().st_size == 0:
        from .errors import Errors

        reason = "not a wiretrace database (an empty file); `wiretrace analyze` makes one in it"
        err.print("error: " + Errors.E040.format(path=redact(settings.db), reason=reason), markup=False)
        raise typer.Exit(2)


def _open_db(settings: Settings):
    """The database opened read-only; a file that is no wiretrace database is one line (E040) and exit 2."""
    from .store import Store

    try:
        return Store(settings.db, readonly=True)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None


def _resolve(store, ident: str, settings: Settings) -> str:
    """The stored article id for an id, id prefix, external id or URL; exit 1 with E023 when there is none."""
    from .errors import Errors

    aid = store.resolve_id(ident)
    if not aid:
        err.print("error: " + Errors.E023.format(ident=ident, db=redact(settings.db)), markup=False)
        raise typer.Exit(1)
    return aid


@app.command(cls=_Command)
def trace(
    db: DbOption = "",
    json_out: Annotated[bool, typer.Option("--json", help="Print the families as one JSON object (the trace contract).")] = False,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Only families whose origin was published on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Only families whose origin was published on or before this date.")] = None,
    min_size: Annotated[Optional[int], typer.Option("--min-size", metavar="N", min=1, help="Only families with at least this many members (default: 2 in the table, 1 in JSON).")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Forget every family and link the whole corpus again.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help=f"Print every family (default: the {TRACE_SHOWN} largest, then a count of the rest).")] = False,
    window_days: Annotated[Optional[float], typer.Option("--window-days", metavar="DAYS", callback=_positive_days, help="Never link articles published further apart (default 14).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1, metavar="N",
                                                   help="Processes fingerprinting, scoring partitions of the corpus and describing families at "
                                                        "once (default: the machine's cores from 5,000 new articles on, else one). The "
                                                        "families are the same for any N.")] = None,
    engine: Annotated[str, typer.Option("--engine", metavar="local|ray",
                                        help="'ray' runs the same parallel steps as Ray tasks (a local Ray by default, --ray-address "
                                             "for a cluster; needs the 'ray' extra); linking decisions and writes stay here.")] = "local",
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", metavar="ADDRESS", help="A Ray cluster to join (ray://host:10001, or 'auto').")] = None,
    kb: KbOption = None,
) -> None:
    """Group stored articles into story families: one origin report and its copies, rewrites and translations.

    Incremental: articles not yet in a family are linked (joining existing families or founding new ones) and only the families they touch are described again.  Each member gets its role, lag from the origin, parent, the evidence for its link, a diff against the origin and rewrite signals.  See also: wiretrace why, diff, sites. """
    from .jobs import trace_db
    from .present.trace import families_json, print_families

    for label, value in (("--since", since), ("--until", until)):
        if value:
            try:
                __import__("datetime").date.fromisoformat(value[:10])
            except ValueError:
                err.print(f"error: {label} must be a date like 2025-11-22, not {value!r}", markup=False)
                raise typer.Exit(2) from None
    _check_engine(engine)
    settings = _settings(db, kb, trace_window_days=window_days)
    _need_db(settings)
    progress = Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)
    tasks: dict[str, int] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total)
        progress.update(tasks[stage], completed=done, total=total)

    with progress:
        try:
            report = trace_db(settings.db, settings=settings, rebuild=rebuild, on_progress=on_progress, engine=engine,
                              workers=workers, ray_address=ray_address)
        except (KeyboardInterrupt, *database_errors()) as exc:
            if not _interrupted(exc):
                raise
            err.print("interrupted: every family written so far is complete; run the same command again to finish.")
            raise typer.Exit(130) from None
        except ValueError as exc:  # a bad KB or scorer file; a database it cannot write (E040, E022)
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2) from None
    from .store import tables

    with _open_db(settings) as store:
        size = min_size if min_size is not None else (1 if json_out else 2)
        data = families_json(store, since=since, until=until, min_size=size)
        singletons = 0 if size <= 1 else tables.family_count(store.conn, size=1)
    if json_out:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        print_families(out, data, singletons=singletons, limit=None if show_all else TRACE_SHOWN)
    err.print(f"{report.linked} articles linked ({report.fingerprinted} fingerprinted), {report.families_touched} families updated; "
              f"{report.families} families over {report.articles} articles in {redact(settings.db)}", markup=False)


@app.command(cls=_Command)
def why(
    a: Annotated[str, typer.Argument(metavar="ARTICLE_A", help="First article (id, id prefix, external id or URL).")],
    b: Annotated[str, typer.Argument(metavar="ARTICLE_B", help="Second article.")],
    db: DbReadOption = "",
    json_out: Annotated[bool, typer.Option("--json", help="Print the evidence as JSON.")] = False,
) -> None:
    """Show the evidence for or against linking two articles: shared speaker, days, numbers, places, phrases, scores.

    Each signal's push is the log-odds it adds in the fitted pair scorer (its steps down the scorer's trees); the pushes add up to the probability, which is compared with the scorer's threshold. """
    from .jobs import load_scorer
    from .link.families import Linker
    from .link.fingerprints import fingerprint
    from .store import trace as st
    from .present.trace import print_why

    settings = _settings(db)
    _need_db(settings)
    from .store import tables

    with _open_db(settings) as store:
        ids = [_resolve(store, ident, settings) for ident in (a, b)]
        fps = st.load_fingerprints(store)
        for aid in ids:
            if aid not in fps:
                fps[aid] = fingerprint(store.article(aid))
        # the same scorer and corpus-wide word weights as trace, so the probability is the one trace computed
        with_embeddings = all(fps[aid].embedding is not None for aid in ids)
        try:
            scorer = load_scorer(settings.scorer_file, embeddings=with_embeddings)
        except ValueError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2) from None
        linker = Linker.for_corpus(scorer, fps.values(), window_days=settings.trace_window_days)
        for fp in fps.values():
            linker.index.add(fp)
        ps = scorer.score(fps[ids[0]], fps[ids[1]], linker.index)
        fam = tables.family_of(store.conn, ids)
        meta = {aid: {"id": aid, "site": store.article(aid).site, "lang": store.article(aid).lang,
                      "published": store.article(aid).published} for aid in ids}
    if json_out:
        sys.stdout.write(json.dumps({"a": meta[ids[0]], "b": meta[ids[1]], "probability": round(ps.probability, 4),
                                     "threshold": scorer.threshold, "link": ps.probability >= scorer.threshold,
                                     "families": [fam.get(ids[0]), fam.get(ids[1])], "evidence": ps.evidence()},
                                    ensure_ascii=False) + "\n")
    else:
        print_why(out, meta[ids[0]], meta[ids[1]], ps, scorer.threshold, fam.get(ids[0]), fam.get(ids[1]))


@app.command(cls=_Command)
def diff(
    article_id: Annotated[str, typer.Argument(help="A traced article (id, id prefix, external id or URL).")],
    db: DbReadOption = "",
    json_out: Annotated[bool, typer.Option("--json", help="Print the diff as JSON.")] = False,
) -> None:
    """What a rewrite changed against its origin: added sentences, quotes the origin never had, numbers, dates, actors and places that differ, names respelled.  Run `wiretrace trace` first."""
    from .present.trace import print_diff
    from .store import trace as st

    settings = _settings(db)
    _need_db(settings)
    with _open_db(settings) as store:
        aid = _resolve(store, article_id, settings)
        art = store.article(aid)
        d = st.article_diff(store.conn, aid)
    if json_out:
        m, row = d["member"], d["row"] or {}
        sys.stdout.write(json.dumps({
            "article_id": aid, "family_id": m["family_id"] if m else None, "role": m["role"] if m else None,
            "against": row.get("against"), "supported": row.get("supported"), "added": row.get("added"),
            "unverified": row.get("unverified"),
            "sentences": [dict(s, text=art.text[s["start"]:s["end"]]) for s in d["sentences"]],
            "changes": d["changes"], "signals": d["signals"]}, ensure_ascii=False) + "\n")
    else:
        print_diff(out, art, d)

@app.command(cls=_Command)
def events(
    place: Annotated[Optional[str], typer.Option("--place", metavar="PLACE", help="Only events at this place: its id (geonames:705104) or a name in any spelling the articles use (Kostiantynivka, Konstantinovka).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="YYYY-MM-DD", help="Only events on or after this day (the day the claim gives, else the publication day).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="YYYY-MM-DD", help="Only events on or before this day.")] = None,
    types: Annotated[Optional[list[str]], typer.Option("--type", metavar="TYPE", help="Only this war event type (repeatable): territory_captured, territory_liberated, control_held, withdrawal, advance, encirclement, surrender, infrastructure_strike, drone_attack, air_strike, missile_strike, shelling, casualties, denial.")] = None,
    control: Annotated[bool, typer.Option("--control", help="Print who each side claims holds each place, day by day, and the claims that contradict each other.")] = False,
    window: Annotated[int, typer.Option("--window", metavar="DAYS", min=0, help="With --control: claims on one place this many days apart or less can contradict.")] = 14,
    json_out: Annotated[bool, typer.Option("--json", help="Print the events (and with --control the timelines and contradictions) as JSON.")] = False,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=0, help="Rows in the printed table (0 = all).")] = 50,
    db: DbReadOption = "",
) -> None:
    """Who claims what happened where, and when: the events the stored claims report (captured, liberated, held, withdrawn, advance, encirclement, surrender, strikes, shelling, casualties, denials), with the place, the day the claim gives, the side said to act or to hold the place, and who claims it.

    Examples: `wiretrace events --place Kostiantynivka --control` (the control timeline of one town and its contradictions); `wiretrace events --type drone_attack --since 2025-10-01 --json`.
    """
    from datetime import date as _date

    from rich.table import Table

    from .analyze.events import WAR_TYPES
    from .link.control import contradictions, control_points, timelines
    from .store import tables

    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                _date.fromisoformat(value)
            except ValueError:
                err.print(f"error: {name} must be a date as YYYY-MM-DD, not {value!r}", markup=False)
                raise typer.Exit(2) from None
    bad = [t for t in types or () if t not in WAR_TYPES]
    if bad:
        err.print(f"error: --type must be one of {', '.join(WAR_TYPES)}, not {', '.join(map(repr, bad))}", markup=False)
        raise typer.Exit(2)
    settings = _settings(db)
    _need_db(settings)
    place_ids: tuple[str, ...] = ()
    if place and ":" not in place:  # a name: every place the gazetteer knows by it, in any spelling
        from .knowledge import KnowledgeBase

        kb = KnowledgeBase.load(settings.kb_files, place_threshold=settings.place_match_threshold)
        place_ids = tuple(p.id for p, _ in kb.place_candidates(place))
    with _open_db(settings) as store:
        rows = list(tables.event_rows(store.conn, place=place, place_ids=place_ids, since=since, until=until,
                                      types=tuple(types or ())))
    points = control_points(rows) if control else []
    clashes = contradictions(points, window_days=window) if control else []
    if json_out:
        doc = {"events": rows}
        if control:
            doc["control"] = {pid: [p.to_dict() for p in pts] for pid, pts in timelines(points).items()}
            doc["contradictions"] = clashes
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    if not rows:
        err.print("no claimed events" + (" for these filters" if place or since or until or types else
                                        f" in {redact(settings.db)}: run `wiretrace analyze` first"), markup=False)
        raise typer.Exit(1)
    if not control:
        table = Table(title=f"{len(rows)} claimed events" + (f" at {place}" if place else ""))
        for col in ("day", "place", "event", "side acting", "holds", "claimed by", "article", "words"):
            table.add_column(col)
        for r in rows[:limit or None]:
            event = r["type"] + (" (denied)" if r["denied"] else "") + (f" [{r['acled_type']}]" if r["acled_type"] else "")
            table.add_row(r["day"] or "undated", r["place"] or "", event, r["actor_side"] or "", r["controller"] or "",
                          f"{r['speaker'] or 'own voice'} ({r['speaker_side'] or '-'})", r["article_id"], r["text"])
        out.print(table)
        if limit and len(rows) > limit:
            err.print(f"{len(rows) - limit} more rows: --limit 0 prints all, --json gives every field", markup=False)
        return
    for pid, pts in timelines(points).items():
        table = Table(title=f"control of {pts[0].place or pid} ({pid}), as claimed")
        for col in ("day", "holds", "claim", "claimed by", "article"):
            table.add_column(col)
        for p in pts:
            claim = p.type + (f" denied (of {p.denied_side})" if p.denied_side else "") + f": {p.text}"
            day = "undated" if not p.day else p.day + ("" if p.dated_by == "claim" else " (published)")
            table.add_row(day, p.controller or "-", claim,
                          f"{p.speaker or 'own voice'} ({p.speaker_side or '-'})", p.article_id)
        out.print(table)
    if not points:
        err.print("no control claims (captured, liberated, held, withdrawn) with a place among these events", markup=False)
    out.print(f"{len(clashes)} contradiction(s) within {window} days")
    for c in clashes:
        a, b = c["claim"], c["answer"]
        out.print(f"  {c['place'] or c['place_id']}: {a['day']} {a['speaker'] or 'own voice'} ({a['claimant']}) says "
                  f"{a['controller']} holds it; {b['day']} {b['speaker'] or 'own voice'} ({b['claimant']}) "
                  + ("denies it" if c["kind"] == "denial" else f"says {b['controller']} does"), markup=False, highlight=False)


@app.command(cls=_Command)
def sites(
    db: DbReadOption = "",
    json_out: Annotated[bool, typer.Option("--json", help="Print profiles and edges as JSON.")] = False,
    graphml: Annotated[Optional[Path], typer.Option("--graphml", metavar="FILE", help="Write the co-publication graph as GraphML (Gephi, networkx).")] = None,
    gexf: Annotated[Optional[Path], typer.Option("--gexf", metavar="FILE", help="Write the co-publication graph as GEXF (Gephi).")] = None,
    csv_out: Annotated[Optional[Path], typer.Option("--csv", metavar="FILE", help="Write the site profiles as CSV.")] = None,
    edges_csv: Annotated[Optional[Path], typer.Option("--edges-csv", metavar="FILE", help="Write the graph's edges as CSV.")] = None,
    matrix_csv: Annotated[Optional[Path], typer.Option("--matrix-csv", metavar="FILE", help="Write sites x families (one row per member: site, family, role, lag) as CSV.")] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=0, help="Rows in the printed table (0 = all).")] = 30,
) -> None:
    """Sites as a network: per-site profile (articles, families shared with other sites, share with a state-media origin, median lag, fabricated-quote suspects, boilerplate) and the co-publication graph.  Run `wiretrace trace` first."""
    import csv

    import networkx as nx
    from rich.table import Table

    from .link.sites import graph, profiles
    from .store import trace as st

    settings = _settings(db)
    _need_db(settings)
    with _open_db(settings) as store:
        rows = st.member_rows(store.conn)
    if not rows:
        err.print(f"no families in {redact(settings.db)}: run `wiretrace trace` first", markup=False)
        raise typer.Exit(1)
    profs = profiles(rows)
    g = graph(rows)
    if graphml:
        nx.write_graphml(g, graphml)
    if gexf:
        nx.write_gexf(g, gexf)
    if csv_out:
        with csv_out.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(profs[0].to_dict()))
            w.writeheader()
            w.writerows(p.to_dict() for p in profs)
    if edges_csv:
        with edges_csv.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["source", "target", "shared_families", "median_lag_hours"])
            for a, b, d in sorted(g.edges(data=True), key=lambda e: -e[2]["weight"]):
                w.writerow([a, b, d["weight"], d.get("median_lag_hours")])
    if matrix_csv:
        with matrix_csv.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["site", "family_id", "article_id", "role", "lag_hours"])
            for r in sorted(rows, key=lambda r: (r.site, r.family_id)):
                w.writerow([r.site, r.family_id, r.article_id, r.role, r.lag_hours])
    if json_out:
        sys.stdout.write(json.dumps({"sites": [p.to_dict() for p in profs],
                                     "edges": [{"source": a, "target": b, "shared_families": d["weight"],
                                                "median_lag_hours": d.get("median_lag_hours")} for a, b, d in g.edges(data=True)]},
                                    ensure_ascii=False) + "\n")
        return
    t = Table(title=f"{len(profs)} sites, {g.number_of_edges()} co-publication links")
    for col in ("site", "art.", "shared", "orig.", "state", "lag h", "fab.q", "boiler", "nbrs"):
        t.add_column(col, justify="left" if col == "site" else "right")
    for p in profs[: limit or None]:
        t.add_row(p.site, str(p.articles), str(p.shared_families), str(p.origins), f"{p.state_media_origin_share:.0%}",
                  "" if p.median_lag_hours is None else f"{p.median_lag_hours:.1f}", str(p.fabricated_quote_suspects),
                  str(p.boilerplate_paragraphs), str(p.neighbours))
    out.print(t)
    written = [str(x) for x in (graphml, gexf, csv_out, edges_csv, matrix_csv) if x]
    if written:
        err.print("wrote " + ", ".join(written), markup=False)


@app.command(cls=_Command)
def serve(
    db: DbReadOption = "",
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="Interface to bind; 127.0.0.1 keeps the explorer on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=1, max=65535, help="TCP port.")] = 8000,
    tiles: Annotated[str, typer.Option("--tiles", metavar="URL", callback=_tile_url, help="XYZ tile URL template drawn under the maps, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (setting map_tiles). Without it the maps show only the bundled boundaries and the browser fetches nothing.")] = "",
) -> None:
    """Open the explorer: overview, articles with claims, speakers, places and changes highlighted, families with timelines, speakers, sites with their network, places on a map, and search; every page has a JSON twin (?format=json). The database is opened read-only; the server fetches nothing and writes nothing."""
    import uvicorn

    from .present.web.app import create_app

    settings = _settings(db)
    _need_db(settings)
    problem = _port_problem(host, port)
    if problem:
        err.print(f"error: cannot listen on {host}:{port}: {problem} (--host, --port)", markup=False)
        raise typer.Exit(2)
    _bring_schema_up_to_date(settings)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: binding to {host} exposes the explorer to other machines", markup=False)
    err.print(f"wiretrace explorer on http://{host}:{port}/ (Ctrl-C to stop)", markup=False)
    app_ = create_app(settings.db, tiles=tiles or settings.map_tiles, attribution=settings.map_attribution)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


@app.command(cls=_Command)
def report(
    article_id: Annotated[str | None, typer.Argument(metavar="ARTICLE_ID", help="Article id (or a unique prefix), external id or URL: print its report.")] = None,
    html: Annotated[Path | None, typer.Option("--html", metavar="DIR", help="Write the explorer's pages (overview, every article, family, speaker, site and place, each with a .json twin) as a static site into this folder.", file_okay=False)] = None,
    db: DbReadOption = "",
) -> None:
    """A terminal report on one article (its ledger of claims, its family with origin, role and lag, and what it changed against the origin), or with --html DIR the whole explorer as static files that open with no server."""
    if html is not None:
        _static_report(html, db)
        return
    if not article_id:
        err.print("error: give an ARTICLE_ID for a terminal report, or --html DIR for a static site", markup=False)
        raise typer.Exit(2)
    from .present.ledger import print_article
    from .present.trace import families_json, print_diff
    from .store import trace as st

    settings = _settings(db)
    _need_db(settings)
    from .store.summaries import has_table

    with _open_db(settings) as store:
        aid = _resolve(store, article_id, settings)
        art = store.article(aid)
        traced = has_table(store.conn, "family_members")
        d = st.article_diff(store.conn, aid) if traced else None
        fams = families_json(store, family_id=d["member"]["family_id"])["families"] if d and d["member"] else []
    fam = fams[0] if fams else None
    print_article(out, art)
    if fam is None:
        out.print("not in a family yet: run `wiretrace trace`", markup=False)
        return
    o = fam["origin"]
    origin = f"{o['outlet']} {o['article_id']}" if o["in_corpus"] else f"{o['outlet']}, not in corpus (earliest member {o['earliest_member']})"
    out.print(f"\nfamily {fam['id']}: origin {origin}, published {o['published']}; {fam['size']} members in {', '.join(fam['languages'])}",
              markup=False)
    for m in sorted(fam["members"], key=lambda m: m["lag_hours"] is None):  # undated members apart, last
        mark = "->" if m["article_id"] == aid else "  "
        lag = "date unknown" if m["lag_hours"] is None else f"{m['lag_hours']:+.1f}h"
        out.print(f" {mark} {lag:>12} {m['article_id']:16} {m['site'] or '?':28} {m['lang']:3} {m['role']}", markup=False)
    out.print()
    print_diff(out, art, d)


def _bring_schema_up_to_date(settings: Settings) -> None:
    """Apply pending migrations (the explorer's indexes among them) before a read-only server opens the file; a
    file this user cannot write is served as it is, slower; one that is no wiretrace database is one line and exit 2,
    and is not written."""
    from .store import Store

    _open_db(settings).close()
    try:
        Store(settings.db).close()
    except ValueError as exc:
        err.print(f"warning: could not update the schema of {redact(settings.db)} ({exc}); pages may be slower", markup=False)


def _port_problem(host: str, port: int) -> str | None:
    """Why the explorer cannot listen on host:port (another program holds the port, no such interface), or None."""
    import socket

    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _static_report(folder: Path, db: str) -> None:
    from .present.web.static_site import site_problem, write_site

    settings = _settings(db)
    _need_db(settings)
    problem = site_problem(folder)
    if problem:
        err.print(f"error: --html {folder} {problem}", markup=False)
        raise typer.Exit(1)
    _bring_schema_up_to_date(settings)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("writing pages", total=None)
        try:
            counts = write_site(settings.db, folder, tiles=settings.map_tiles, attribution=settings.map_attribution,
                                progress=lambda kind, n, total: bar.update(task, advance=n, total=total,
                                                                           description=f"writing {kind} pages"))
        except (OSError, ValueError) as exc:
            err.print(f"error: --html {folder}: {exc}; the previous site, if any, is untouched", markup=False)
            raise typer.Exit(1) from None
    out.print(f"wrote {sum(counts.values())} pages to {folder}/ (" + ", ".join(f"{v} {k}" for k, v in counts.items())
              + f"); open {folder / 'index.html'}", markup=False)


@app.command("eval-families", cls=_Command)
def eval_families(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL of articles labelled with their family (see examples/families/).", exists=True, dir_okay=False)],
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    kb: KbOption = None,
) -> None:
    """Score story families against gold: B-cubed precision/recall/F1, origin accuracy, cross-language pair recall and fabricated-quote precision.  Analyses and traces the gold articles in a temporary database."""
    from .evaluate.families import evaluate_families, render_family_report

    settings = _settings(None, kb)
    try:
        report = evaluate_families(gold, settings=settings)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    if json_out:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        render_family_report(out, report)


def main() -> None:
    # A broken pipe (wiretrace export | head) is not an error worth a traceback.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()


if __name__ == "__main__":
    main()
