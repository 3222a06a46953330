"""Framing: which words each outlet uses for each actor, side by side, without judging.

`find_terms` reads an article's sentences (no parse needed) and records every word used
for an actor of the base: the name itself ("IDF", "Hamas"), and the terms of the lexicon
(`data/framing.yaml`: "terrorists", "fighters", "resistance", "soldiers", "occupation
army", "Zionist entity" …) tied to the actor they are used for:

1. "named with it": the term follows the actor's name or an owner word ("Hamas
   terrorists", "IDF soldiers", "Zionist soldiers"), or is part of an alias ("Israeli
   forces");
2. "of X": the term is followed by "of" and the actor ("militants of Hamas");
3. "article context": otherwise, the actor of the kind the term refers to (an armed group,
   state forces, a state) that the article names most often; with none, the term is left
   out.

A term inside a quotation is marked `quoted`: the quoted speaker's word, not the outlet's.
Units and wings count for their organisation (the Qassam Brigades for Hamas, the IDF for
Israel). `contrast` gives each (outlet, term) of an actor its weighted log-odds z-score
against the other outlets, with an informative Dirichlet prior (Monroe, Colaresi and Quinn
2008): how concentrated the word is in that outlet, never a score of the outlet.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from counterclaim.actors.base import ActorBase, yaml_data
from counterclaim.actors.groups import top_actor
from counterclaim.actors.names import plain
from counterclaim.model import Actor, Article, TermUse
from counterclaim.nlp.sentences import Quotation, Sentence, find_quotations, split_sentences

MAX_NAME_WORDS = 6
MAX_TERM_WORDS = 3
WORD = re.compile(r"[\w’'-]+")
GROUP_TYPES = frozenset({"armed_group", "state_body", "state", "ministry", "health_authority", "un_agency", "ngo",
                         "international_body", "group"})
REFERS_TO = {"armed_group": ("armed_group",), "state_forces": ("state_body", "state"), "state": ("state",)}


@dataclass(frozen=True)
class Lexicon:
    forms: dict[str, str]  # word form -> class
    refers_to: dict[str, str]  # class -> "armed_group" | "state_forces" | "state"
    owners: dict[str, str]  # owner word -> actor name ("zionist" -> "Israel")

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        return frozenset(form.split(" ", 1)[0] for form in self.forms)


@functools.cache
def packaged_lexicon() -> Lexicon:
    return read_lexicon(resources.files("counterclaim").joinpath("data/framing.yaml").read_text("utf-8"))


def read_lexicon(text: str, base: Lexicon | None = None) -> Lexicon:
    """A lexicon from YAML text, added to `base` where given."""
    raw = yaml_data(text) or {}
    forms = dict(base.forms) if base else {}
    refers_to = dict(base.refers_to) if base else {}
    owners = dict(base.owners) if base else {}
    for name, entry in (raw.get("classes") or {}).items():
        refers_to[name] = entry.get("refers_to", "armed_group")
        for form in entry.get("forms", []):
            forms[str(form).lower()] = name
    owners.update({str(k).lower(): str(v) for k, v in (raw.get("owners") or {}).items()})
    return Lexicon(forms, refers_to, owners)


@dataclass(frozen=True)
class _Span:
    start: int  # word index
    end: int
    actor: Actor | None  # for a name
    term_class: str | None  # for a lexicon term
    text: str


def find_terms(article: Article, base: ActorBase, lexicon: Lexicon | None = None, *,
               sentences: Sequence[Sentence] | None = None,
               quotations: Sequence[Quotation] | None = None) -> list[TermUse]:
    """Every word the article uses for an actor, in text order. `sentences` and
    `quotations` are the article's, where the extraction has split them already."""
    lexicon = lexicon or packaged_lexicon()
    quotations = quotations if quotations is not None else find_quotations(article.text)
    named: Counter[str] = Counter()
    found: list[tuple[int, str, str, str, str, str]] = []  # start, actor, term, class, sentence, reason
    unattached: list[tuple[int, str, str, str]] = []  # start, term, class, sentence
    for sentence in sentences if sentences is not None else split_sentences(article.text):
        words = [(m.group(0), sentence.start + m.start(), sentence.start + m.end())
                 for m in WORD.finditer(sentence.text)]
        spans = _spans(words, base, lexicon)
        for index, span in enumerate(spans):
            start = words[span.start][1]
            if span.actor is not None:
                actor = top_actor(span.actor, base)
                named[actor.id] += 1
                found.append((start, actor.id, span.text, span.term_class or "name", sentence.text, "named"))
                continue
            term_class = span.term_class or ""
            owner, owner_word = _owner_before(words, span, spans, index, base, lexicon)
            after = _owner_after(words, span, spans, index, base)
            if owner is not None:
                # "Zionist soldiers": an owner word is part of the wording; a name is not.
                term = f"{owner_word} {span.text}" if owner_word else span.text
                found.append((start, owner.id, term, term_class, sentence.text, "named with it"))
            elif after is not None:
                found.append((start, after.id, span.text, term_class, sentence.text, "of X"))
            else:
                unattached.append((start, span.text, term_class, sentence.text))
    for start, term, term_class, text in unattached:
        context = _most_named(named, base, REFERS_TO[lexicon.refers_to.get(term_class, "armed_group")])
        if context is not None:
            found.append((start, context, term, term_class, text, "article context"))
    return [
        TermUse(article=article.id, actor=actor_id, term=term, term_class=term_class,
                quoted=any(q.start <= start < q.end for q in quotations), sentence=text, start=start,
                reason=reason)
        for start, actor_id, term, term_class, text, reason in sorted(found)
    ]


