"""The jobs behind the CLI, callable from Python: ingest -> analyse -> store.

The CLI adds printing and progress; everything a command does is here.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .analyze.lang.en import english_model_name
from .analyze.pipeline import Analyzer
from .analyze.workers import AnalysisError, WorkerAnalyzer
from .errors import Errors, InputError
from .ingest import expand_paths, read_source
from .ingest.sources import input_bytes
from .ingest.html import decode_markup, read_html
from .ingest.prepare import prepare_all
from .model import Article
from .settings import Settings
from .store import Store
from .store.database import FAST_ANALYZER


@dataclass
class RunReport:
    """What a run did: counts, one line per failed input, and one per warning (a stored article's bad date)."""

    analysed: int = 0
    unchanged: int = 0
    new_versions: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def iter_prepared(paths: Iterable[str], *, settings: Settings, report: RunReport,
                  on_error: Callable[[str], None] | None = None, stdin: bytes | None = None,
                  on_warning: Callable[[str], None] | None = None, meter=None) -> Iterator[Article]:
    """Prepared articles from every input; bad inputs become one-line errors and the walk goes on.

    A field the article is stored without (an invalid date) becomes a one-line warning.  `meter`
    (ingest.sources.ReadMeter) counts the bytes of the inputs read.
    """
    def failed(msg: str) -> None:
        report.errors.append(msg)
        if on_error:
            on_error(msg)

    def warned(problem: InputError) -> None:
        report.warnings.append(str(problem))
        if on_warning:
            on_warning(str(problem))

    for path in expand_paths(paths):
        yield from prepare_all(read_source(path, max_bytes=settings.max_bytes, stdin=stdin, meter=meter),
                               on_error=failed, on_warning=warned)
        if meter is not None:
            meter.finished(input_bytes([path], stdin))


def analyze_paths(paths: Iterable[str], *, db: str, settings: Settings | None = None,
                  on_article: Callable[[Article, bool], None] | None = None,
                  on_error: Callable[[str], None] | None = None, stdin: bytes | None = None,
                  analyzer: Analyzer | None = None, fast: bool = False,
                  on_warning: Callable[[str], None] | None = None, workers: int = 1, engine: str = "local",
                  ray_address: str | None = None, stage: str | None = None, meter=None) -> RunReport:
    """Ingest, analyse and store every article under `paths` into the SQLite file `db`.

    `workers` > 1 analyses in that many processes (analyze.workers), with the same result: this process
    still reads, checks and writes, in input order.  `engine="ray"` reads and analyses JSON-lines and Parquet
    shards on Ray (analyze.distributed; `ray_address` for a cluster, `stage` to keep the Parquet it stages),
    then writes here, with the same result.

    Articles already stored (same identity, same text) are not analysed again:
    `on_article(article, False)` gets the stored copy.  New ones get
    `on_article(article, True)` after their transaction committed.  `fast` takes the
    fingerprint-only path (no parse, no claims): enough for `trace` on big corpora.
    `on_warning` gets a line for each article stored without a field it gave (an invalid date).
    `meter` (ingest.sources.ReadMeter) counts the bytes of the inputs read, for a progress bar (local engine).
    A KeyboardInterrupt leaves only whole articles stored.
    """
    settings = settings or Settings.load()
    report = RunReport()
    analyzer = analyzer or Analyzer(settings, fast=fast)
    with Store(db) as store:
        writer = ArticleWriter(store, report, analyzer, settings, on_article=on_article, on_error=on_error,
                               on_warning=on_warning, in_flight=(4 + 4 * max(1, workers)) * max(1, settings.batch_size))
        if engine == "ray":
            from .analyze.distributed import analyse_on_ray

            analyse_on_ray(list(expand_paths(p for p in paths if p != "-")), settings=settings, fast=analyzer.fast,
                           address=ray_address, stage=stage, writer=writer, workers=workers or None)
            return report
        fresh = (art for art in iter_prepared(paths, settings=settings, report=report, on_error=on_error, stdin=stdin,
                                              on_warning=on_warning, meter=meter) if writer.admit(art))
        local = WorkerAnalyzer(analyzer, workers) if workers > 1 else analyzer
        for art in local.analyze(fresh, on_error=writer.analysis_failed):
            writer.write(art)
    return report


class ArticleWriter:
    """What a run does with each prepared article before analysis (`admit`: stored already? another text under its
    id?) and after it (`write`: one transaction), whichever engine analyses it (this process, worker processes,
    Ray)."""

    def __init__(self, store: Store, report: RunReport, analyzer: Analyzer, settings: Settings, *,
                 on_article: Callable[[Article, bool], None] | None = None, on_error: Callable[[str], None] | None = None,
                 on_warning: Callable[[str], None] | None = None, in_flight: int = 128):
        self.store, self.report, self.kb, self.fast = store, report, analyzer.kb, analyzer.fast
        self.on_article, self.on_error, self.on_warning = on_article, on_error, on_warning
        self.analyzer_name = f"wiretrace {__import__('wiretrace').__version__} / " + (
            FAST_ANALYZER if analyzer.fast else english_model_name(settings.spacy_model))
        self.upgrades: dict[str, str] = {}  # article (by identity) stored by the fast path -> its id, to analyse in full
        # external id -> (identity, article id) of its first article in this run, for the articles not yet written:
        # a batch is analysed before it is written, and the database answers for the articles before it.  Bounded
        # (more than the articles in flight), so a file of millions of records is read in constant memory.
        self.this_run: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self.recent = in_flight

    def admit(self, art: Article) -> bool:
        """Whether the article is to be analysed: new, or only fingerprinted so far and now analysed in full."""
        store, report = self.store, self.report
        existing = store.has_version(art.identity, art.content_hash)
        if existing and not self.fast and store.fingerprint_only(existing):
            self.upgrades[art.identity] = existing  # fingerprinted by `analyze --fast`: now analysed in full
            return True
        if existing:
            report.unchanged += 1
            if self.on_article:
                self.on_article(store.article(existing), False)
            return False
        other = None
        if art.external_id:
            # stored earlier, or earlier in this run (a batch is analysed before it is written)
            seen = self.this_run.setdefault(art.external_id, (art.identity, art.id))
            if len(self.this_run) > self.recent:
                self.this_run.popitem(last=False)
            other = seen[1] if seen[0] != art.identity else store.other_with_external_id(art.external_id, art.identity)
        if other:
            self.warn(str(InputError(Errors.W015.format(ident=art.external_id, other=other[:12]),
                                     source=art.source_path or art.id)))
        return True

    def write(self, art: Article) -> None:
        """One analysed article, in one transaction."""
        report = self.report
        if art.identity in self.upgrades:
            self.store.upgrade_analysis(self.upgrades.pop(art.identity), art, self.kb, analyzer=self.analyzer_name)
            report.analysed += 1
            if self.on_article:
                self.on_article(art, True)
        elif self.store.write_article(art, self.kb, analyzer=self.analyzer_name):
            report.analysed += 1
            if art.version > 1:
                report.new_versions += 1
            if self.on_article:
                self.on_article(art, True)
        else:
            report.unchanged += 1

    def fail(self, msg: str) -> None:
        self.report.errors.append(msg)
        if self.on_error:
            self.on_error(msg)

    def warn(self, msg: str) -> None:
        self.report.warnings.append(msg)
        if self.on_warning:
            self.on_warning(msg)

    def analysis_failed(self, art: Article, exc: Exception) -> None:
        detail = str(exc) if isinstance(exc, AnalysisError) else f"{type(exc).__name__}: {exc}"
        self.fail(str(InputError(f"E030 analysis failed: {detail}".replace("\n", " "), source=art.source_path or art.id)))


def load_scorer(path: str, *, embeddings: bool):
    """The pair scorer in `path` (the setting scorer_file), else the bundled one.  Raises ValueError (E026) for a
    file that cannot be read or is no scorer, before trace touches the database."""
    import json

    from .link.scorer import Scorer

    try:
        if path:
            with open(path, encoding="utf-8") as fh:
                if not isinstance(json.load(fh), dict):
                    raise ValueError("not a JSON object")
        scorer = Scorer.load(path, embeddings=embeddings)
        nodes = [x for tree in scorer.trees for node in tree for x in node[1:]]
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool)
                   for x in (scorer.bias, scorer.threshold, *scorer.weights.values(), *nodes)):
            raise ValueError("its bias, threshold, weights and tree nodes must be numbers")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        if isinstance(exc, KeyError):
            detail = f"no {exc} field"
        elif isinstance(exc, OSError) and exc.strerror:
            detail = exc.strerror
        else:
            detail = str(exc) or type(exc).__name__
        raise ValueError(Errors.E026.format(path=path, detail=detail.replace("\n", " "))) from None
    return scorer


