"""Which quantity each claim counts: its scope and its figure, decided when it is extracted.

A figure is conflict × measure × counted group (category and owning side) × scope; the
claims of one figure are the rival, repeated and updated values of one count, set side by
side by `compare.py`. The scope is one of:

- `now`: a count of who is held at the time of the report (hostages held);
- `since-<start>`: a running total from a named start ("since October 7", "since October
  2023", "since the war began", "since the full-scale invasion" = the conflict's first
  day; "since the ground operation", "since the truce" = starts of their own); in "214
  killed this week, bringing the toll to 50,810" only the number after "bringing the
  toll" is the total;
- `window-<first day>-to-<last day>` (or `window-<year>`): a count for a stated stretch
  ("over the past week", "in 2024");
- `event-<day>`: one attack, strike, battle or day of fighting ("overnight" included), on
  the day the sentence names ("on Sunday", never the day a statement was made) or the
  article's lead names, else the article's date; the article itself when it has no date.

The figure's id is the words of those four (`CONFLICT/MEASURE/GROUP/SCOPE[@PLACE]`), so
it is the same in every article that counts the same quantity, whatever the order the
articles arrive in, and found through an index: no pair of claims is ever compared
across articles. A local count (in a town, a camp) is an event of its own place; an
event whose sentence gives no day or place takes those of the article's lead. Inside one
article:

- a claim with no scope words in a sentence about the war as a whole ("killed in Israel's
  military operations") is the war's running total; about an attack, that event;
- one claimant giving two values for one key is counting two things (the sectors of a
  front, two strikes), so the second value is a figure of its own; two claimants giving
  two values for one key are rival counts of one figure;
- a part named inside a total ("including 2,055 children") is a figure of its own, with
  `part_of` the total's figure.

A claim whose conflict is unknown gets a figure of its own article: never a guess across
wars.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from counterclaim.actors.groups import REFERRING
from counterclaim.actors.names import slug
from counterclaim.model import Article, Claim, evidence_offset, with_fields
from counterclaim.periods import MONTH_NAMES, MONTHS, RANGE, WINDOW, find_period
from counterclaim.places import local_place

PART_MARK = "claim at "  # a part's `part_of` until figures are known: its total's "start:end"
# A sentence about the whole war, not one attack: its count is the war's running total.
WAR_WORDS = re.compile(r"\b(?:war|conflict|offensive|campaign|hostilities|military\s+operations|invasion|"
                       r"bombardment|onslaught|assault\s+on\s+Gaza)\b", re.IGNORECASE)
EVENT_WORDS = re.compile(r"\b(?:attack|attacked|strike|struck|airstrike|air\s+strike|drone\s+strike|ambush|ambushed|"
                         r"raid|raided|stormed|shelling|shelled|bombing|bombed|blast|explosion|clash|clashes|battle|"
                         r"skirmish|skirmishes|massacre|incident|assault|offensive\s+on|shooting)\b", re.IGNORECASE)
GROUND_OPERATION = re.compile(r"\bground\s+(?:operation|offensive|invasion|incursion|war)s?\b", re.IGNORECASE)
WAR_TOTAL_MEASURES = frozenset({"killed", "wounded", "killed_or_wounded", "displaced", "missing", "captured"})
EVENT = "event"  # a scope stated as "not the total": the event the article reports
PLACE_MARK = "@"  # between a scope and the local place of an event: "event-2023-10-22@jabalia-camp"
ANOTHER_INCIDENT = re.compile(
    r"(?:^|\n\s*\n)\s*(?P<opening>(?:in|on|at)\s+(?:another|a\s+separate|a\s+second|a\s+further|an\s+earlier)\s"
    r"|(?:separately|elsewhere)\b)", re.IGNORECASE)
# "…, bringing the (cumulative) toll since 7 October to 50,810": what follows is the total.
TOTAL_AFTER = re.compile(r"\b(?:bringing|raising|taking|pushing|brings|raises|takes)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}"
                         r"(?:toll|total|tally|number)\b", re.IGNORECASE)
# "Gaza death toll passes 45,000": a running total in a headline's words.
TOLL_RISES = re.compile(r"\b(?:death\s+)?(?:toll|tally)\s+(?:passes|passed|rises|rose|climbs|climbed|reaches|reached|"
                        r"tops|topped|exceeds|exceeded|surpasses|surpassed|hits|nears|has\s+(?:risen|reached|passed))\b",
                        re.IGNORECASE)
SINCE_YEAR = re.compile(rf"\bsince\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?P<month>{MONTH_NAMES})\.?\s+)?"
                        r"(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
# "since the start of the incursion", "since the launch of its offensive": a start of its own.
NAMED_START = re.compile(r"\bsince\s+(?:the\s+)?(?:(?:start|beginning|launch|outbreak|onset)\s+of\s+)?"
                         r"(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?(?P<start>incursion|offensive|operation|invasion|"
                         r"counteroffensive|campaign|ceasefire|truce)\b", re.IGNORECASE)
WAR_ITSELF = frozenset({"invasion"})
SAME_START = {"truce": "ceasefire"}
SINCE_WAR = re.compile(r"\bsince\s+(?:the\s+)?(?:[\w-]+\s+)?(?:war|conflict|fighting)\s+"
                       r"(?:began|started|erupted|broke\s+out)\b", re.IGNORECASE)
IN_YEAR = re.compile(r"\b(?:in|during|throughout)\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-–])", re.IGNORECASE)
CAPTIVE_MEASURES = frozenset({"captured", "held", "released"})
IN_PRISON = re.compile(r"\b(?:jails?|prisons?|detention|custody|detained|detainees?)\b", re.IGNORECASE)
PEOPLE_MEASURES = frozenset({"killed", "wounded", "killed_or_wounded", "missing", "displaced"})
NEAR_START_DAYS = 2  # "since October 8" in a war that began on October 7 is the war's total


def with_figures(
    article: Article, claims: list[Claim], starts: dict[str, str], *, lead_place: str | None = None,
    lead_day: str | None = None,
) -> list[Claim]:
    """The claims of one article with their scope, figure and `part_of`.

    `starts` gives each conflict's first day (ISO), for "since the war began";
    `lead_place` and `lead_day` are the local place and the day the article's lead gives,
    those of its events whose own sentence gives none."""
    scoped: list[Claim] = []
    stated_by: dict[str, str] = {}  # each source's last stated scope in this article
    incidents = _incident_starts(article.text)
    for claim in claims:
        speaker = claim.claimant_id or claim.claimant
        stated = stated_scope(claim, starts.get(claim.conflict or ""), article.date)
        if stated == EVENT:
            stated = _default_scope(article, lead_day)
        # A source's statement covers one stretch: its figures without words of their own
        # ("eliminated 53 soldiers" after "killed 60 over the past week") share it.
        carried = stated_by.get(speaker)
        if stated is not None and stated != "now":
            stated_by[speaker] = stated
        if carried and carried.startswith("since-") and not _refers_back(claim):
            carried = None  # a running total carries only to "… and 1,200 others wounded"
        scope = stated or carried or _unresolved_window(claim, article) or _default_scope(article, lead_day)
        incident = bisect_right(incidents, claim.start)
        if incident and scope.startswith("event-"):
            scope = f"{scope}-incident-{incident + 1}"  # "In another incident, …": not the lead's event
        scoped.append(with_fields(claim, scope=scope))
    keyed: list[Claim] = []
    values: dict[tuple[str, str], set[float | None]] = {}
    for claim in scoped:
        figure = _figure_id(claim, article, lead_place, _default_scope(article, lead_day))
        speaker = claim.claimant_id or claim.claimant
        said = values.setdefault((figure, speaker), set())
        if said and claim.value is not None and claim.value not in said:
            # One source, two values for one key: two counts (two sectors, two strikes).
            figure = f"{figure}/{len(said) + 1}"
        if claim.value is not None:  # "dozens" and "four" can be one count
            said.add(claim.value)
        keyed.append(with_fields(claim, figure=figure))
    return _with_wholes(keyed)


def stated_scope(claim: Claim, war_start: str | None, article_date: str | None = None) -> str | None:
    """The scope the claim's own words give it (the cascade in the module docstring), or
    None where they give none."""
    if claim.measure == "held":
        return "now"
    total = TOTAL_AFTER.search(claim.sentence)
    if total is not None and evidence_offset(claim) < total.start():
        # "214 killed between 2 and 9 April, bringing the toll since 7 October to 50,810":
        # the numbers before "bringing the toll" count the stretch, not the total.
        period = find_period(claim.sentence[:total.start()], article_date)
        if period.start and period.end and period.start != period.end and not period.cumulative:
            return f"window-{period.start}-to-{period.end}"
        return f"event-{period.start}" if period.start and period.start == period.end else EVENT
    named = NAMED_START.search(claim.sentence)
    if named is not None and not GROUND_OPERATION.search(claim.sentence):
        start = SAME_START.get(named["start"].lower(), named["start"].lower())
        # "since the full-scale invasion" is the war's own start; a truce, an offensive is not
        return f"since-{war_start or start}" if start in WAR_ITSELF else f"since-{start}"
    if claim.cumulative or total is not None or TOLL_RISES.search(claim.sentence):
        return f"since-{_start(claim, war_start)}"
    if SINCE_YEAR.search(claim.sentence) or SINCE_WAR.search(claim.sentence):
        return f"since-{_start(claim, war_start)}"  # "since the war began in April 2023": not April
    year = IN_YEAR.search(claim.sentence)
    if year is not None and not claim.period_start:
        return f"window-{year['year']}"  # "5,600 people were killed in 2024"
    if claim.period_start and claim.period_end and _days(claim.period_start, claim.period_end) > 1:
        return f"window-{claim.period_start}-to-{claim.period_end}"
    day = claim.period_end or claim.period_start  # "overnight", "in the past 24 hours": the event of that day
    if day:
        if war_start and day[5:] == war_start[5:] and day > war_start:
            day = war_start  # "on October 7" in a later year of the war that began that day
        return f"event-{day}"
    if claim.measure in WAR_TOTAL_MEASURES and WAR_WORDS.search(claim.sentence) and not EVENT_WORDS.search(
            claim.sentence) and local_place(claim.place_id) is None:
        return f"since-{_start(claim, war_start)}"
    return None


def _refers_back(claim: Claim) -> bool:
    words = claim.counted.lower().split()
    return not words or words[-1] in REFERRING


def _unresolved_window(claim: Claim, article: Article) -> str | None:
    """ "over the past week" in an article with no date: a window of that article."""
    found = WINDOW.search(claim.sentence) or RANGE.search(claim.sentence)
    return f"window-{slug(found.group(0))}-in-{article.id}" if found else None


def _incident_starts(text: str) -> list[int]:
    """Where the article turns to another event: a paragraph opening "In another incident",
    "In a separate attack", "Separately," or "Elsewhere,"."""
    return [match.start("opening") for match in ANOTHER_INCIDENT.finditer(text)]


def _default_scope(article: Article, lead_day: str | None) -> str:
    # Most articles report one event: the day their lead gives it, else the article's
    # date, else the article itself.
    day = lead_day or article.date
    return f"event-{day}" if day else f"event-in-{article.id}"


def _days(first: str, last: str) -> int:
    return (date.fromisoformat(last) - date.fromisoformat(first)).days


def _start(claim: Claim, war_start: str | None) -> str:
    if GROUND_OPERATION.search(claim.sentence):
        return "ground-operation"
    start = claim.period_start
    since = SINCE_YEAR.search(claim.sentence)
    if since is not None:  # "since October 2023", "since 2022": a month or a year
        month = MONTHS.get((since["month"] or "").lower().rstrip("."))
        start = f"{since['year']}-{month:02d}" if month else since["year"]
    if start and war_start and (start == war_start[:len(start)] or (len(start) == len(war_start) and abs(
            (date.fromisoformat(start) - date.fromisoformat(war_start)).days) <= NEAR_START_DAYS)):
        return war_start  # "since October 2023" in a war that began on 7 October 2023
    return start or war_start or "the-start"


def _figure_id(claim: Claim, article: Article, lead_place: str | None, lead_scope: str) -> str:
    category, owner = claim.group_category, claim.group_owner
    if claim.measure in CAPTIVE_MEASURES and category in (None, "people", "civilians") and IN_PRISON.search(
            claim.sentence):
        category = "prisoners"  # "10,000 Palestinians remain in Israeli jails"
    if claim.measure in CAPTIVE_MEASURES and category in (None, "people", "civilians", "hostages"):
        # Hostages are one count of who is held, whatever their nationality: "132 Israeli
        # hostages" and "more than 100 hostages" held now are one figure.
        category, owner = "hostages", None
    elif category in ("civilians", "people") or (category is None and claim.measure in PEOPLE_MEASURES):
        # "53 people", "53 civilians" and "53 were killed" in one strike, or "45,000
        # Palestinians" and "45,000 people" killed in the war: one toll. The side of a
        # people is where it happened, which the scope and the conflict already say.
        category, owner = "people", None
    elif claim.measure == "aid":
        owner = claim.claimant_id or slug(claim.claimant)  # each donor's pledge is its own figure
    # A share ("60% of its fighters") or a sum of money is a quantity of its own.
    unit = "" if claim.unit == "count" else "share" if claim.unit == "percent" else claim.unit
    group = slug(f"{category or 'unspecified'} {owner or ''} {unit}")
    place = None
    if claim.scope and claim.scope.startswith(("event-", "window-")) and claim.measure not in CAPTIVE_MEASURES:
        # An exchange of captives happens in several places at once: its figure has none.
        place = local_place(claim.place_id)
        if place is None and claim.place is None and claim.scope == lead_scope:
            place = local_place(lead_place)  # the lead's event: its place, unless the claim names Gaza
    where = f"{PLACE_MARK}{place.id}" if place is not None else ""
    conflict = claim.conflict or f"unknown-conflict/in-{article.id}"
    return f"{conflict}/{claim.measure}/{group}/{claim.scope}{where}"


def _with_wholes(claims: list[Claim]) -> list[Claim]:
    """Each part's `part_of`: the figure of the total at the offset extraction marked."""
    at = {f"{PART_MARK}{claim.start}:{claim.end}": claim for claim in claims}
    found = []
    for claim in claims:
        whole = claim
        for _ in range(len(claims)):  # a part of a part ("two of whom") is of the same total
            if whole.part_of not in at or at[whole.part_of] is whole or at[whole.part_of].measure != claim.measure:
                break  # "132 hostages held, 29 of them dead": a count of its own, not a part
            whole = at[whole.part_of]
        if whole is claim:
            found.append(with_fields(claim, part_of=None))
            continue
        figure = claim.figure if claim.figure != whole.figure else f"{claim.figure}/part"
        found.append(with_fields(claim, figure=figure, part_of=whole.figure))
    return found


def place_of(figure: str) -> str | None:
    """The local place id in a figure id, where its events are local."""
    found = re.search(rf"{PLACE_MARK}([^/]+)", figure)
    return found.group(1) if found else None
