"""Heavy pages computed once per ledger state and shared by every request.

The overview, the figure list, the framing tables and the conflict choices each read the
whole ledger; twenty first requests at once used to compute them twenty times over, in
parallel, and stall the app. Here a value is kept per key and per `ledger_version` (which
changes whenever an article is stored), and computed single-flight: the first request for
a key computes it while the others for the same key wait for that result. A shared value
is computed without the time limit of the request that happens to compute it: it serves
every later request, and a page over a large ledger must be computable once.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from counterclaim.store.serving import no_time_limit

T = TypeVar("T")


@dataclass
class LedgerCache:
    """At most `entries` values, the least recently used dropped first, each valid for one ledger version."""

    version: Callable[[], Hashable]
    entries: int = 128
    # The version is read at most this often: a page may lag an ingest by this long, and a
    # request does not pay a count of the articles for each value it takes from the cache.
    version_every_s: float = 1.0
    _version: Hashable = None
    _version_read: float = -math.inf
    _values: OrderedDict[tuple[Hashable, Hashable], Any] = field(default_factory=OrderedDict)
    _computing: dict[tuple[Hashable, Hashable], threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)
    computed: Counter[Hashable] = field(default_factory=Counter)  # times each key was computed

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of `key` for the ledger as it is now, computed by `compute` if nobody has yet."""
        slot = (self._current_version(), key)
        with self._guard:
            if slot in self._values:
                self._values.move_to_end(slot)
                return self._values[slot]  # type: ignore[no-any-return]
            lock = self._computing.setdefault(slot, threading.Lock())
        with lock:
            with self._guard:
                if slot in self._values:  # computed by the request we waited for
                    return self._values[slot]  # type: ignore[no-any-return]
            try:
                with no_time_limit():
                    value = compute()  # an error reaches this request; a waiter tries again
            except BaseException:
                with self._guard:
                    self._computing.pop(slot, None)
                raise
            with self._guard:
                self._values[slot] = value
                self.computed[key] += 1
                while len(self._values) > self.entries:
                    self._values.popitem(last=False)
                self._computing.pop(slot, None)
        return value

    def changed(self) -> None:
        """The ledger was just changed by this process (a review): read its version at the next get."""
        with self._guard:
            self._version_read = -math.inf

    def _current_version(self) -> Hashable:
        now = time.monotonic()
        with self._guard:
            if now - self._version_read < self.version_every_s:
                return self._version
        version = self.version()
        with self._guard:
            self._version, self._version_read = version, now
        return version


def once(cache: LedgerCache | None, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` through `cache`, or straight away where there is none (the report)."""
    return compute() if cache is None else cache.get(key, compute)
