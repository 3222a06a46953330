"""The web app and the report over a ledger (`app.py`, `pages.py`, `charts.py`)."""

from counterclaim.web.app import create_app

__all__ = ["create_app"]
