"""Near-identical articles: one wire story republished by many outlets is one source.

Each article gets a MinHash signature (datasketch) of its five-word shingles. The
signature is cut into bands; two articles that share a band are candidates, and a pair of
candidates whose estimated Jaccard similarity is at least `SAME_STORY` is the same story.
The store keeps the band hashes in an indexed table, so a new article finds its copies
among millions with one lookup per band, across runs.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datasketch imports scipy, half a second: only a writer needs them
    from datasketch import MinHash  # type: ignore[import-untyped]

PERMUTATIONS = 128
BANDS, ROWS = 32, 4  # 32 bands of 4: pairs above about 0.5 similarity share a band
SHINGLE_WORDS = 5
SAME_STORY = 0.8  # estimated Jaccard similarity of shingles: wire copy with new furniture
SEED = 1  # fixed, so signatures made in different runs compare
SCHEME = "affine32"  # datasketch's hashing scheme, named so stored signatures stay readable


def signature(text: str) -> MinHash:
    """The MinHash of the text's five-word shingles (lower case, words only)."""
    from datasketch import MinHash

    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def bands(minhash: MinHash) -> list[tuple[int, int]]:
    """(band number, 63-bit hash of the band's rows): stable across processes."""
    values = minhash.hashvalues
    found = []
    for band in range(BANDS):
        rows = values[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(rows, digest_size=8).digest()
        found.append((band, int.from_bytes(digest, "big") >> 1))
    return found


@cache
def _permutations() -> object:
    """The seed's permutations, drawn once per process rather than once per article."""
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations


def to_bytes(minhash: MinHash) -> bytes:
    import numpy as np

    return bytes(minhash.hashvalues.astype(np.uint32).tobytes())


def from_bytes(data: bytes) -> MinHash:
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint32),
                   permutations=_permutations())


def same_story(a: MinHash, b: MinHash | bytes) -> bool:
    """Whether two signatures (one may be as stored) estimate a Jaccard similarity of at
    least SAME_STORY: the share of equal hash values, as MinHash.jaccard counts it."""
    import numpy as np

    other = np.frombuffer(b, dtype=np.uint32) if isinstance(b, bytes) else b.hashvalues.astype(np.uint32)
    return bool(np.count_nonzero(a.hashvalues.astype(np.uint32) == other) / PERMUTATIONS >= SAME_STORY)
