"""What the pages show of people's reviews: each claim's state and corrections beside the
machine's values, its history, a figure's "n of m claims checked", and the review form's
fields. Built from `counterclaim.review`; the templates only lay it out (`_review.html`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Engine

from counterclaim.model import MEASURES, QUALIFIERS, REVIEW_STATES, Claim
from counterclaim.review import LogEntry, current_review, history, review_counts
from counterclaim.store.reviews import Review

# The fields of the review form, in its order, with their labels (`CORRECTABLE`'s names).
FORM_FIELDS = {
    "value": "value", "value_high": "upper end of a range", "qualifier": "qualifier", "measure": "measure",
    "counted": "counted (as written)", "counted_group": "counted group", "claimant": "claimant",
    "claimant_id": "claimant's actor id", "place": "place", "scope": "scope", "figure": "figure",
}
CHOICES = {"qualifier": QUALIFIERS, "measure": MEASURES}


@dataclass(frozen=True)
class CorrectedField:
    """A field a reviewer changed: what readers are shown now, and what the machine said."""

    name: str
    label: str
    shown: str
    machine: str


@dataclass(frozen=True)
class ClaimReview:
    """One claim's review as its pages show it; `review` is None for a machine's claim."""

    claim: Claim
    review: Review | None
    corrected: dict[str, CorrectedField]  # by field name
    history: list[LogEntry]

    @property
    def state(self) -> str:
        return self.claim.review or "machine"

    @property
    def version(self) -> int:
        """The version the review form sends back (`expected_version`): 0 for a claim never reviewed."""
        return self.review.version if self.review else 0

    def form_values(self) -> dict[str, str]:
        """The review form's fields as the claim shows them now."""
        return {name: field_text(getattr(self.claim, name)) for name in FORM_FIELDS}


@dataclass(frozen=True)
class ReviewTally:
    """How many of a figure's claims a person has checked."""

    total: int
    by_state: dict[str, int]

    @property
    def checked(self) -> int:
        return self.total - self.by_state.get("machine", 0)


@dataclass(frozen=True)
class Editing:
    """Review mode's part of a page: who edits, the CSRF token its forms carry, where they return."""

    reviewer: str
    csrf: str
    back: str  # this page's path and query: where a form's answer sends the browser back


@dataclass(frozen=True)
class Attempt:
    """What a reviewer sent that was not applied (a conflict or a bad value): shown again in full."""

    verdict: str
    values: dict[str, str]  # the form to send again: the claim as it is now, with the reviewer's edits
    note: str
    problem: str
    edited: set[str] = field(default_factory=set)  # the fields the reviewer changed in the form they saw


def field_text(value: object) -> str:
    """A stored value as the form shows and takes it back: "1200", "2.5", "" for none.

    >>> field_text(1200.0), field_text(2.5), field_text(None), field_text("Gaza health ministry")
    ('1200', '2.5', '', 'Gaza health ministry')
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)


def shown_text(name: str, value: object) -> str:
    """A value as a reader reads it: numbers with thousands separators, "none" for nothing.

    >>> shown_text("value", 1234.0), shown_text("claimant", None)
    ('1,234', 'none')
    """
    if value is None or value == "":
        return "none"
    if name in ("value", "value_high") and isinstance(value, int | float):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return str(value)


def claim_reviews(engine: Engine, claims: Iterable[Claim], *, with_history: bool = True) -> dict[int, ClaimReview]:
    """The review of each stored claim of `claims`, by claim id. A claim no one reviewed
    reads no review; its history is read only `with_history` (a reviewer's page: a merge of
    its figure is logged there too)."""
    found: dict[int, ClaimReview] = {}
    for claim in claims:
        if claim.id is None:
            continue
        review = current_review(engine, claim.id) if claim.review else None
        logged = history(engine, claim.id) if with_history or review else []
        found[claim.id] = ClaimReview(claim, review, corrected_fields(claim, review), logged)
    return found


def corrected_fields(claim: Claim, review: Review | None) -> dict[str, CorrectedField]:
    if review is None:
        return {}
    return {name: CorrectedField(name, FORM_FIELDS.get(name, name), shown_text(name, getattr(claim, name, value)),
                                 shown_text(name, review.machine.get(name)))
            for name, value in review.corrections.items()}


def figure_tally(engine: Engine, figure: str) -> ReviewTally:
    counts = review_counts(engine, figure)
    return ReviewTally(sum(counts.values()), {state: counts.get(state, 0) for state in REVIEW_STATES})


def attempt_of(form: Mapping[str, str], current: Mapping[str, str], problem: str) -> Attempt:
    """The reviewer's edits, to send again over the claim as it is now. An edit is a field
    that differs from the value the form showed (its hidden `was-` field): the fields they
    left alone take the current values, so sending it again never undoes another's edit."""
    edited = {name for name in FORM_FIELDS
              if name in form and form[name].strip() != form.get(f"was-{name}", current.get(name, "")).strip()}
    values = {name: form[name].strip() if name in edited else current.get(name, "") for name in FORM_FIELDS}
    return Attempt(form.get("verdict", ""), values, form.get("note", ""), problem, edited)
