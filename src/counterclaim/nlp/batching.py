"""Run the rules of many articles together, so that the parses they ask for are batched.

The rules read a sentence's parse, or a parse's named entities, only when they first need
them, deep inside the attribution rules (`nlp/context.py`). Asked for one at a time, a
parse costs about twice its share of a batch (one model call per sentence). So
`run_together` runs the rules of each article of a batch in a greenlet, a coroutine with
its own stack. Where a rule calls `batched(work, item)`, its greenlet pauses; when every
article has finished or paused, each kind of waiting work runs once over all the items
waiting on it, and the paused rules resume with their answers.

Only one greenlet runs at a time, each resumes in input order, and a work's answer for an
item does not depend on the items beside it (spaCy parses each text on its own), so the
results are those of running each article alone. Outside `run_together`, `batched` does
the work at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from greenlet import getcurrent, greenlet

Item = TypeVar("Item")
Answer = TypeVar("Answer")
Result = TypeVar("Result")


@dataclass(frozen=True)
class _Waiting:
    """What a paused greenlet waits for: `work` done on `item`."""

    work: Callable[[list[Any]], list[Any]]
    item: Any


class _Task(greenlet):
    """The greenlet of one task of `run_together`."""


def batched(work: Callable[[list[Item]], list[Answer]], item: Item) -> Answer:
    """`work([item])[0]`; inside `run_together`, done in one call with every other item
    that the other tasks wait on with the same `work`."""
    current = getcurrent()
    if isinstance(current, _Task):
        return cast(Answer, current.parent.switch(_Waiting(work, item)))
    return work([item])[0]


def run_together(tasks: Sequence[Callable[[], Result]]) -> list[Result]:
    """The result of each task, in order, with their `batched` calls served together.

    An exception in a task propagates from here; the other tasks are dropped.
    """
    results: dict[int, Result] = {}
    resume: list[tuple[int, greenlet, Any]] = [(i, _Task(task), None) for i, task in enumerate(tasks)]
    while resume:
        waiting: list[tuple[int, greenlet, _Waiting]] = []
        for index, task, answer in resume:
            out = task.switch(answer) if task else task.switch()  # a greenlet is false until started
            if task.dead:
                results[index] = out
            else:
                waiting.append((index, task, out))
        resume = []
        for work in dict.fromkeys(w.work for _, _, w in waiting):
            group = [(index, task, w) for index, task, w in waiting if w.work == work]
            answers = work([w.item for _, _, w in group])
            resume += [(index, task, answer) for (index, task, _), answer in zip(group, answers, strict=True)]
        resume.sort(key=lambda entry: entry[0])
    return [results[i] for i in range(len(tasks))]