@dataclass
class TraceReport:
    """What a trace run did."""

    fingerprinted: int = 0
    linked: int = 0
    families_touched: int = 0
    families: int = 0
    articles: int = 0


DESCRIBE_BATCH = 400  # articles per task of the describing step when it runs in parallel
MIN_PARALLEL_TRACE = 5000  # articles to fingerprint from which `trace` uses every core by default


def trace_db(db: str, *, settings: Settings | None = None, rebuild: bool = False,
             on_progress: Callable[[str, int, int], None] | None = None, engine: str = "local",
             workers: int | None = 1, ray_address: str | None = None, partition_size: int | None = None) -> TraceReport:
    """Group the stored articles into story families, incrementally.

    Articles not yet in a family are fingerprinted, linked in publication order
    (joining existing families or founding new ones), and every family they
    touched is described again: origin, roles, parents, lags, diffs, signals.
    Families no new article touched are left as they are.  `rebuild` starts over.

    With `workers` > 1 (processes) or `engine` "ray", fingerprints are computed, candidates found and scored by
    partitions of the corpus (link.partitions) and families described in parallel; the families are the same.
    `workers` None: every core when at least MIN_PARALLEL_TRACE articles are to be fingerprinted, else one.
    """
    from contextlib import ExitStack

    import gc

    from .knowledge import KnowledgeBase
    from .link.embeddings import embedder_for
    from .link import fingerprints as fingerprinting
    from .link.families import Linker, describe_batch, link_order
    from .link.fingerprints import VERSION as FINGERPRINT_VERSION
    from .link.partitions import PARTITION_ARTICLES, ScoreFeed, plan_partitions, scoring_task
    from .link.signals import boilerplate_keys
    from .parallel import Pool, cores
    from .store.pages import overview
    from .store import summaries
    from .store import trace as st

    settings = settings or Settings.load()
    report = TraceReport()
    progress = on_progress or (lambda stage, done, total: None)
    kb = KnowledgeBase.load(settings.kb_files, person_threshold=settings.person_match_threshold,
                            place_threshold=settings.place_match_threshold)
    embedder = embedder_for(settings.embeddings)
    scorer = load_scorer(settings.scorer_file, embeddings=embedder is not None)
    fingerprinting._EMBEDDERS[settings.embeddings] = embedder  # loaded once here; workers load their own
    with Store(db) as store, ExitStack() as stack:
        if rebuild or st.outdated_fingerprints(store, FINGERPRINT_VERSION):
            # fingerprints of an older definition cannot be compared with new ones: start over
            st.clear(store)
        touched = st.drop_stale_members(store)
        todo = st.unfingerprinted(store)
        if workers is None:
            workers = cores() if len(todo) >= MIN_PARALLEL_TRACE else 1
        pool = stack.enter_context(Pool({"kb": kb, "scorer": scorer, "embeddings": settings.embeddings},
                                        engine=engine, workers=workers, address=ray_address))
        parallel = pool.parallel
        batches = ([store.article(aid) for aid in todo[i:i + 500]] for i in range(0, len(todo), 500))
        for batch in pool.map(fingerprinting.fingerprint_batch, batches):
            st.write_fingerprints(store, batch)
            report.fingerprinted += len(batch)
            progress("fingerprinting", report.fingerprinted, len(todo))
        fps = st.load_fingerprints(store)
        gc.freeze()  # every fingerprint lives to the end of the run: keep the collector from walking them again
        members = st.memberships(store)
        # Linking is in publication order and each decision sees only earlier articles, so a run that adds articles
        # older than some already linked (an interrupted run, a batch of back-dated inputs) links again everything
        # from the earliest new one on: the families are then those of one uninterrupted run over the whole corpus.
        new_ids = [aid for aid in fps if aid not in members]
        if new_ids and members:
            first_new = min(link_order(fps[a]) for a in new_ids)
            redo = {aid for aid in members if aid in fps and link_order(fps[aid]) >= first_new}
            if redo:
                touched |= st.release_members(store, sorted(redo))
                members = {aid: m for aid, m in members.items() if aid not in redo}
        linker = Linker.for_corpus(scorer, fps.values(), window_days=settings.trace_window_days)
        assignments = {}
        for aid in sorted((a for a in members if a in fps), key=lambda a: link_order(fps[a])):
            fid, _spliced, a = members[aid]
            linker.load(fps[aid], fid)  # in link order, as a single run would have added them
            assignments[aid] = a
        new = [fp for aid, fp in fps.items() if aid not in members]
        feed = None
        if parallel and new:
            # a few partitions a worker (at least PARTITION_ARTICLES each): each also indexes the window before it
            width = workers if workers > 1 else 4
            size = partition_size or max(PARTITION_ARTICLES, -(-len(new) // (4 * width)))
            parts = plan_partitions(sorted(fps.values(), key=link_order), {fp.article_id for fp in new},
                                    window_days=settings.trace_window_days, size=size)
            tasks = (([fps[a] for a in part.ids], part.own, linker.index.vocabulary, settings.trace_window_days)
                     for part in parts)
            feed = ScoreFeed(parts, pool.map(scoring_task, tasks))
        for i, a in enumerate(linker.link_all(new, feed), 1):
            assignments[a.article_id] = a
            touched.add(a.family_id)
            report.linked += 1
            if i % 200 == 0 or i == len(new):
                progress("linking", i, len(new))
        by_family: dict[str, list[str]] = {}
        for aid, fid in linker.family_of.items():
            by_family.setdefault(fid, []).append(aid)
        boiler = boilerplate_keys(fps, linker.family_of)
        touched = sorted(f for f in touched if f in by_family)

        def families():
            """Touched families with their members' fingerprints, articles and assignments, and the boilerplate
            keys among their paragraphs: a few hundred articles a task (one family a task in this process)."""
            out, keys = [], set()
            for fid in touched:
                ids = by_family[fid]
                out.append((fid, [fps[a] for a in ids], {a: store.article(a) for a in ids},
                            {a: assignments[a] for a in ids if a in assignments}))
                keys.update(k for a in ids for k in fps[a].paragraph_keys if k in boiler)
                if not parallel or sum(len(f[1]) for f in out) >= DESCRIBE_BATCH:
                    yield out, keys
                    out, keys = [], set()
            if out:
                yield out, keys

        done = 0
        for described in pool.map(describe_batch, families()):
            for family, diffs, signals in described:
                st.write_family(store, family, diffs, signals)
                done += 1
                progress("describing families", done, len(touched))
        report.families_touched = len(touched)
        report.families = len(by_family)
        report.articles = len(linker.family_of)
        if touched or rebuild or not summaries.fresh(store.conn, "overview"):
            progress("summarising for the explorer", 0, 1)
            summaries.refresh(store.conn, overview(store.conn))
            progress("summarising for the explorer", 1, 1)
    return report


@dataclass
class FetchReport(RunReport):
    """A fetch run: the analysis counts, and what each URL's visit came to."""

    fetched: int = 0
    not_modified: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def fetch_urls(urls: Iterable[str], *, db: str, settings: Settings | None = None, evidence=None, politeness=None,
               on_article: Callable[[Article, bool], None] | None = None, on_error: Callable[[str], None] | None = None,
               on_note: Callable[[str], None] | None = None, on_warning: Callable[[str], None] | None = None,
               analyzer: Analyzer | None = None, fetcher=None, stop: Callable[[], bool] | None = None) -> FetchReport:
    """Fetch each URL politely (ingest.fetch), keep its raw bytes in `evidence` (a FolderEvidence or WarcEvidence),
    analyse the page like a local HTML file and store it; every visit is a row of the `fetches` table, and the
    next visit to a URL asks only for a changed page (conditional GET).  `stop()` is asked before each URL (a
    clean stop on a signal: the page being analysed is finished first).  Network access happens here only."""
    from .ingest.fetch import Fetcher

    settings = settings or Settings.load()
    report = FetchReport()
    analyzer = analyzer or Analyzer(settings)

    def note(msg: str) -> None:
        report.notes.append(msg)
        if on_note:
            on_note(msg)

    own = fetcher is None  # a fetcher handed in (by `watch`) keeps its robots.txt cache and host clocks open
    with Store(db) as store, (Fetcher(politeness, max_bytes=settings.max_bytes) if own else nullcontext(fetcher)) as client:
        writer = ArticleWriter(store, report, analyzer, settings, on_article=on_article, on_error=on_error,
                               on_warning=on_warning)
        wanted = _alternating_hosts(u.strip() for u in urls if u.strip() and not u.strip().startswith("#"))
        width = max(1, getattr(getattr(client, "politeness", None), "concurrency", 1))
        pool = ThreadPoolExecutor(width, thread_name_prefix="fetch")
        in_flight: deque = deque()

        def submit_next() -> bool:
            if not wanted or (stop is not None and stop()):
                return False
            url = wanted.popleft()
            etag, last_modified = store.last_fetch(url)
            in_flight.append((url, etag, last_modified, pool.submit(client.fetch, url, etag=etag, last_modified=last_modified)))
            return True

        try:
            while len(in_flight) < 2 * width and submit_next():
                pass
            while in_flight:
                url, etag, last_modified, future = in_flight.popleft()
                page = future.result()
                submit_next()
                _fetched_page(page, url, etag, last_modified, store=store, writer=writer, report=report, note=note,
                              evidence=evidence, analyzer=analyzer, settings=settings)
        finally:
            for *_, future in in_flight:
                future.cancel()
            pool.shutdown(wait=True)
    return report


def _alternating_hosts(urls: Iterable[str]) -> deque:
    """The URLs (each once) in an order that alternates hosts, each host's own order kept: a feed lists one site's
    pages together, and a polite fetcher would wait out the delay between each two of them."""
    from urllib.parse import urlsplit

    by_host: dict[str, deque] = {}
    for url in dict.fromkeys(urls):
        by_host.setdefault(urlsplit(url).netloc, deque()).append(url)
    out: deque = deque()
    while by_host:
        for host in list(by_host):
            out.append(by_host[host].popleft())
            if not by_host[host]:
                del by_host[host]
    return out


def _fetched_page(page, url: str, etag: str | None, last_modified: str | None, *, store: Store, writer: ArticleWriter,
                  report: FetchReport, note: Callable[[str], None], evidence, analyzer: Analyzer, settings: Settings) -> None:
    """What one visit comes to: a row of `fetches`, the evidence kept, and the article analysed and written."""
    visit = {"url": url, "fetched_at": page.fetched_at, "final_url": page.final_url, "status": page.status}
    if page.skipped:
        report.skipped += 1
        note(f"skipped {url}: {page.skipped}")
        store.record_fetch(**visit, outcome="skipped", detail=page.skipped)
        return
    if page.error:
        writer.fail(str(InputError(Errors.W016.format(detail=page.error), source=url)))
        store.record_fetch(**visit, outcome="failed", detail=page.error)
        return
    if page.not_modified:
        report.not_modified += 1
        note(f"unchanged {url}: 304 Not Modified")
        store.record_fetch(**visit, outcome="unchanged", etag=etag, last_modified=last_modified)
        return
    report.fetched += 1
    kept = evidence.keep(page) if evidence is not None else None
    visit.update(etag=page.headers.get("etag"), last_modified=page.headers.get("last-modified"),
                 content_sha256=page.sha256, evidence=kept)
    if page.truncated:
        writer.fail(str(InputError(Errors.W003.format(size=f"more than {settings.max_bytes}", limit=settings.max_bytes),
                                   source=url)))
        store.record_fetch(**visit, outcome="failed", detail="over the size limit or cut off")
        return
    if not page.is_html:
        note(f"not a page {url}: {page.headers.get('content-type', '?')} (HTTP {page.status})")
        store.record_fetch(**visit, outcome="not_html")
        return
    problems: list[str] = []
    try:
        raw = read_html(decode_markup(page.body, page.headers.get("content-type", ""), source=url),
                        source=url, url=page.final_url or url)
        raw.metadata.update({"fetched_at": page.fetched_at, "evidence": kept} if kept else {"fetched_at": page.fetched_at})
        prepared = list(prepare_all([raw], on_error=problems.append, on_warning=lambda p: writer.warn(str(p))))
    except InputError as exc:
        problems.append(str(InputError(exc.message, source=url)))
        prepared = []
    if problems:
        for msg in problems:
            writer.fail(msg)
        store.record_fetch(**visit, outcome="failed", detail=problems[0])
        return
    art = prepared[0]
    stored_before = report.analysed
    if writer.admit(art):
        for done in analyzer.analyze([art], on_error=writer.analysis_failed):
            writer.write(done)
    outcome = "stored" if report.analysed > stored_before else "unchanged"
    store.record_fetch(**visit, outcome=outcome, article_id=store.has_version(art.identity, art.content_hash))


@dataclass
class WatchRound:
    """One round of `watch`: what the sources listed, what was new, what it became."""

    number: int
    started: str
    sources: int = 0
    listed: int = 0
    new: int = 0
    fetch: FetchReport | None = None
    errors: list[str] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        f = self.fetch or FetchReport()
        grown = sum(1 for a in self.alerts if a["alert"] == "grown_family")
        return (f"round {self.number} at {self.started}: {self.sources} sources listed {self.listed} links, {self.new} new; "
                f"{f.analysed} stored, {f.failed + len(self.errors)} failed; "
                f"{len(self.alerts) - grown} new families, {grown} grown")


def watch_round(sources: list[str], *, number: int, db: str, settings: Settings, fetcher, evidence=None,
                analyzer: Analyzer | None = None, stop: Callable[[], bool] | None = None,
                on_error: Callable[[str], None] | None = None) -> WatchRound:
    """List every source (ingest.discover), fetch and analyse the links never fetched before, trace the new
    articles into families, and say which families are new and which grew (the alerts)."""
    from datetime import datetime, timezone

    from .ingest.discover import list_source
    from .store import tables

    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    result = WatchRound(number, now)

    def failed(msg: str) -> None:
        result.errors.append(msg)
        if on_error:
            on_error(msg)

    links: list[str] = []
    with Store(db) as store:
        before = tables.family_sizes(store.conn)
        for source in sources:
            if stop is not None and stop():
                return result
            etag, last_modified = store.last_fetch(source)
            listing = list_source(source, fetcher, etag=etag, last_modified=last_modified)
            result.sources += 1
            for visit in listing.visits:
                outcome = "source" if visit.status == 200 or visit.not_modified else ("skipped" if visit.skipped else "failed")
                store.record_fetch(url=visit.url, fetched_at=visit.fetched_at, final_url=visit.final_url,
                                   status=visit.status, outcome=outcome, detail=visit.skipped or visit.error,
                                   etag=visit.headers.get("etag") or (etag if visit.not_modified else None),
                                   last_modified=visit.headers.get("last-modified") or (last_modified if visit.not_modified else None))
            if listing.error:
                failed(str(InputError(Errors.W016.format(detail=listing.error), source=source)))
            links += listing.links
        result.listed = len(set(links))
        new = [u for u in dict.fromkeys(links) if not store.fetched_before(u)]
    result.new = len(new)
    result.fetch = fetch_urls(new, db=db, settings=settings, evidence=evidence, analyzer=analyzer, fetcher=fetcher,
                              stop=stop, on_error=on_error)
    if result.fetch.analysed:
        trace_db(db, settings=settings)
        with Store(db) as store:
            after = tables.family_sizes(store.conn)
            changed = [fid for fid, size in after.items() if size > before.get(fid, 0)]
            for fam in tables.family_alerts(store.conn, changed):
                kind = "grown_family" if fam["id"] in before else "new_family"
                result.alerts.append({"alert": kind, "round": number, "time": now, "family_id": fam["id"],
                                      "size": fam["size"], "previous_size": before.get(fam["id"], 0),
                                      "origin_outlet": fam["origin_outlet"], "origin_published": fam["origin_published"],
                                      "lead_speaker": fam["lead_speaker"], "languages": fam["languages"],
                                      "members": fam["members"]})
    return result