def _spans(words: list[tuple[str, int, int]], base: ActorBase, lexicon: Lexicon) -> list[_Span]:
    """Actor names and lexicon terms, longest first, left to right, not overlapping."""
    spans: list[_Span] = []
    i = 0
    while i < len(words):
        span = _name_at(words, i, base, lexicon) or _term_at(words, i, lexicon)
        if span is None:
            i += 1
            continue
        spans.append(span)
        i = span.end
    return spans


def _name_at(words: list[tuple[str, int, int]], i: int, base: ActorBase, lexicon: Lexicon) -> _Span | None:
    if _first_word(words, i, plain) not in base.first_words:
        return None
    for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
        phrase = " ".join(w for w, _, _ in words[i:i + size])
        if size == 1 and not phrase[:1].isupper():
            continue  # a lower-case single word ("army") is a term, not a name
        actor = base.named(phrase)
        if actor is not None and actor.type in GROUP_TYPES:
            lowered = _plain_term(phrase)
            term_class = next((lexicon.forms[f] for f in _endings(lowered) if f in lexicon.forms), None)
            return _Span(i, i + size, actor, term_class, lowered)
    return None


def _term_at(words: list[tuple[str, int, int]], i: int, lexicon: Lexicon) -> _Span | None:
    if _first_word(words, i, _plain_term) not in lexicon.first_words:
        return None
    for size in range(min(MAX_TERM_WORDS, len(words) - i), 0, -1):
        phrase = _plain_term(" ".join(w for w, _, _ in words[i:i + size]))
        if phrase in lexicon.forms:
            return _Span(i, i + size, None, lexicon.forms[phrase], phrase)
    return None


def _first_word(words: list[tuple[str, int, int]], i: int, plain_form: Callable[[str], str]) -> str:
    """The first word of the plain form of any phrase starting at word i ("the" dropped)."""
    first = plain_form(words[i][0])
    if first == "the" and i + 1 < len(words):
        first = plain_form(words[i + 1][0])
    return first


@functools.lru_cache(maxsize=1 << 16)  # the same words again and again
def _plain_term(phrase: str) -> str:
    """ "The IDF’s" -> "idf": lower case, no leading article, no possessive."""
    text = phrase.lower().replace("’", "'")
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"'s?$", "", text)


def _endings(phrase: str) -> list[str]:
    words = phrase.split()
    return [" ".join(words[k:]) for k in range(len(words))]


