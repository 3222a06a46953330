"""The web app (`app.py`: `create_app`) and the templates it shares with the static report
(`templating.py`, `pages.py`, `charts.py`)."""
