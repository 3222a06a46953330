"""Score claims against a gold file: the metrics of `../shared/eval/score.py`, in the package.

`evaluate(gold, system)` matches the system's claims to the gold claims of each gold
document and reports what the scorer reports: claim precision, recall and F1,
attribution and qualifier accuracy, full-claim F1 (a match with the right claimant), the
repeats whose claimant contradicts the matched one, and with `figures=True` how the
matched claims are grouped into figures and conflicts (pairwise and B-cubed). The rules
are those of `../shared/gold/SCHEMA.md` ("Matching"); on the same inputs every number is
the scorer's (`tests/test_evaluate.py` runs both on the shared gold).

`gold_records(claims)` writes claims in the gold format, so that a ledger's reviewed
claims become a gold file this module (and the scorer) can read.

Limits: only documents that appear in the gold are scored, and a system claim without a
number (a vague amount) is never scored; an optional gold claim is neither rewarded nor
punished; a claimant is matched by its name, never by its actor id.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from counterclaim.errors import CounterclaimError
from counterclaim.export import claim_record
from counterclaim.model import AUTHOR, Claim

Record = Mapping[str, Any]

GOLD_FIELDS = ("doc", "text", "value", "value_high", "qualifier", "unit", "measure", "counted", "claimant",
               "claimant_aliases", "optional", "conflict", "figure")
# Words that say nothing of who a claimant is: "the Ministry of Health" and "Health Ministry"
# are compared on what is left.
FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "in", "on", "from", "and", "by", "to", "for", "at", "with",
                            "'s", "s"})
NOT_NAME_CHARACTERS = re.compile(r"[^a-z0-9@' ]+")
# The Arabic article, written "al", "al-" or run into the name ("Abu Obeida al-Qassam"), is
# dropped before the vowels: spellings differ most there.
ARTICLE_AL = re.compile(r"^al|(?<=[a-z])al(?=[a-z])")
SOFT_LETTERS = re.compile(r"[aeiouyhw]")
DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Rates:
    """Precision, recall and F1, each rounded to four places as the scorer prints them."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives (of one document or of all)."""

    tp: int
    fp: int
    fn: int


@dataclass(frozen=True)
class Match:
    """A system claim and the gold claim it was matched to."""

    system: Record
    gold: Record


@dataclass(frozen=True)
class Pairs:
    """Pairwise scores of a grouping: of all pairs of claims, those in one gold group, in one
    system group, and in both."""

    pairs_gold: int
    pairs_system: int
    pairs_both: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Grouping:
    """How the matched claims that have a gold figure are grouped into figures and conflicts."""

    claims: int
    figures: Pairs
    figures_bcubed_f1: float
    conflicts: Pairs
    system_figures: int
    system_figures_mixing_conflicts: int
    rows: tuple[Match, ...] = ()  # the claims scored, for `detail_lines`


@dataclass(frozen=True)
class Evaluation:
    """Every metric of one scoring, and the claims behind them.

    `metrics()` is the object `score.py --json` prints, key for key.
    """

    gold: int  # required gold claims
    predicted: int  # system claims counted: matched to a required gold claim, or matched to none
    counts: Counts
    claims: Rates
    full_tp: int
    full: Rates
    attribution_accuracy: float
    qualifier_accuracy: float
    conflicting_repeats: int
    per_doc: dict[str, Counts]
    misses: tuple[Record, ...]
    extras: tuple[Record, ...]
    wrong_claimant: tuple[Match, ...]
    matched: tuple[Match, ...]  # optional gold claims included, as the grouping scores them
    grouping: Grouping | None = None

    def metrics(self) -> dict[str, Any]:
        """The metrics as the scorer's JSON object."""
        counts = {"tp": self.counts.tp, "fp": self.counts.fp, "fn": self.counts.fn}
        found: dict[str, Any] = {
            "gold": self.gold,
            "predicted": self.predicted,
            "claims": {**counts, **_rates(self.claims)},
            "full": {"tp": self.full_tp, **_rates(self.full)},
            "attribution_accuracy": self.attribution_accuracy,
            "qualifier_accuracy": self.qualifier_accuracy,
            "repeats_with_conflicting_claimant": self.conflicting_repeats,
            "per_doc": {doc: {"tp": c.tp, "fp": c.fp, "fn": c.fn} for doc, c in self.per_doc.items()},
        }
        if self.grouping is not None:
            g = self.grouping
            found["grouping"] = {"claims": g.claims, "figures": _pairs(g.figures),
                                 "figures_bcubed_f1": g.figures_bcubed_f1, "conflicts": _pairs(g.conflicts),
                                 "system_figures": g.system_figures,
                                 "system_figures_mixing_conflicts": g.system_figures_mixing_conflicts}
        return found


