"""One ordered map for the coarse parallel steps of `trace`: a function over tasks, on worker processes or on Ray.

`Pool(shared, ...).map(fn, tasks)` yields `fn(shared, task)` for each task, in task order, while later tasks
still run.  `shared` (the scorer, the corpus's word weights, the knowledge base) is sent once: to each worker
process when it starts, or into Ray's object store.  At most `2 x workers` tasks are in flight, so a long corpus
is never all in memory at once.  `fn` must be a module-level function (it is pickled by reference).

Built on the standard library's ProcessPoolExecutor (spawned processes, as `analyze --workers`) and Ray's remote
functions: the tasks here are few and coarse (a partition of 2,000 articles, a batch of families), which a task
API fits better than Ray Data's row batches (`analyze --engine ray` uses Ray Data).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

_shared: Any = None


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Pool:
    """Where `map` runs its tasks: this process, `workers` processes, or Ray; started once for a whole run (a
    trace maps three steps over the same pool) and stopped when the block ends."""

    def __init__(self, shared: Any, *, engine: str = "local", workers: int = 1, address: str | None = None):
        self.shared, self.engine, self.workers, self.address = shared, engine, workers, address
        self._stack = ExitStack()
        self._processes = None
        self._ray = None

    @property
    def parallel(self) -> bool:
        return self.engine == "ray" or self.workers > 1

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def map(self, fn: Callable[[Any, Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        """`fn(shared, task)` for every task, in task order, at most two tasks a worker in flight."""
        if not self.parallel:
            for task in tasks:
                yield fn(self.shared, task)
            return
        submit, result, width = self._start()
        inflight: deque = deque()
        for task in tasks:
            inflight.append(submit(fn, task))
            if len(inflight) >= 2 * width:
                yield result(inflight.popleft())
        while inflight:
            yield result(inflight.popleft())

    def _start(self):
        if self.engine == "ray":
            if self._ray is None:
                ray = self._stack.enter_context(ray_session(self.address, self.workers if self.workers > 1 else None))
                remote = ray.remote(num_cpus=1, max_retries=0)(_call_with)
                self._ray = (ray, remote, ray.put(self.shared), max(1, int(ray.cluster_resources().get("CPU", 1))))
            ray, remote, ref, width = self._ray
            return (lambda fn, task: remote.remote(fn, ref, task)), ray.get, width
        if self._processes is None:
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("spawn")  # as analyze --workers: no fork of a process holding threads
            self._processes = self._stack.enter_context(
                ProcessPoolExecutor(self.workers, mp_context=context, initializer=_set_shared, initargs=(self.shared,)))
        return (lambda fn, task: self._processes.submit(_call, fn, task)), (lambda f: f.result()), self.workers


def _set_shared(shared: Any) -> None:
    global _shared
    _shared = shared


def _call(fn, task):
    return fn(_shared, task)


@contextmanager
def ray_session(address: str | None, workers: int | None):
    """Ray for the length of the block: the cluster at `address`, else a local Ray of `workers` CPUs (all of this
    machine's without); one already started by the caller is used as it is and left running."""
    import logging

    import ray

    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    own = not ray.is_initialized()
    if own:
        if not address:  # a local Ray of this process only; a cluster keeps its own authentication
            os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        ray.init(address=address or None, num_cpus=None if address else (workers or cores()), include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True, logging_level="ERROR")
    try:
        yield ray
    finally:
        if own:
            ray.shutdown()


def _call_with(fn, shared, task):
    return fn(shared, task)
