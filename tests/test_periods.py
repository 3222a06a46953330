"""Periods of counts, resolved against the article date (issue 5)."""

from __future__ import annotations

import pytest

from counterclaim.periods import Period, find_period

DATE = "2024-01-26"  # a Friday


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Since October 7, 219 soldiers have been killed.", Period("2023-10-07", DATE, True)),
    ("Since 7 October 2023 at least 25,000 people were killed.", Period("2023-10-07", DATE, True)),
    ("killed since the outbreak of hostilities on October 7", Period("2023-10-07", DATE, True)),
    ("Israel has lost 219 troops since it began ground operations.", Period(None, DATE, True)),
    ("Since the war began, 10,000 soldiers have died.", Period(None, DATE, True)),
    ("Since the start of the full-scale invasion 500 children died.", Period(None, DATE, True)),
    ("So far 250 people have been taken hostage.", Period(None, DATE, True)),
    ("The toll to date stands at 1,200.", Period(None, DATE, True)),
    ("Over the past week, 60 soldiers were killed.", Period("2024-01-19", DATE, False)),
    ("In the last 24 hours, 40 people were killed.", Period("2024-01-25", DATE, False)),
    ("in the past three days 50 died", Period("2024-01-23", DATE, False)),
    ("Overnight, Russia launched 90 drones.", Period("2024-01-25", DATE, False)),
    ("Yesterday five people died.", Period("2024-01-25", "2024-01-25", False)),
    ("On Thursday, 12 people were killed.", Period("2024-01-25", "2024-01-25", False)),
    ("On Friday, 12 people were killed.", Period(DATE, DATE, False)),  # the article's own day
    ("Between January 25-26, 300 were killed.", Period("2024-01-25", DATE, False)),
    ("Between 20 and 22 December 70 were killed.", Period("2023-12-20", "2023-12-22", False)),
    ("In March, 1,200 soldiers died.", Period("2023-03-01", "2023-03-31", False)),
    ("On 7 October, 1,200 people were killed.", Period("2023-10-07", "2023-10-07", False)),
])
def test_periods(sentence: str, expected: Period) -> None:
    assert find_period(sentence, DATE) == expected


@pytest.mark.parametrize("sentence", [
    "The ministry said 40 soldiers were killed.",
    "Dozens were wounded in Mayhem.",  # a place, not a month
    "Officials said 12 died on February 30.",  # no such day: unknown, not guessed
])
def test_no_period_is_guessed(sentence: str) -> None:
    found = find_period(sentence, DATE)
    assert (found.start, found.end) == (None, None)


def test_without_an_article_date_only_the_kind_is_known() -> None:
    assert find_period("Since the war began, 10,000 soldiers have died.", None) == Period(None, None, True)
    assert find_period("Over the past week 60 died.", None) == Period(None, None, False)
    assert find_period("60 died.", None) == Period()