def evaluate(
    gold: Iterable[Record],
    system: Iterable[Claim | Record],
    *,
    outlets: Mapping[str, Sequence[str]] | None = None,
    figures: bool = False,
) -> Evaluation:
    """Score `system` claims against `gold` claims.

    Args:
        gold: gold records (`../shared/gold/SCHEMA.md`), each with a `doc`.
        system: claims, as `Claim` objects or as records of `counterclaim extract --format jsonl`.
        outlets: for each document, the names of its outlet (`outlet_names`): an `@author`
            gold claim also accepts them as its claimant.
        figures: also score the grouping into figures and conflicts.

    Raises:
        CounterclaimError: a gold record without a `doc`.

    >>> gold = [{"doc": "a.txt", "value": 53, "unit": "count", "measure": "killed", "claimant": "Health Ministry"}]
    >>> said = [{"doc": "a.txt", "value": 53, "measure": "killed", "claimant": "Gaza's Health Ministry"},
    ...         {"doc": "a.txt", "value": 53, "measure": "killed", "claimant": "Hamas", "start": 90},
    ...         {"doc": "a.txt", "value": 7, "measure": "wounded", "claimant": "@author"}]
    >>> scored = evaluate(gold, said)
    >>> scored.claims, scored.attribution_accuracy, scored.conflicting_repeats
    (Rates(precision=0.5, recall=1.0, f1=0.6667), 1.0, 1)
    """
    gold = list(gold)
    for n, record in enumerate(gold, 1):
        if not isinstance(record.get("doc"), str):
            raise CounterclaimError(f"gold claim {n} has no doc (the document's file name): {dict(record)}")
    outlets = outlets or {}
    gold_of, said_of = _by_document(gold, system)
    doc_scores = {doc: _score_document(gold_of[doc], said_of[doc], outlets.get(doc, ())) for doc in sorted(gold_of)}
    tp = sum(d.counts.tp for d in doc_scores.values())
    fp = sum(d.counts.fp for d in doc_scores.values())
    fn = sum(d.counts.fn for d in doc_scores.values())
    full_tp = sum(d.attributed for d in doc_scores.values())
    matched = tuple(m for d in doc_scores.values() for m in d.matched)
    return Evaluation(
        gold=tp + fn,
        predicted=tp + fp,
        counts=Counts(tp, fp, fn),
        claims=_prf(tp, tp + fp, tp + fn),
        full_tp=full_tp,
        full=_prf(full_tp, tp + fp, tp + fn),
        attribution_accuracy=round(full_tp / tp, 4) if tp else 0.0,
        qualifier_accuracy=round(sum(d.qualified for d in doc_scores.values()) / tp, 4) if tp else 0.0,
        conflicting_repeats=sum(d.conflicting_repeats for d in doc_scores.values()),
        per_doc={doc: d.counts for doc, d in doc_scores.items()},
        misses=tuple(r for d in doc_scores.values() for r in d.misses),
        extras=tuple(r for d in doc_scores.values() for r in d.extras),
        wrong_claimant=tuple(m for d in doc_scores.values() for m in d.wrong_claimant),
        matched=matched,
        grouping=score_grouping(matched) if figures else None,
    )


def _by_document(gold: list[Record], system: Iterable[Claim | Record]
                 ) -> tuple[dict[str, list[Record]], dict[str, list[Record]]]:
    """The gold and the system's claims with a value of each gold document, the latter in
    document order."""
    gold_of: dict[str, list[Record]] = defaultdict(list)
    for record in gold:
        gold_of[record["doc"]].append(record)
    said_of: dict[str, list[Record]] = defaultdict(list)
    for claim in system:
        record = claim_record(claim) if isinstance(claim, Claim) else claim
        doc = record.get("doc")
        if isinstance(doc, str) and doc in gold_of and _number(record.get("value")) is not None:
            said_of[doc].append(record)
    for said in said_of.values():
        # Document order; a record without an offset goes last, in the order it came (a stable sort).
        said.sort(key=_start)
    return gold_of, said_of


