"""The ingest run: items to workers in chunks, outcomes back in input order, the store written in batches.

One process (the caller) reads the inputs, groups syndicated copy and writes
the store; the workers (inline, a process pool, or a Dask cluster) do the work
on each article (:mod:`geo.ingest.work`). Outcomes are taken in input order
whatever finished first, so the store ends the same byte for byte at any worker
count. At most :data:`WINDOW_PER_WORKER` chunks a worker are in flight, so memory
stays flat however large the corpus.

Resuming: every batch of :data:`BATCH` articles is one store transaction, so a
run killed at any moment leaves whole batches; run again, it reads the same
inputs, skips the extraction of what the store holds, and adds the rest.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from itertools import islice
from typing import Any

import gazetteer
from geo.ingest.sources import Item, count_items, iter_items
from geo.ingest.summary import Skipped, Summary
from geo.ingest.syndication import Stories
from geo.ingest.work import Context, Outcome, unresolved_names, work_chunk, work_item
from geo.store import NewArticle, Store, open_store

#: Articles a chunk (one task) holds: large enough that a task's overhead (pickling, the scheduler's
#: round trip, a few ms on Dask) is small beside its work, small enough to spread work evenly.
CHUNK = 16
#: Chunks in flight for each worker: enough to keep every worker busy while the writer waits on one.
WINDOW_PER_WORKER = 4
#: Articles written in one store transaction.
BATCH = 200
#: Who the store records as the author of ingested articles.
BY = "ingest"


def ingest(
    paths: Sequence[str | os.PathLike],
    *,
    store: Store | str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    published=None,
    progress: bool | None = None,
    batch: int = BATCH,
    chunk: int = CHUNK,
) -> Summary:
    """Ingest ``paths`` into the store (a :class:`Store`, a URL, or the default store) and count what happened.

    Parameters
    ----------
    paths
        Folders (walked recursively) and files: text, saved pages, JSON Lines, CSV.
    workers
        Processes of the local pool (default: every core); 1 works inline. Ignored with ``scheduler``.
    scheduler
        ``tcp://HOST:PORT`` of a running Dask distributed scheduler: the work runs on its workers.
    published
        The publication date (a ``datetime.date``) of articles that state none.
    progress
        A progress bar on standard error (default: when it is a terminal).
    """
    summary = Summary()
    with ExitStack() as stack:
        if isinstance(store, Store):
            st = store
        else:
            st = open_store(store)
            stack.callback(st.close)
        ctx = Context(published=published, known=frozenset(st.article_ids()))
        show = sys.stderr.isatty() if progress is None else progress
        total = count_items(paths) if show else None
        bar = _bar(total, show)
        stack.callback(bar.close)
        items = iter_items(paths)
        if scheduler:
            outcomes = _on_dask(items, ctx, scheduler=scheduler, chunk=chunk, stack=stack)
        else:
            n = workers or os.cpu_count() or 1
            outcomes = _inline(items, ctx) if n <= 1 else _on_pool(items, ctx, workers=n, chunk=chunk, stack=stack)
        _write(outcomes, st, summary, batch=batch, tick=bar.update)
    return summary


def _write(outcomes: Iterable[Outcome], st: Store, summary: Summary, *, batch: int, tick: Callable) -> None:
    """Group and write the outcomes in input order, ``batch`` articles a transaction."""
    stories = Stories(st)
    pending: list[tuple[Outcome, NewArticle, bool]] = []
    story_keys: set[str] = set()
    for o in outcomes:
        summary.read += 1
        tick(1)
        if o.skip is not None:
            summary.skipped.append(Skipped(o.source, o.skip))
            continue
        assert o.article_id is not None and o.signature is not None
        if o.known:  # stored by an earlier run: its bands are in the store already
            summary.already_stored += 1
            continue
        key, joined = stories.add(o.article_id, o.signature)
        assert o.text is not None and o.published is not None
        new = NewArticle(
            text=o.text,
            published=o.published,
            outlet=o.outlet,
            url=o.url,
            title=o.title,
            byline=o.byline,
            source=o.source,
            story_key=key,
            story_bands=stories.buckets(o.signature),
            candidates=o.candidates,
        )
        pending.append((o, new, joined))
        if len(pending) >= batch:
            _flush(pending, st, summary, story_keys)
            stories.written()
    _flush(pending, st, summary, story_keys)
    stories.written()
    summary.stories = len(story_keys)


def _flush(pending: list[tuple[Outcome, NewArticle, bool]], st: Store, summary: Summary, keys: set[str]) -> None:
    """Write the pending articles in one transaction and count the store's answers."""
    if not pending:
        return
    results = st.add_articles([new for _, new, _ in pending], by=BY)
    for (o, new, joined), r in zip(pending, results, strict=True):
        if r.created:
            summary.added += 1
            summary.candidates += len(r.candidate_ids)
            summary.syndicated += joined
            summary.unresolved.update(unresolved_names(o.candidates))
            keys.add(new.story_key or r.article_id)
        else:
            summary.duplicates += 1
    pending.clear()


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _inline(items: Iterator[Item], ctx: Context) -> Iterator[Outcome]:
    gz = gazetteer.load()
    for item in items:
        yield work_item(item, ctx, gz=gz)


def _in_order(submit: Callable[[list[Item]], Any], result: Callable[[Any], list[Outcome]], chunks, window: int):
    """Submit chunks keeping at most ``window`` in flight; yield their outcomes in submission order."""
    flight: deque = deque()
    for c in chunks:
        flight.append(submit(c))
        if len(flight) >= window:
            yield from result(flight.popleft())
    while flight:
        yield from result(flight.popleft())


_POOL_CONTEXT: Context | None = None  # a pool worker's Context, set once by _init_worker


def _init_worker(ctx: Context) -> None:
    global _POOL_CONTEXT
    _POOL_CONTEXT = ctx  # once per process: the ids the store holds are not sent with every task
    gazetteer.load()


def _pool_chunk(items: list[Item]) -> list[Outcome]:
    assert _POOL_CONTEXT is not None
    return work_chunk(items, _POOL_CONTEXT)


def _on_pool(items: Iterator[Item], ctx: Context, *, workers: int, chunk: int, stack: ExitStack) -> Iterator[Outcome]:
    gazetteer.load()  # loaded before the fork: the workers share it
    pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(ctx,)))

    def submit(c: list[Item]) -> Future:
        return pool.submit(_pool_chunk, c)

    return _in_order(submit, Future.result, _chunks(items, chunk), workers * WINDOW_PER_WORKER)


def _on_dask(items: Iterator[Item], ctx: Context, *, scheduler: str, chunk: int, stack: ExitStack) -> Iterator[Outcome]:
    from distributed import Client

    client = stack.enter_context(Client(scheduler, set_as_default=False))
    n = max(1, sum(client.nthreads().values()))
    [ctx_future] = client.scatter([ctx], broadcast=True)  # the known ids sent once to each worker, not per task

    def submit(c: list[Item]):
        return client.submit(work_chunk, c, ctx_future, pure=False)

    def result(f) -> list[Outcome]:
        out = f.result()
        f.release()
        return out

    return _in_order(submit, result, _chunks(items, chunk), n * WINDOW_PER_WORKER)


def _bar(total: int | None, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit=" articles", disable=not show, file=sys.stderr, smoothing=0.1, dynamic_ncols=True)
