"""Rules of many articles run together: what they wait on is done in one call per round,
and every result is what the task gives alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.extract import ExtractOptions, extract_articles
from counterclaim.ingest import read
from counterclaim.model import Article
from counterclaim.nlp import pipeline
from counterclaim.nlp.batching import batched, run_together

ROOT = Path(__file__).resolve().parents[1]


class Squares:
    """A batch work that records the items of each call."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def __call__(self, items: list[int]) -> list[int]:
        self.calls.append(list(items))
        return [item * item for item in items]


def test_waiting_items_are_served_in_one_call_per_round() -> None:
    squares = Squares()

    def task(first: int, steps: int) -> list[int]:
        return [batched(squares, first + step) for step in range(steps)]

    results = run_together([lambda: task(1, 2), lambda: task(10, 0), lambda: task(20, 3)])
    assert results == [[1, 4], [], [400, 441, 484]]
    # Round one: the first wait of each task that waits; then what is still waiting.
    assert squares.calls == [[1, 20], [2, 21], [22]]


def test_different_works_are_served_apart() -> None:
    squares, doubles = Squares(), Squares()

    def task(item: int, work: Squares) -> int:
        return batched(work, item)

    assert run_together([lambda: task(2, squares), lambda: task(3, doubles), lambda: task(4, squares)]) == [4, 9, 16]
    assert squares.calls == [[2, 4]]
    assert doubles.calls == [[3]]


def test_outside_run_together_the_work_is_done_at_once() -> None:
    squares = Squares()
    assert batched(squares, 7) == 49
    assert squares.calls == [[7]]


def test_an_error_in_a_task_reaches_the_caller() -> None:
    squares = Squares()

    def failing() -> int:
        batched(squares, 1)
        raise ValueError("broken article")

    with pytest.raises(ValueError, match="broken article"):
        run_together([lambda: batched(squares, 2), failing])


@pytest.mark.parametrize("corpus", [pytest.param(ROOT / "examples", marks=pytest.mark.slow),
                                    ROOT.parent / "shared" / "corpus" / "news"], ids=lambda p: p.name)
def test_claims_of_a_batch_are_those_of_each_article_alone(corpus: Path, nlp: object) -> None:
    if not corpus.exists():
        pytest.skip(f"{corpus} is not here")
    articles = list(read(corpus))
    together = list(extract_articles(articles))
    alone = list(extract_articles(articles, options=ExtractOptions(articles_per_batch=1)))
    assert sum(map(len, together)) > 0
    for article, batch_claims, own_claims in zip(articles, together, alone, strict=True):
        assert [(c, c.reasons) for c in batch_claims] == [(c, c.reasons) for c in own_claims], article.doc


def test_sentences_asked_for_by_several_articles_are_parsed_together(
    nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The second sentence of each article names its source only through "It", which
    # sends the rules back to the reporting clause of the first; that sentence holds no
    # number, so it is not parsed ahead: each article asks for it, and the three are
    # parsed in one call.
    articles = [
        Article(id=str(i), doc=str(i), text=f"The {body} said the strike hit a market on Monday.\n\n"
                f"It added that {count} people were killed.")
        for i, (body, count) in enumerate([("health ministry", 12), ("army", 40), ("civil defence", 7)])
    ]
    calls: list[int] = []
    real_parse = pipeline.Pipeline.parse

    def counting_parse(self: pipeline.Pipeline, texts: list[str], **kwargs: bool | int) -> object:
        calls.append(len(texts))
        return real_parse(self, texts, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.Pipeline, "parse", counting_parse)
    claims = list(extract_articles(articles))
    assert [[c.claimant for c in found] for found in claims] == [["health ministry"], ["army"], ["civil defence"]]
    assert calls == [3, 3]  # the three number sentences, then the three sentences asked for
