"""Article → claims: the heart of counterclaim.

`extract_articles` runs these steps, top to bottom:

1. split the article into sentences, find its quotations (`nlp/sentences.py`) and read
   every number expression of each sentence (`numbers.py`), leaving out those the words
   alone show count nothing (fractions, "72 hours");
2. parse with spaCy, one sentence per parse, in batches, the sentences that hold a
   number (all of them with `full_parse`); any other sentence the rules read is parsed
   when they first ask for it (`nlp/context.py`), together with the sentences the other
   articles of the batch ask for (`nlp/batching.py`);
3. drop the numbers that count no claim (dates, ages, measurements, identifiers);
4. find what each number counts (`nlp/counted.py`) and what it measures
   (`nlp/measures.py`); a number with neither is not a claim;
5. find who asserts it (`nlp/attribution.py`): its reporting clause, its quotation's
   speaker, or the previous sentence's source where the article links them;
6. read the period of each count from its sentence, against the article date
   (`periods.py`), and the place it happened from the sentence's parse (`places.py`);
7. merge the mentions of one figure (headline, lead, quote) into one claim, never two
   counts of two towns;
8. link each claimant to an actor and each counted phrase to a group (`actors/`);
9. decide the war each claim belongs to (`conflicts.py`) and the quantity it counts:
   its scope and figure (`figures.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from spacy.tokens import Doc, Span

from counterclaim import numbers
from counterclaim.actors import ActorBase, Provisional, link_claims, load_base
from counterclaim.conflicts import conflict_starts, conflicts_for, with_conflicts
from counterclaim.figures import PART_MARK, with_figures
from counterclaim.model import AUTHOR, Article, Claim, Number, with_fields
from counterclaim.nlp import pipeline
from counterclaim.nlp.attribution import AUTHOR_SOURCE, Reporter, Source, SourceHistory, source_for
from counterclaim.nlp.batching import run_together
from counterclaim.nlp.context import ArticleContext
from counterclaim.nlp.counted import Counted, find_counted
from counterclaim.nlp.measures import (
    Measure,
    find_measure,
    other_measure,
    part_of_total,
    restates_figure,
    share_measure,
    share_of_earlier,
)
from counterclaim.nlp.sentences import Quotation, Sentence, find_quotations, quotation_at, split_sentences
from counterclaim.periods import find_period
from counterclaim.places import (
    PlaceLink,
    article_country,
    find_place,
    local_place,
    named_countries,
    place_phrases,
    resolve,
)
from counterclaim.vocabulary.counted import MEASUREMENT_UNITS, MULTIPLIER_WORDS
from counterclaim.vocabulary.number_words import IDENTIFIER_NOUNS

QUALIFIER_RANK = {"exact": 0, "approx": 1, "range": 1, "over": 2, "under": 2, "at_least": 3, "at_most": 3}
MAX_EVIDENCE_GAP = 10  # tokens between a number and its verb still shown as one evidence span
DISTINCTIVE_VALUE = 10  # repeated values this large are one figure even with other words
LEAD_SENTENCES = 3  # the title and the lead: where an article says what happened
NEXT_WORD = re.compile(r"[\s-]*([A-Za-z]+)")
# "four-wheel-drive", "two-storey": a number inside a compound modifier counts nothing.
HYPHEN_COMPOUND = re.compile(r"-[A-Za-z]+-[A-Za-z]")


@dataclass(frozen=True)
class ExtractOptions:
    """Options of the extraction stage."""

    model: str | None = None
    full_parse: bool = False  # parse every sentence first: the reference for the fast path
    batch_size: int = 256  # sentences per parser batch
    articles_per_batch: int = 64
    actor_files: tuple[Path, ...] = ()  # the user's actor files, over the package's base


def extract_article(article: Article, *, options: ExtractOptions = ExtractOptions()) -> list[Claim]:
    """The claims of one article, in document order."""
    return next(iter(extract_articles([article], options=options)))


def extract_articles(
    articles: Iterable[Article], *, options: ExtractOptions = ExtractOptions(),
    provisional: Provisional | None = None, base: ActorBase | None = None,
) -> Iterator[list[Claim]]:
    """The claims of each article, one list per article, in input order (`extract_each`)."""
    for done in extract_each(articles, options=options, provisional=provisional, base=base):
        yield done.claims


@dataclass(frozen=True)
class Extraction:
    """An article's claims, and the sentences and quotations they were read from (the
    framing stage reads the same ones)."""

    article: Article
    claims: list[Claim]
    sentences: list[Sentence]
    quotations: list[Quotation]


def extract_each(
    articles: Iterable[Article], *, options: ExtractOptions = ExtractOptions(),
    provisional: Provisional | None = None, base: ActorBase | None = None,
) -> Iterator[Extraction]:
    """Each article with its claims, in input order, reading `articles` a batch at a time:
    a stream of any length holds one batch in memory.

    `provisional` collects the actors the base does not know, across articles (a new
    registry when not given); a worker passes its own, for the writer to merge. `base` is
    the run's actor base, read from `options.actor_files` when not given: attribution and
    linking use this one base.

    The fast path parses, in batches, only the sentences that hold a number; the rules
    then parse any other sentence they read for attribution (`nlp/context.py`), the
    rules of a whole batch of articles running together so that these parses are
    batched too (`nlp/batching.py`). `full_parse` parses every sentence first instead.
    Each sentence is parsed on its own, so both give the same claims.
    """
    parser = pipeline.load(options.model)
    base = base if base is not None else load_base(options.actor_files)
    provisional = provisional if provisional is not None else Provisional()
    conflicts = conflicts_for(base)
    starts = conflict_starts(conflicts)

    def parse(sentence: Sentence) -> Doc:
        return parser.parse_one(_for_parser(sentence.text))

    for chunk in _chunks(articles, options.articles_per_batch):
        plans = [_plan(article, full_parse=options.full_parse) for article in chunk]  # step 1
        texts = [_for_parser(plan.sentences[i].text) for plan in plans for i in plan.ahead]
        docs = iter(parser.parse(texts, batch_size=options.batch_size, entities=options.full_parse))  # step 2
        rules = []
        contexts = []
        for article, plan in zip(chunk, plans, strict=True):
            context = ArticleContext(plan.sentences, plan.quotations, parse, {i: next(docs) for i in plan.ahead},
                                     base)
            contexts.append(context)
            rules.append(partial(_claim_list, article, context, plan.numbers))
        # The rules of the whole chunk run together, so that the sentences and entities
        # they ask for are parsed in batches (nlp/batching.py).
        for article, plan, context, claims in zip(chunk, plans, contexts, run_together(rules), strict=True):
            # steps 3-5 above; the place before the merge, so that counts in two towns stay two
            country = article_country(article.text)
            placed = _with_places([_with_period(claim, article.date) for claim in claims], country,
                                  named_countries(article.text), plan, context)  # step 6
            merged = merge_repeats(placed, headline_end=_headline_end(plan.sentences))  # step 7
            linked = link_claims(merged, base, provisional, article.text)  # step 8
            lead = plan.sentences[:LEAD_SENTENCES]
            in_conflict = with_conflicts(article, linked, base, country, conflicts)
            found = with_figures(article, in_conflict, starts, lead_place=_lead_place(lead, country),
                                 lead_day=_lead_day(lead, article.date))  # step 9
            yield Extraction(article, found, plan.sentences, plan.quotations)


@dataclass(frozen=True)
class _Plan:
    sentences: list[Sentence]
    quotations: list[Quotation]
    numbers: dict[int, list[Number]]  # the number expressions of each sentence that has one
    ahead: list[int]  # the sentences to parse in the batch


def _plan(article: Article, *, full_parse: bool) -> _Plan:
    sentences = split_sentences(article.text)
    quotations = find_quotations(article.text)
    found = {i: [n for n in numbers.parse(s.text) if _may_count(s.text, n)] for i, s in enumerate(sentences)}
    with_numbers = {i: n for i, n in found.items() if n}
    ahead = range(len(sentences)) if full_parse else sorted(with_numbers)
    return _Plan(sentences, quotations, with_numbers, list(ahead))


def _may_count(text: str, number: Number) -> bool:
    """Whether a number can be a claim, from the words alone: not a fraction ("half of
    them"), not a measure of time or size ("for 72 hours", "a six-week truce"), not a
    multiplier ("ten times more"). Dropping them before the parse spares parsing their
    sentences."""
    if number.kind == "fraction" or HYPHEN_COMPOUND.match(text, number.end):
        return False
    word = NEXT_WORD.match(text, number.end)
    if word is None:
        return True
    unit = word.group(1).lower()
    if unit in ("round", "rounds"):  # "1.2 million rounds of ammunition" counts; "two rounds" of talks no
        after = NEXT_WORD.match(text, word.end())
        return after is not None and after.group(1).lower() == "of"
    if unit == "times":
        after = NEXT_WORD.match(text, word.end())
        return after is None or after.group(1).lower() not in MULTIPLIER_WORDS
    return not any(form in MEASUREMENT_UNITS for form in (unit, unit.removesuffix("s"), unit.removesuffix("es")))


def _with_period(claim: Claim, article_date: str | None) -> Claim:
    period = find_period(claim.sentence, article_date)
    return with_fields(claim, period_start=period.start, period_end=period.end, cumulative=period.cumulative)


def _with_places(claims: list[Claim], country: str | None, named: frozenset[str], plan: _Plan,
                 context: ArticleContext) -> list[Claim]:
    """Each claim with the place of its own words in its own sentence (found by its
    offsets, not by its text: a sentence may say the same words twice), read on the
    sentence's parse where the number is known."""
    starts = [s.start for s in plan.sentences]
    at = [bisect_right(starts, claim.start) - 1 for claim in claims]
    spans = [_number_span(claim, plan.sentences[i], plan.numbers.get(i, []))
             for claim, i in zip(claims, at, strict=True)]
    placed = []
    for claim, index, span in zip(claims, at, spans, strict=True):
        sentence = plan.sentences[index]
        others = [s for s, i in zip(spans, at, strict=True) if i == index and s is not None and s != span]
        doc = context.doc(index) if index in context.parsed else None
        start, end = claim.start - sentence.start, claim.end - sentence.start
        link = find_place(sentence.text, start, end, country, doc=doc, number=span, others=others, named=named)
        if link is None and claim.cumulative is not True:
            link = _carried_place(claim, plan.sentences, country, named)
        placed.append(_placed(claim, link, country))
    return placed


def _number_span(claim: Claim, sentence: Sentence, found: list[Number]) -> tuple[int, int] | None:
    """Where the claim's number is in its sentence: the number of its value inside its evidence."""
    start, end = claim.start - sentence.start, claim.end - sentence.start
    inside = [n for n in found if start <= n.start and n.end <= end]
    same = [n for n in inside if n.value == claim.value and n.value_high == claim.value_high]
    chosen = same or inside
    return (chosen[-1].start, chosen[-1].end) if chosen else None


def _placed(claim: Claim, link: PlaceLink | None, country: str | None) -> Claim:
    if link is None or link.place is None:
        # No place resolved in the sentence: the country the article is about, and no place.
        return with_fields(claim, country=country, place_link="the article's country") if country else claim
    place = link.place
    return with_fields(claim, place=link.written, place_id=place.id or None, country=place.country,
                       lat=place.lat, lon=place.lon, place_link=link.reason)


def _lead_day(lead: list[Sentence], article_date: str | None) -> str | None:
    """The day the article's first sentences give its event: "ambushed a convoy on Monday"."""
    for sentence in lead:
        period = find_period(sentence.text, article_date)
        if period.start and period.start == period.end:
            return period.start
    return None


def _lead_place(lead: list[Sentence], country: str | None) -> str | None:
    """The town, camp or district the article's first sentences name: where the event it
    reports happened ("ambushed a convoy near El Obeid on Monday")."""
    for sentence in lead:
        for match in place_phrases(sentence.text):
            place = resolve(match.group("name"), country).place
            if place is not None and local_place(place.id) is not None:
                return place.id
    return None


def _carried_place(claim: Claim, sentences: list[Sentence], country: str | None,
                   named: frozenset[str]) -> PlaceLink | None:
    """The place of the sentence before the claim's, in the same paragraph: "An air strike
    hit Jabalia camp. At least 12 people were killed." A running total is never carried
    (the caller checks): "Overall, 25,000 have been killed" is not a count for that town."""
    index = bisect_right([s.start for s in sentences], claim.start) - 1
    if index < 1 or sentences[index - 1].line != sentences[index].line:
        return None
    before = sentences[index - 1].text
    link = find_place(before, len(before), len(before), country, named=named)
    if link is None or link.place is None:
        return None
    return replace(link, reason="carried from the previous sentence " + link.reason.split(" ", 3)[-1])


def _headline_end(sentences: list[Sentence]) -> int:
    """Where the headline ends: a first line of one sentence, with more lines after it."""
    if len(sentences) > 1 and sentences[0].line == 0 and sentences[1].line > 0:
        return sentences[0].end
    return 0


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _for_parser(text: str) -> str:
    """A Title Case Headline parses as a run of proper nouns; lower-case it, same length."""
    words = re.findall(r"[A-Za-z][a-z]+", text)
    if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
        return text[0] + "".join(
            c.lower() if not _in_acronym(text, i + 1) else c for i, c in enumerate(text[1:])
        )
    return text


def _in_acronym(text: str, i: int) -> bool:
    left = text[i - 1] if i > 0 else " "
    right = text[i + 1] if i + 1 < len(text) else " "
    return text[i].isupper() and (left.isupper() or right.isupper())


def _claim_list(article: Article, context: ArticleContext, found: dict[int, list[Number]]) -> list[Claim]:
    return list(_claims(article, context, found))


def _claims(article: Article, context: ArticleContext, found: dict[int, list[Number]]) -> Iterator[Claim]:
    previous: tuple[int, list[tuple[Counted, Claim]]] = (-2, [])
    for index in sorted(found):
        sentence, doc = context.sentences[index], context.doc(index)
        reporting = context.own_reporters(index)
        carried = context.carried(index)
        history = context.history(index)
        for reporter in reporting:
            history.add(reporter.source)
        sentence_claims: list[tuple[Counted, Claim]] = []
        # "Among them were eight children": a part may take its total from the sentence before.
        before = previous[1] if previous[0] == index - 1 else []
        for number in found[index]:
            earlier = sentence_claims or before
            made = _claim(article, sentence, doc, number, reporting, carried, context, earlier, history)
            if made is not None:
                sentence_claims.append(made)
                yield made[1]
        previous = (index, sentence_claims)
        named = [c for _, c in sentence_claims if c.claimant != AUTHOR]
        context.note_claimants(index, [Source(c.claimant, c.claimant_aliases) for c in named])


def _claim(
    article: Article,
    sentence: Sentence,
    doc: Doc,
    number: Number,
    found: list[Reporter],
    carried: tuple[Source, str] | None,
    context: ArticleContext,
    earlier: list[tuple[Counted, Claim]],
    history: SourceHistory,
) -> tuple[Counted, Claim] | None:
    tokens = doc.char_span(number.start, number.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0 or _names_something(tokens):
        return None
    counted = find_counted(tokens)  # step 4
    if counted.kind == "unit" or _is_age_or_date(tokens) or _describes_another(counted):
        return None
    if tokens.text.lower() == "one" and counted.head is None and counted.nominal.dep_ not in ("dobj", "nsubjpass"):
        return None  # "was one in Rafah": a pronoun; "seizing one" (a ship) still counts
    measure = find_measure(counted, unit=number.unit)
    if measure is None and counted.kind == "repeat":
        return None
    part = part_of_total(counted) or (measure is None and share_of_earlier(counted, unit=number.unit))
    total = _total_of(counted, earlier) if part else None
    if measure is None and earlier and (total is not None or restates_figure(counted)):
        # "5,087 killed, including 2,055 children": a part takes the measure of its total.
        whole = total or earlier[-1][1]
        measure = Measure(whole.measure, None, f"part of the figure '{whole.text}'")
    if measure is None:
        measure = other_measure(counted) or share_measure(counted, unit=number.unit)
    if measure is None or measure.agent:
        return None
    qualifier = _shared_qualifier(number, counted, earlier)
    source = _source(sentence, tokens, measure, found, carried, context, history)  # step 5
    start, end = _evidence(tokens, counted, measure)
    reasons = (f"measure: {measure.reason}", f"claimant: {source.reason}")
    claim = Claim(
        article=article.id,
        doc=article.doc,
        text=pipeline.text_of(doc)[start:end],
        start=sentence.start + start,
        end=sentence.start + end,
        sentence=sentence.text,
        sentence_start=sentence.start,
        value=number.value,
        value_high=number.value_high,
        qualifier=qualifier,
        unit=number.unit,
        measure=measure.name,
        counted=counted.phrase,
        claimant=source.name,
        claimant_aliases=source.aliases,
        optional=number.value is None or measure.hypothetical,
        outlet=article.outlet,
        date=article.date,
        url=article.url,
        reasons=reasons,
        # Where the total sits; `figures.py` replaces it with the total's figure.
        part_of=f"{PART_MARK}{total.start}:{total.end}" if total is not None else None,
    )
    return counted, claim


def _total_of(counted: Counted, earlier: list[tuple[Counted, Claim]]) -> Claim | None:
    """The figure a part belongs to: the last one before it, or for a part that counts
    people the last one of people ("arrested 40 and seized 12 cars. The suspects included
    9 foreigners")."""
    if not earlier:
        return None
    if counted.kind == "people":
        people = [claim for other, claim in earlier if other.kind == "people"]
        if people and earlier[-1][0].kind == "thing":
            return people[-1]
    return earlier[-1][1]


def _shared_qualifier(number: Number, counted: Counted, earlier: list[tuple[Counted, Claim]]) -> str:
    """ "at least 14 children and 15 women": a qualifier spreads over the parts of one total."""
    head = counted.head
    if number.qualifier != "exact" or head is None or head.dep_ != "conj" or counted.kind != "people":
        return number.qualifier
    for other, claim in earlier:
        same_total = other.head is not None and other.head.i == head.head.i and other.kind == "people"
        if same_total and claim.qualifier in ("at_least", "over", "approx"):
            return claim.qualifier
    return number.qualifier


def _source(
    sentence: Sentence,
    tokens: Span,
    measure: Measure,
    found: list[Reporter],
    carried: tuple[Source, str] | None,
    context: ArticleContext,
    history: SourceHistory,
) -> Source:
    quotation = quotation_at(context.quotations, sentence.start + tokens.start_char)
    if quotation is not None:
        speaker = context.speaker(quotation)
        if speaker is not None:
            return speaker
    starts = [tokens[-1]] + ([measure.trigger] if measure.trigger is not None else [])
    reporter = source_for(starts, found, history)
    if reporter is not None:
        return reporter.source
    if carried is not None:
        return replace(carried[0], reason=f"carried over: {carried[1]}")
    return AUTHOR_SOURCE


def _names_something(tokens: Span) -> bool:
    """ "Operation 1027", "Brigade 401", "one of the deadliest attacks": not counts."""
    doc = tokens.doc
    before = doc[tokens.start - 1] if tokens.start > 0 else None
    if before is not None and before.is_title and tokens[0].is_digit:
        if before.lower_ in IDENTIFIER_NOUNS:
            return True
        if tokens[-1].head.i == before.i and pipeline.entity_type(before) not in ("DATE", "TIME", "GPE", "LOC"):
            return True
    after = doc[tokens.end : tokens.end + 3]
    return (
        tokens.text.lower() == "one"
        and len(after) == 3
        and after[0].lower_ == "of"
        and after[2].tag_ in ("JJS", "RBS")
    )


def _describes_another(counted: Counted) -> bool:
    """ "four members of one family": a number that tells which, inside another count."""
    node = counted.nominal
    if node.dep_ != "pobj" or node.head.lower_ != "of":
        return False
    owner = node.head.head
    return owner.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in owner.children)


def _is_age_or_date(tokens: Span) -> bool:
    doc = tokens.doc
    after = doc[tokens.end : tokens.end + 3].text.lower()
    before = doc[max(0, tokens.start - 1) : tokens.start].text.lower()
    return after.startswith(("-year-old", "year-old", "years old", "-years-old")) or before in ("aged", "age")


def _evidence(tokens: Span, counted: Counted, measure: Measure) -> tuple[int, int]:
    """The shortest span that states the claim: number, counted phrase and measure word."""
    points = [tokens.start, tokens.end - 1]
    if counted.head is not None and abs(counted.head.i - tokens.start) <= MAX_EVIDENCE_GAP:
        points.append(counted.head.i)
    if measure.trigger is not None and abs(measure.trigger.i - tokens.start) <= MAX_EVIDENCE_GAP:
        points.append(measure.trigger.i)
    doc = tokens.doc
    first, last = doc[min(points)], doc[max(points)]
    return first.idx, last.idx + len(last.text)


def merge_repeats(claims: list[Claim], *, headline_end: int = 0) -> list[Claim]:
    """One claim per figure and source: a headline, lead and quote that repeat a figure
    are merged, keeping the named source over the article's own voice and the most
    specific qualifier given anywhere (SCHEMA conventions).

    A headline's short source ("…, officials say", "… - MoD") gives way to the one the
    body gives for the same figure; `headline_end` is where the headline ends in the text.
    """
    kept: list[Claim] = []
    for claim in claims:
        twin = next((k for k in kept if _same_figure(k, claim, headline_end)), None)
        if twin is None:
            kept.append(claim)
            continue
        best = claim if _weaker(twin, headline_end) and not _weaker(claim, headline_end) else twin
        other = twin if best is claim else claim
        qualifier = max((twin.qualifier, claim.qualifier), key=lambda q: QUALIFIER_RANK.get(q, 0))
        merged = replace(best, qualifier=qualifier, optional=twin.optional and claim.optional)
        if best.place is None and other.place is not None:  # the headline's figure, placed by the lead
            merged = with_fields(merged, **{f: getattr(other, f) for f in PLACE_FIELDS})
        kept[kept.index(twin)] = merged
    return kept


PLACE_FIELDS = ("place", "place_id", "country", "lat", "lon", "place_link")


def _other_places(a: Claim, b: Claim) -> bool:
    """Two counts of two towns (or camps, districts …): never one figure."""
    return a.place_id != b.place_id and local_place(a.place_id) is not None and local_place(b.place_id) is not None


def _weaker(claim: Claim, headline_end: int) -> bool:
    """The article's own voice, or a headline: the body names the source of a figure the
    headline repeats ("… - MoD", "…, officials say") in full."""
    return claim.claimant == AUTHOR or claim.end <= headline_end


def _same_figure(a: Claim, b: Claim, headline_end: int = 0) -> bool:
    if (a.value, a.value_high, a.unit, a.measure) != (b.value, b.value_high, b.unit, b.measure):
        return False
    if a.value is None or _other_places(a, b):
        return False
    if a.claimant != b.claimant and not (_weaker(a, headline_end) or _weaker(b, headline_end)):
        return False
    same_words = _head_word(a.counted) == _head_word(b.counted)
    headline = min(a.end, b.end) <= headline_end  # a headline repeats the lead's figure
    return same_words or headline or a.value >= DISTINCTIVE_VALUE


def _head_word(phrase: str) -> str:
    words = phrase.lower().split()
    return words[-1].rstrip("s") if words else ""