def evaluate_file(
    gold: Path, system: Iterable[Claim | Record], *, docs: Path | None = None, figures: bool = False
) -> Evaluation:
    """`evaluate` with the gold read from a JSON Lines file and the outlets from a docs file.

    Raises:
        CounterclaimError: a line of either file that is not a JSON object, a gold claim without a `doc`.
        OSError: a file that cannot be read.
    """
    outlets = outlet_names(read_jsonl(docs)) if docs is not None else {}
    return evaluate(read_jsonl(gold), system, outlets=outlets, figures=figures)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file, blank lines skipped.

    Raises:
        CounterclaimError: a line that is not a JSON object, named by its number.
    """
    found = []
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CounterclaimError(f"{path}:{n}: not JSON: {error}") from error
            if not isinstance(record, dict):
                raise CounterclaimError(f"{path}:{n}: not a JSON object but {type(record).__name__}")
            found.append(record)
    return found


def outlet_names(docs: Iterable[Record]) -> dict[str, list[str]]:
    """For each document of a gold docs file, the names its outlet goes by: its `outlet` and
    its URL's host without "www.".

    >>> outlet_names([{"doc": "a.txt", "outlet": "Al Jazeera", "url": "https://www.aljazeera.com/news/x"}])
    {'a.txt': ['Al Jazeera', 'aljazeera.com']}
    """
    found = {}
    for doc in docs:
        host = re.sub(r"^www\.", "", urlparse(doc.get("url") or "").netloc)
        found[doc["doc"]] = [name for name in (doc.get("outlet"), host) if name]
    return found


def names_match(claimant: str | None, names: Iterable[str]) -> bool:
    """Whether `claimant` names the same source as one of `names` (a gold claimant and its aliases).

    Case, accents and punctuation aside, a name matches when it is the same; when one is
    one word and the other's last word (a surname); when their consonants agree
    (transliterations: "Abu Obeida" and "Abu Ubaida"); or when one's content words are all
    in the other's ("Defense Ministry" and "Russian Defense Ministry"). `@author` matches
    only `@author`: the caller adds the outlet's names to the gold names of such a claim.

    >>> names_match("Gallant", ["Yoav Gallant"]), names_match("Abu Obeida", ["Abu Ubaida"])
    (True, True)
    >>> names_match("Defense Ministry", ["Russian Defense Ministry"]), names_match("@author", ["Hamas"])
    (True, False)
    """
    words = _words(claimant or "")
    if not words:
        return False
    for name in names:
        other = _words(name)
        if not other:
            continue
        if words == other:
            return True
        if AUTHOR in words or AUTHOR in other:
            continue  # the article's own voice is no person's name: only equality counts
        if (len(words) == 1 and words[0] == other[-1]) or (len(other) == 1 and other[0] == words[-1]):
            return True
        key = _consonants(claimant or "")
        if key and key == _consonants(name):
            return True
        mine, theirs = _content(words), _content(other)
        if mine and theirs and (mine <= theirs or theirs <= mine):
            return True
    return False


def score_grouping(matched: Iterable[Match]) -> Grouping:
    """How the matched claims are grouped, against the gold's `figure` and `conflict`.

    Only gold claims that have both count. A gold figure id is unique within its conflict,
    so the gold group is the pair (conflict, figure); a system claim without a figure or a
    conflict is a group of its own.
    """
    rows = tuple(m for m in matched if m.gold.get("figure") and m.gold.get("conflict"))
    gold_figures = [(m.gold["conflict"], m.gold["figure"]) for m in rows]
    system_figures = [m.system.get("figure") or None for m in rows]
    gold_conflicts = [m.gold["conflict"] for m in rows]
    system_conflicts = [m.system.get("conflict") or None for m in rows]
    conflicts_in: dict[Hashable, set[str]] = defaultdict(set)
    for figure, conflict in zip(system_figures, gold_conflicts, strict=True):
        if figure is not None:
            conflicts_in[figure].add(conflict)
    return Grouping(
        claims=len(rows),
        figures=pairwise(gold_figures, system_figures),
        figures_bcubed_f1=bcubed_f1(gold_figures, system_figures),
        conflicts=pairwise(gold_conflicts, system_conflicts),
        system_figures=len(conflicts_in),
        system_figures_mixing_conflicts=sum(1 for found in conflicts_in.values() if len(found) > 1),
        rows=rows,
    )


def pairwise(gold: Sequence[Hashable | None], system: Sequence[Hashable | None]) -> Pairs:
    """Precision, recall and F1 of "these two are in one group", over every pair of items.

    `gold[i]` and `system[i]` are the groups of item i; None is a group of one. With no
    pair on a side, its rate is 1.0: nothing was claimed wrongly, nothing was missed.

    >>> pairwise(["a", "a", "b"], ["x", "x", "x"])
    Pairs(pairs_gold=1, pairs_system=3, pairs_both=1, precision=0.3333, recall=1.0, f1=0.5)
    """
    def pairs(sizes: Iterable[int]) -> int:
        return sum(k * (k - 1) // 2 for k in sizes)

    # Counted by group sizes rather than pair by pair: the same integers, in linear time.
    in_gold = pairs(Counter(g for g in gold if g is not None).values())
    in_system = pairs(Counter(s for s in system if s is not None).values())
    in_both = pairs(Counter((g, s) for g, s in zip(gold, system, strict=True)
                            if g is not None and s is not None).values())
    precision = in_both / in_system if in_system else 1.0
    recall = in_both / in_gold if in_gold else 1.0
    rates = _rounded(precision, recall)
    return Pairs(in_gold, in_system, in_both, rates.precision, rates.recall, rates.f1)


def bcubed_f1(gold: Sequence[Hashable | None], system: Sequence[Hashable | None]) -> float:
    """B-cubed F1: per item, the share of its system group in its gold group (precision) and
    of its gold group in its system group (recall), averaged; None is a group of one.

    >>> bcubed_f1(["a", "a", "b"], ["x", "x", "x"])
    0.7143
    """
    if not gold:
        return 0.0
    gold_ids = [g if g is not None else ("no gold group", i) for i, g in enumerate(gold)]
    system_ids = [s if s is not None else ("no system group", i) for i, s in enumerate(system)]
    gold_size, system_size = Counter(gold_ids), Counter(system_ids)
    both_size = Counter(zip(gold_ids, system_ids, strict=True))
    precision = recall = 0.0
    # Summed item by item in input order, as the scorer does: the same floating-point sums,
    # so the same number after rounding.
    for g, s in zip(gold_ids, system_ids, strict=True):
        precision += both_size[g, s] / system_size[s]
        recall += both_size[g, s] / gold_size[g]
    precision, recall = precision / len(gold), recall / len(gold)
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def summary_lines(evaluation: Evaluation) -> list[str]:
    """The scorer's summary: one line of claim scores, and one of grouping scores when scored.

    >>> summary_lines(evaluate([{"doc": "a", "value": 5, "measure": "killed", "claimant": "@author"}],
    ...                        [{"doc": "a", "value": 5, "measure": "killed", "claimant": "@author"}]))
    ['claims P 1.000 R 1.000 F1 1.000 | attribution 1.000 | qualifier 1.000 | full-claim F1 1.000 | gold 1 predicted 1']
    """
    e, c = evaluation, evaluation.claims
    lines = [f"claims P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} | "
             f"attribution {e.attribution_accuracy:.3f} | qualifier {e.qualifier_accuracy:.3f} | "
             f"full-claim F1 {e.full.f1:.3f} | gold {e.gold} predicted {e.predicted}"
             + (f" | conflicting repeats {e.conflicting_repeats}" if e.conflicting_repeats else "")]
    if (g := e.grouping) is not None:
        f = g.figures
        lines.append(f"figures: pairwise P {f.precision:.3f} R {f.recall:.3f} F1 {f.f1:.3f} "
                     f"(gold pairs {f.pairs_gold}, system pairs {f.pairs_system}) | B-cubed F1 "
                     f"{g.figures_bcubed_f1:.3f} | conflicts pairwise F1 {g.conflicts.f1:.3f} | system figures "
                     f"mixing conflicts {g.system_figures_mixing_conflicts} of {g.system_figures} | "
                     f"over {g.claims} matched claims")
    return lines


def detail_lines(evaluation: Evaluation) -> list[str]:
    """The claims behind the numbers: misses, extras, wrong claimants and, when the grouping
    was scored, the gold figures the system splits and the system figures that mix gold ones."""
    def shown(c: Record) -> str:
        return f"  {c.get('doc')}: {c.get('value')} {c.get('measure')} [{c.get('claimant')}] {c.get('text', '')[:90]!r}"

    lines = [f"missed ({len(evaluation.misses)}):", *([shown(g) for g in evaluation.misses] or ["  none"]),
             f"extra ({len(evaluation.extras)}):", *([shown(c) for c in evaluation.extras] or ["  none"])]
    lines.append(f"wrong claimant ({len(evaluation.wrong_claimant)}):")
    lines += [f"  {m.gold['doc']}: {m.gold.get('value')} {m.gold.get('measure')}: said {m.system.get('claimant')!r}, "
              f"gold {m.gold.get('claimant')!r}" for m in evaluation.wrong_claimant]
    if evaluation.grouping is None:
        return lines

    def short(m: Match) -> str:
        return f"{m.gold['doc'][:3]}:{m.gold.get('value')} [{m.system.get('claimant')}]"

    by_gold: dict[tuple[str, str], list[Match]] = defaultdict(list)
    by_system: dict[Any, list[Match]] = defaultdict(list)
    for m in evaluation.grouping.rows:
        by_gold[m.gold["conflict"], m.gold["figure"]].append(m)
        by_system[m.system.get("figure")].append(m)
    lines.append("gold figures split by the system:")
    for (conflict, figure), rows in sorted(by_gold.items()):
        ids = {m.system.get("figure") for m in rows}
        if len(rows) > 1 and (len(ids) > 1 or None in ids):
            lines.append(f"  {conflict} {figure}: " + "; ".join(f"{short(m)} -> {m.system.get('figure')}"
                                                               for m in rows))
    lines.append("system figures that mix gold figures:")
    for figure, rows in sorted(by_system.items(), key=lambda item: str(item[0])):
        if figure is not None and len({(m.gold["conflict"], m.gold["figure"]) for m in rows}) > 1:
            lines.append(f"  {figure}: " + "; ".join(f"{short(m)} = {m.gold['conflict']} {m.gold['figure']}"
                                                     for m in rows))
    return lines


def gold_records(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """The claims as gold records (`../shared/gold/SCHEMA.md`), `conflict` and `figure` included.

    The figure is written as the gold writes it, without the conflict the ledger's id
    starts with (ids need only be unique within a conflict); a claim of no known conflict
    gets null for both, and the grouping scores leave it out. Claims are written as given:
    leaving out rejected ones is the caller's choice.

    >>> from counterclaim.model import Claim
    >>> claim = Claim(article="a1", doc="a.txt", text="at least 53 people", start=10, end=28, sentence="",
    ...               value=53.0, value_high=None, qualifier="at_least", unit="count", measure="killed",
    ...               counted="people", claimant="Health Ministry", conflict="israel-hamas",
    ...               figure="israel-hamas/killed/people/since-2023-10-07")
    >>> gold_records([claim])[0]["value"], gold_records([claim])[0]["figure"]
    (53, 'killed/people/since-2023-10-07')
    """
    found = []
    for claim in claims:
        record = claim_record(claim)
        figure = claim.figure
        if figure and claim.conflict and figure.startswith(f"{claim.conflict}/"):
            figure = figure[len(claim.conflict) + 1:]
        record["figure"] = figure
        found.append({name: record[name] for name in GOLD_FIELDS})
    return found


@dataclass(frozen=True)
class _DocumentScore:
    counts: Counts
    attributed: int  # matched required claims with the right claimant
    qualified: int  # matched required claims with the right qualifier
    conflicting_repeats: int
    matched: list[Match]
    misses: list[Record]
    extras: list[Record]
    wrong_claimant: list[Match]


def _score_document(golds: list[Record], said: list[Record], outlets: Sequence[str]) -> _DocumentScore:
    """Match one document's system claims (in document order) to its gold claims, and count."""
    names = [_gold_names(g, outlets) for g in golds]
    used = [False] * len(golds)
    match: list[int | None] = [None] * len(said)
    # Two passes: first the pairs that also agree on the claimant, then the rest by number and
    # measure alone, so that a repeat mentioned before the attributed mention never takes its
    # gold claim with the wrong claimant. Each pass prefers a required gold claim to an optional one.
    for need_name in (True, False):
        for j, claim in enumerate(said):
            if match[j] is not None:
                continue
            candidates = [i for i, g in enumerate(golds) if not used[i] and _same_figure(claim, g)
                          and (not need_name or names_match(claim.get("claimant"), names[i]))]
            if candidates:
                best = min(candidates, key=lambda i: bool(golds[i].get("optional")))  # the first, required first
                used[best], match[j] = True, best

    tp = fp = attributed = qualified = conflicting = 0
    matched: list[Match] = []
    extras: list[Record] = []
    wrong: list[Match] = []
    for j, claim in enumerate(said):
        i = match[j]
        if i is None:
            # A figure already matched, said again (headline, lead, quote): neither rewarded nor
            # punished, but counted when its claimant contradicts the matched one's, since a
            # ledger should show one figure once.
            same = [k for k, g in enumerate(golds) if used[k] and _same_figure(claim, g)]
            if not same:
                fp += 1
                extras.append(claim)
            elif not any(names_match(claim.get("claimant"), names[k]) for k in same):
                conflicting += 1
            continue
        gold = golds[i]
        matched.append(Match(claim, gold))
        if gold.get("optional"):
            continue  # a vague or borderline gold claim: found or not, it counts for nothing
        tp += 1
        if names_match(claim.get("claimant"), names[i]):
            attributed += 1
        else:
            wrong.append(Match(claim, gold))
        if (claim.get("qualifier") or "exact") == (gold.get("qualifier") or "exact"):
            qualified += 1
    misses = [g for i, g in enumerate(golds) if not used[i] and not g.get("optional")]
    return _DocumentScore(Counts(tp, fp, len(misses)), attributed, qualified, conflicting, matched, misses,
                          extras, wrong)


def _same_figure(claim: Record, gold: Record) -> bool:
    """Whether a system claim states the gold claim's number: value, upper end, unit, measure."""
    return (gold.get("value") is not None and _same_number(claim.get("value"), gold.get("value"))
            and _same_number(claim.get("value_high"), gold.get("value_high"))
            and (claim.get("unit") or "count", claim.get("measure")) == (gold.get("unit") or "count",
                                                                         gold.get("measure")))


def _gold_names(gold: Record, outlets: Sequence[str]) -> list[str]:
    names = [gold.get("claimant") or "", *(gold.get("claimant_aliases") or [])]
    if gold.get("claimant") == AUTHOR:
        names += outlets  # an article's own voice is its outlet's
    return names


def _number(value: Any) -> float | None:
    """A JSON value as a number: numbers and numeric strings; None for anything else."""
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _same_number(a: Any, b: Any) -> bool:
    """Equal as numbers, up to rounding (a value read back from a float column); both absent is equal."""
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _start(record: Record) -> float:
    start = _number(record.get("start"))
    return start if start is not None else float("inf")


def _words(name: str) -> list[str]:
    """A name's words, without case, accents or punctuation ("Ghazzah's" → ["ghazzah's"])."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u2019", "'").casefold()
    return NOT_NAME_CHARACTERS.sub(" ", plain).split()


def _consonants(name: str) -> str:
    """A key that spellings of one transliterated name share: its consonants, doubles once."""
    letters = ARTICLE_AL.sub("", "".join(_words(name)).replace("'", ""))
    return DOUBLED.sub(r"\1", SOFT_LETTERS.sub("", letters))


def _content(words: list[str]) -> set[str]:
    return {w.strip("'") for w in words} - FUNCTION_WORDS - {""}


def _prf(hits: int, predicted: int, gold: int) -> Rates:
    return _rounded(hits / predicted if predicted else 0.0, hits / gold if gold else 0.0)


def _rounded(precision: float, recall: float) -> Rates:
    """Rates rounded to four places, F1 from the unrounded ones (as the scorer computes it)."""
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return Rates(round(precision, 4), round(recall, 4), f1)


def _rates(rates: Rates) -> dict[str, float]:
    return {"precision": rates.precision, "recall": rates.recall, "f1": rates.f1}


def _pairs(pairs: Pairs) -> dict[str, float]:
    return {"pairs_gold": pairs.pairs_gold, "pairs_system": pairs.pairs_system, "pairs_both": pairs.pairs_both,
            "precision": pairs.precision, "recall": pairs.recall, "f1": pairs.f1}
