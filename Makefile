# counterclaim: the commands a newcomer needs. `make demo` and `make test` each install
# what is missing first, so either works as the very first command on a fresh clone.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Python 3.11 where there is one, else whatever python3 is (it must be >= 3.11).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Written after a successful install; newer than pyproject.toml means nothing to do.
STAMP := $(VENV)/.installed

.PHONY: help install demo check test bench fuzz clean distclean

help:
	@echo "make demo    install if needed, then extract the claims of examples/ as a table"
	@echo "make check   the quick lane while working: ruff, import contracts, mypy, the fast tests (under a minute)"
	@echo "make test    install if needed, then ruff, import contracts, mypy and every test (what CI runs)"
	@echo "make bench   throughput: number grammar, extraction vs the regex peer, store, compare, web, scale-out"
	@echo "make fuzz    fuzz the text, HTML and JSONL readers (FUZZ_SECONDS=60 each)"
	@echo "make install create $(VENV) and install counterclaim with its test extras and model"
	@echo "make clean   remove caches and build outputs (distclean: also $(VENV))"

install: $(STAMP)

$(STAMP): pyproject.toml
	@if [ ! -x "$(BIN)/python" ]; then \
		test -n "$(PYTHON)" || { echo "error: no python3.11 or python3 on PATH" >&2; exit 1; }; \
		echo "creating $(VENV) with $(PYTHON)"; \
		"$(PYTHON)" -m venv "$(VENV)"; \
	fi
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e ".[test,model]"
	@touch "$(STAMP)"

# The main job on the demo corpus: extract and store into an SQLite file, then print the
# ledger read back from it. A second run stores nothing new.
demo: install
	$(BIN)/counterclaim ingest examples/ --db counterclaim.db --actors examples/actors.yaml
	$(BIN)/counterclaim claims --db counterclaim.db --format table

# The quick lane: everything `make test` checks but the tests marked slow (processes,
# clusters, whole corpora: picked with pytest's --durations), the web app's and browser's
# tests (tests/test_web*.py), the PostgreSQL half of the store tests (a cluster to start
# and stop) and review.py's whole-ledger reextract runs (until they are marked slow).
# The doctests run in tests/test_docstrings.py.
CHECK_TESTS := -m "not slow" --ignore-glob="tests/test_web*.py" -k "not postgresql"

check: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -q $(CHECK_TESTS)

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

# BENCH_ARTICLES=200 make bench for a quick run (default: 2,000 articles).
bench: install
	$(BIN)/python -m pip install -q -e ".[bench]"
	@for script in benchmarks/*.py; do \
		echo "== $$script"; \
		$(BIN)/python "$$script"; \
	done

# Mutated real inputs through each reader for FUZZ_SECONDS (default 60) each; a crash
# is saved under tests/fuzz-crashes/ and fails the run.
fuzz: install
	$(BIN)/python tests/fuzz_readers.py

clean:
	rm -rf build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache .hypothesis
	rm -f counterclaim.db counterclaim.db-wal counterclaim.db-shm
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
