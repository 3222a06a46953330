"""The import contracts of pyproject.toml ([tool.importlinter]) hold, so `pytest` alone
also catches an import that points the wrong way (DESIGN.md, "Dependency rules")."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    script = Path(sys.executable).with_name("lint-imports")
    command = [str(script)] if script.is_file() else [shutil.which("lint-imports") or "lint-imports"]
    run = subprocess.run([*command, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout
