"""Ingest on many cores: the per-article stages in worker processes or on a Dask
cluster, one writer storing what they find, in input order.

    reader ── chunks of articles ──▶ workers: extract claims, find framing terms
                                        (the model and actor base loaded once per worker)
                                               │ a Chunk per chunk, taken in submission order
                                               ▼
                              the writer: provisional actors made run-wide,
                              then `save_articles`, one transaction per batch

Why one writer, in input order: an SQLite ledger takes one writer at a time, and the
order decides two things a one-process run decides the same way, so both runs store the
same ledger: the first article of a syndicated story names its group, and the first
spelling of an actor the base does not know names the provisional actor ("~mohammed-ali"
for later "Muhammad Ali"). Each worker keeps its own registry of provisional actors and
sends it with its results; the writer maps them onto one registry for the run.

Memory stays flat: the reader runs ahead of the writer by at most `in_flight` chunks.
The pool is anything with `submit(fn, *args) -> future` whose future has `result()`: a
`concurrent.futures.ProcessPoolExecutor` (`--workers N`) or a `distributed.Client`
(`--dask`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from counterclaim.actors import ActorBase, Provisional, load_base
from counterclaim.errors import CounterclaimError
from counterclaim.extract import ExtractOptions, extract_each
from counterclaim.framing import find_terms
from counterclaim.model import Actor, Article, Claim, Extracted

ARTICLES_PER_CHUNK = 32  # large enough that sending a chunk costs little beside parsing it
CHUNKS_PER_WORKER = 3  # in flight: one being parsed, one waiting, one on its way back


@dataclass(frozen=True)
class Chunk:
    """What a worker made of a chunk of articles."""

    extracted: list[Extracted]
    provisional: dict[str, Actor]  # the worker's provisional actors, by id


class Pool(Protocol):
    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


def extract_here(articles: Iterable[Article], options: ExtractOptions) -> Iterator[Extracted]:
    """Every article's claims and terms, in input order, in this process: the reference
    the pools are held to (one registry of provisional actors throughout)."""
    return _with_terms(articles, options, Provisional())


def extract_in_pool(
    articles: Iterable[Article], pool: Pool, options: ExtractOptions, *, workers: int,
    articles_per_chunk: int = ARTICLES_PER_CHUNK,
) -> Iterator[Extracted]:
    """Every article's claims and terms, in input order, extracted by `pool`'s workers;
    provisional actors already made run-wide."""
    registry = Provisional()
    waiting: deque[Any] = deque()
    for chunk in _chunks(articles, articles_per_chunk):
        waiting.append(pool.submit(extract_chunk, chunk, options))
        if len(waiting) >= workers * CHUNKS_PER_WORKER:
            yield from run_wide(waiting.popleft().result(), registry)
    while waiting:
        yield from run_wide(waiting.popleft().result(), registry)


def extract_chunk(articles: list[Article], options: ExtractOptions) -> Chunk:
    """The per-article stages for one chunk; runs in a worker process."""
    provisional = Provisional()
    extracted = list(_with_terms(articles, options, provisional))
    return Chunk(extracted, {actor.id: actor for actor in provisional.by_key.values()})


def _with_terms(articles: Iterable[Article], options: ExtractOptions, provisional: Provisional
                ) -> Iterator[Extracted]:
    base = actor_base(options.actor_files)
    for done in extract_each(articles, options=options, provisional=provisional, base=base):
        terms = find_terms(done.article, base, sentences=done.sentences, quotations=done.quotations)
        yield Extracted(done.article, done.claims, terms)


def run_wide(chunk: Chunk, registry: Provisional) -> list[Extracted]:
    """The chunk with each provisional actor replaced by the run's actor of that spelling."""
    return [replace(item, claims=[_run_wide(claim, chunk.provisional, registry) for claim in item.claims])
            for item in chunk.extracted]


def _run_wide(claim: Claim, provisional: dict[str, Actor], registry: Provisional) -> Claim:
    actor = provisional.get(claim.claimant_id or "")
    if actor is None:
        return claim
    return replace(claim, claimant_id=registry.actor(actor.name, actor.type).id)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    stream = iter(articles)
    while chunk := list(islice(stream, size)):
        yield chunk


@cache  # once per process: the writer's and each worker's
def actor_base(files: tuple[Path, ...]) -> ActorBase:
    """The run's actor base: the package's with the user's `files` over it."""
    return load_base(files)


class PoolError(CounterclaimError):
    """A pool of workers that cannot be started or reached; the message says why."""


@contextmanager
def open_pool(workers: int = 1, dask: str | None = None) -> Iterator[tuple[Pool | None, int]]:
    """The pool for `--workers N` or `--dask ADDRESS` and its number of workers; no pool
    (None, 1) for one process. `dask` is "local:N" (a LocalCluster of N processes on this
    machine) or a scheduler's address ("tcp://scheduler:8786")."""
    if dask:
        with _dask_pool(dask) as found:
            yield found
    elif workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as executor:
            yield executor, workers
    else:
        yield None, 1


@contextmanager
def _dask_pool(address: str) -> Iterator[tuple[Pool, int]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise PoolError("--dask needs Dask's scheduler: pip install 'dask[distributed]'") from error
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise PoolError(f"--dask local:N needs a number of workers, not {count!r}")
        with (LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True, dashboard_address=None)
              as cluster, Client(cluster) as client):
            yield _DaskPool(client), int(count)
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as error:
        raise PoolError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    with client:
        yield _DaskPool(client), max(1, len(client.scheduler_info().get("workers", {})))


@dataclass(frozen=True)
class _DaskPool:
    client: Any

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        # pure=False: Dask would otherwise hash every article to name the task.
        return self.client.submit(fn, *args, pure=False)
