"""Analysis on every core: batches of articles analysed in worker processes, results back in input order.

`WorkerAnalyzer` has the interface of `Analyzer.analyze` (articles in, analysed articles out, in
order, failures to `on_error`), so the job that reads and writes does not change: the main
process reads the inputs, checks the store, and writes one transaction per article; each worker
process loads the models once (`Analyzer` in its initializer) and analyses whole batches.  At most
`2 x workers` batches are in flight, so memory stays bounded however long the input.

Built on the standard library's `concurrent.futures.ProcessPoolExecutor` (spawned processes: a
forked copy of a process holding a terminal's progress thread can hang); `multiprocessing.Pool.imap`
would read the input from a thread of its own, and the input here is a generator that consults the
store, whose SQLite connection belongs to the main thread.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..model import Article
from ..settings import Settings
from .pipeline import Analyzer

_worker: Analyzer | None = None


def _start(settings: Settings, fast: bool) -> None:
    global _worker
    # Ctrl-C reaches every process of the terminal's group: the main process stops the run and writes nothing
    # half-done; a worker just finishes its batch (or is cancelled) instead of printing a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = Analyzer(settings, fast=fast)
    if not fast:
        _worker.nlp  # noqa: B018 - load the English model now, once per process, not inside the first batch


def _analyse(batch: list[Article]) -> list[tuple[Article, str | None]]:
    """Each article analysed, or with the error that stopped it ("TypeError: ...")."""
    failed: dict[int, str] = {}

    def on_error(art: Article, exc: Exception) -> None:
        failed[id(art)] = f"{type(exc).__name__}: {exc}"

    assert _worker is not None
    ok = {id(a) for a in _worker.analyze(batch, on_error=on_error)}
    return [(a, None if id(a) in ok else failed.get(id(a), "analysis failed")) for a in batch]


class AnalysisError(Exception):
    """An article's analysis failed in a worker process; the message names the original exception."""


class WorkerAnalyzer:
    """`workers` processes analysing batches of `settings.batch_size` articles."""

    def __init__(self, analyzer: Analyzer, workers: int):
        self.analyzer = analyzer  # the main process's: its settings go to the workers; its models are never loaded
        self.workers = workers

    def analyze(self, articles: Iterable[Article], *,
                on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[Article]:
        settings, fast = self.analyzer.settings, self.analyzer.fast
        size = max(1, settings.batch_size)
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start,
                                 initargs=(settings, fast)) as pool:
            in_flight: deque[Future] = deque()
            source = iter(articles)
            try:
                while True:
                    while len(in_flight) < 2 * self.workers:
                        batch = [a for _, a in zip(range(size), source)]
                        if not batch:
                            break
                        in_flight.append(pool.submit(_analyse, batch))
                    if not in_flight:
                        return
                    for art, problem in in_flight.popleft().result():
                        if problem is None:
                            yield art
                        elif on_error is None:
                            raise AnalysisError(problem)
                        else:
                            on_error(art, AnalysisError(problem))
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
