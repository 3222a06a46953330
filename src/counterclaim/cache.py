"""Files computed once from the package's data and kept between runs, so that no command
pays at its start for what an earlier run already computed (the place index takes seconds
to build, milliseconds to open).

A file's name holds a hash of everything it is computed from (the data files and the code
that reads them): a new version of either makes a new file, and an old one is never read.
The folder is `COUNTERCLAIM_CACHE`, else `$XDG_CACHE_HOME/counterclaim`, else
`~/.cache/counterclaim`. Where no folder can be written, or the folder is one that others
may write to, the caller builds in memory.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def cache_folder() -> Path:
    """Where computed files are kept (not created here)."""
    if given := os.environ.get("COUNTERCLAIM_CACHE"):
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "counterclaim"


def fingerprint(parts: Iterable[bytes]) -> str:
    """A short hash of `parts`, for a file name."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:16]


def _private(folder: Path) -> bool:
    """Whether only this user can put files in `folder`: what is read from it is trusted (the
    actor base is a pickle), so a folder others may write to is not used."""
    status = folder.stat()
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def cached_file(name: str, build: Callable[[Path], object]) -> Path | None:
    """The path of the computed file `name` in the cache folder, built by `build(path)` first
    if it is not there; None when the folder cannot be written.

    `build` writes a temporary file, which then takes its name in one step: a process that
    finds the file finds it whole, and two processes building at once both succeed.
    """
    folder = cache_folder()
    path = folder / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return None
        if path.is_file():
            return path
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        os.close(handle)
    except OSError:
        return None
    try:
        build(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