def _owner_before(words: list[tuple[str, int, int]], span: _Span, spans: list[_Span], index: int,
                  base: ActorBase, lexicon: Lexicon) -> tuple[Actor | None, str]:
    """The actor named right before a term, or the actor of an owner word and the word."""
    before = spans[index - 1] if index > 0 else None
    if before is not None and before.end == span.start and before.actor is not None:
        return top_actor(before.actor, base), ""
    if span.start > 0:
        word = words[span.start - 1][0].lower()
        owner = base.named(lexicon.owners[word]) if word in lexicon.owners else None
        if owner is not None:
            return top_actor(owner, base), word
    return None, ""


def _owner_after(words: list[tuple[str, int, int]], span: _Span, spans: list[_Span], index: int,
                 base: ActorBase) -> Actor | None:
    if span.end < len(words) and words[span.end][0].lower() == "of" and index + 1 < len(spans):
        following = spans[index + 1]
        gap = following.start - span.end - 1
        if following.actor is not None and gap <= 1:  # "militants of (the) Hamas"
            return top_actor(following.actor, base)
    return None


def _most_named(named: Counter[str], base: ActorBase, types: tuple[str, ...]) -> str | None:
    for actor_id, _ in named.most_common():
        if base.actors.get(actor_id) is not None and base.actors[actor_id].type in types:
            return actor_id
    return None


# --- contrast -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermCount:
    """How often one outlet uses one term for one actor, and how concentrated it is there."""

    actor: str
    outlet: str
    term: str
    term_class: str
    count: int
    quoted_count: int
    log_odds_z: float | None  # None where the actor appears in one outlet only
    examples: tuple[str, ...]


def term_counts(uses: Iterable[tuple[TermUse, str]], *, examples: int = 3) -> list[TermCount]:
    """(term use, outlet) pairs summed per (actor, outlet, term), with log-odds z-scores."""
    counts: dict[tuple[str, str, str], list[TermUse]] = defaultdict(list)
    for use, outlet in uses:
        counts[(use.actor, outlet, use.term)].append(use)
    by_actor: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for (actor, outlet, term), found in counts.items():
        by_actor[actor][outlet][term] = len(found)
    scores = {actor: weighted_log_odds(table) for actor, table in by_actor.items()}
    result = []
    for (actor, outlet, term), found in sorted(counts.items()):
        sentences = tuple(dict.fromkeys(u.sentence for u in found))[:examples]
        result.append(TermCount(actor, outlet, term, found[0].term_class, len(found), sum(u.quoted for u in found),
                                scores[actor].get((outlet, term)), sentences))
    return result


def weighted_log_odds(table: dict[str, Counter[str]]) -> dict[tuple[str, str], float]:
    """z-scores of each (outlet, term) against all other outlets together.

    Monroe, Colaresi and Quinn (2008), "Fightin' Words", eq. 16-22: with prior counts
    α_w = the term's count over all outlets (so α0 = all counts),
    δ_w = log((y_iw + α_w) / (n_i + α0 − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α0 − y_jw − α_w)),
    σ²(δ_w) ≈ 1 / (y_iw + α_w) + 1 / (y_jw + α_w), and z = δ_w / σ.
    With one outlet there is nothing to contrast: no scores.
    """
    if len(table) < 2:
        return {}
    total: Counter[str] = Counter()
    for terms in table.values():
        total.update(terms)
    prior_total = sum(total.values())
    scores = {}
    for outlet, terms in table.items():
        n_i = sum(terms.values())
        n_j = prior_total - n_i
        for term in total:
            alpha = total[term]
            y_i = terms.get(term, 0)
            y_j = total[term] - y_i
            rest_i = n_i + prior_total - y_i - alpha  # every other term, in this outlet and the prior
            rest_j = n_j + prior_total - y_j - alpha
            if not y_i or rest_i <= 0 or rest_j <= 0:
                continue  # an actor named with one term only: no odds against the others
            delta = math.log((y_i + alpha) / rest_i) - math.log((y_j + alpha) / rest_j)
            scores[(outlet, term)] = delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
    return scores
