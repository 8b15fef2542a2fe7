"""Where documents are processed: in-process, a local process pool, or a Dask cluster.

Every executor maps a picklable function over items and yields results as they finish, with a
bounded number in flight, so memory does not grow with the size of the corpus. Outputs do not
depend on the executor: each document's result depends on that document alone.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import islice
from typing import Any, TypeVar

from pipeline.errors import PolicyxError

T = TypeVar("T")
R = TypeVar("R")
EXECUTORS = ("local", "dask")
# In flight per worker: enough to keep workers busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 4


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _bounded(submit: Callable[[T], Any], items: Iterable[T], limit: int,
             wait_some: Callable[[set], tuple[set, set]], result: Callable[[Any], R]) -> Iterator[R]:
    pending: set = set()
    for item in items:
        if len(pending) >= limit:
            done, pending = wait_some(pending)
            for fut in done:
                yield result(fut)
        pending.add(submit(item))
    while pending:
        done, pending = wait_some(pending)
        for fut in done:
            yield result(fut)


def local_map(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """A process pool (fork on Linux, so workers start with everything the parent imported)."""
    if workers <= 1:
        yield from map(fn, items)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _bounded(
            lambda item: pool.submit(fn, item),
            items,
            workers * IN_FLIGHT_PER_WORKER,
            lambda pending: wait(pending, return_when=FIRST_COMPLETED),
            lambda fut: fut.result(),
        )


def dask_map(fn: Callable[[T], R], items: Iterable[T], workers: int, scheduler: str | None) -> Iterator[R]:
    """Dask: an existing cluster at ``scheduler``, or a LocalCluster of ``workers`` processes."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise PolicyxError("the dask executor needs dask[distributed]: pip install 'policyx[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        limit = max(1, len(client.scheduler_info().get("workers", {})) or workers) * IN_FLIGHT_PER_WORKER
        queue = as_completed()
        remaining = iter(items)
        for item in islice(remaining, limit):
            queue.add(client.submit(fn, item, pure=False))
        for fut in queue:
            result = fut.result()
            fut.release()
            for item in islice(remaining, 1):
                queue.add(client.submit(fn, item, pure=False))
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def map_documents(fn: Callable[[T], R], items: Iterable[T], executor: str = "local", workers: int | None = None,
                  scheduler: str | None = None) -> Iterator[R]:
    workers = workers or default_workers()
    if executor == "local":
        return local_map(fn, items, workers)
    if executor == "dask":
        return dask_map(fn, items, workers, scheduler)
    raise PolicyxError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
