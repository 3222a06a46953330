"""Article → claims: the heart of counterclaim.

`extract_article` runs these steps, top to bottom:

1. split the article into sentences and find its quotations (`nlp/sentences.py`);
2. parse the sentences with spaCy, one sentence per parse (`nlp/pipeline.py`);
3. read every number expression of each sentence (`numbers.py`) and drop those that
   count no claim (dates, ordinals, ages, measurements);
4. find what each number counts (`nlp/counted.py`) and what it measures
   (`nlp/measures.py`); a number with neither is not a claim;
5. find who asserts it (`nlp/attribution.py`): its reporting clause, its quotation's
   speaker, or the previous sentence's source where the article links them;
6. merge the mentions of one figure (headline, lead, quote) into one claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from counterclaim import numbers
from counterclaim.model import AUTHOR, Article, Claim, Number
from counterclaim.nlp import pipeline
from counterclaim.nlp.attribution import (
    AUTHOR_SOURCE,
    Reporter,
    Source,
    SourceHistory,
    entity_sources,
    links_to_previous,
    names_previous_source,
    reporters,
    source_for,
)
from counterclaim.nlp.counted import Counted, find_counted
from counterclaim.nlp.measures import Measure, find_measure, other_measure, restates_figure
from counterclaim.nlp.sentences import Quotation, Sentence, find_quotations, quotation_at, split_sentences

QUALIFIER_RANK = {"exact": 0, "approx": 1, "range": 1, "over": 2, "under": 2, "at_least": 3, "at_most": 3}
# Nouns that a number after them names rather than counts: "Route 60", "Operation 1027".
IDENTIFIER_NOUNS = frozenset("""operation brigade route resolution flight unit highway road
battalion regiment division building block gate sector post hill camp zone article paragraph
section protocol chapter no number phase corps squadron group platoon company army""".split())
MAX_EVIDENCE_GAP = 10  # tokens between a number and its verb still shown as one evidence span
DISTINCTIVE_VALUE = 10  # repeated values this large are one figure even with other words


@dataclass(frozen=True)
class ExtractOptions:
    """Options of the extraction stage."""

    model: str | None = None
    batch_size: int = 256  # sentences per parser batch
    articles_per_batch: int = 16


@dataclass(frozen=True)
class ParsedSentence:
    sentence: Sentence
    doc: Doc


def extract_article(article: Article, *, options: ExtractOptions = ExtractOptions()) -> list[Claim]:
    """The claims of one article, in document order."""
    return next(iter(extract_articles([article], options=options)))


def extract_articles(
    articles: Iterable[Article], *, options: ExtractOptions = ExtractOptions()
) -> Iterator[list[Claim]]:
    """The claims of each article, one list per article, in input order.

    Sentences of several articles go through the parser together, so short articles share
    its batches; each sentence is parsed on its own, so the result never depends on what
    else was in the batch.
    """
    nlp = pipeline.load(options.model)
    for chunk in _chunks(articles, options.articles_per_batch):
        split = [split_sentences(article.text) for article in chunk]  # step 1
        texts = [_for_parser(s.text) for sentences in split for s in sentences]
        docs = iter(nlp.pipe(texts, batch_size=options.batch_size))  # step 2
        for article, sentences in zip(chunk, split, strict=True):
            parsed = [ParsedSentence(s, next(docs)) for s in sentences]
            quotations = find_quotations(article.text)
            claims = list(_claims(article, parsed, quotations))  # steps 3-5
            yield merge_repeats(claims)  # step 6


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


def _claims(article: Article, parsed: list[ParsedSentence], quotations: list[Quotation]) -> Iterator[Claim]:
    history = SourceHistory()
    speakers = _quotation_speakers(parsed, quotations)
    previous: Source | None = None
    for index, item in enumerate(parsed):
        doc = item.doc
        found = reporters(doc, history)
        following = parsed[index + 1].doc if index + 1 < len(parsed) else None
        if not found and following is not None and names_previous_source(following):
            found = [replace(r, sentence_level=True) for r in reporters(following, history)]
        link = links_to_previous(doc)
        carried = previous if (link and previous is not None and not found) else None
        sentence_claims: list[tuple[Counted, Claim]] = []
        for number in numbers.parse(item.sentence.text):
            made = _claim(article, item, number, found, carried, link, quotations, speakers,
                          sentence_claims, history)
            if made is not None:
                sentence_claims.append(made)
                yield made[1]
        history.entities.extend(entity_sources(doc))
        level = [r.source for r in found if r.sentence_level]
        named = [c.claimant for _, c in sentence_claims if c.claimant != AUTHOR]
        if level:
            previous = level[0]
        elif named:
            last = sentence_claims[-1][1]
            previous = Source(last.claimant, last.claimant_aliases)
        else:
            previous = carried


def _claim(
    article: Article,
    item: ParsedSentence,
    number: Number,
    found: list[Reporter],
    carried: Source | None,
    link: str | None,
    quotations: list[Quotation],
    speakers: dict[int, Source],
    earlier: list[tuple[Counted, Claim]],
    history: SourceHistory,
) -> tuple[Counted, Claim] | None:
    sentence, doc = item.sentence, item.doc
    tokens = doc.char_span(number.start, number.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0 or number.kind == "fraction" or _names_something(tokens):
        return None
    counted = find_counted(tokens)  # step 4
    if counted.kind == "unit" or _is_age_or_date(tokens, counted):
        return None
    measure = find_measure(counted, unit=number.unit)
    if measure is None and earlier and (_is_breakdown(counted) or restates_figure(counted)):
        # "5,087 killed, including 2,055 children": a part takes the measure of its total.
        total = earlier[-1][1]
        measure = Measure(total.measure, None, f"part of the figure '{total.text}'")
    if measure is None:
        measure = other_measure(counted)
    if measure is None or measure.agent:
        return None
    qualifier = _shared_qualifier(number, counted, earlier)
    source = _source(sentence, tokens, measure, found, carried, link, quotations, speakers, history)  # step 5
    start, end = _evidence(tokens, counted, measure)
    reasons = (f"measure: {measure.reason}", f"claimant: {source.reason}")
    claim = Claim(
        article=article.id,
        doc=article.doc,
        text=doc.text[start:end],
        start=sentence.start + start,
        end=sentence.start + end,
        sentence=sentence.text,
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
    )
    return counted, claim


def _is_breakdown(counted: Counted) -> bool:
    """ "including 2,055 children", "among them 5 women", "eight of them", "two of whom"."""
    if counted.via_of and counted.head is not None and counted.head.lower_ in ("them", "whom", "those", "these"):
        return True
    node = counted.nominal
    for _ in range(3):
        if node.lower_ in ("including", "among", "includes", "include", "included"):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


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
    carried: Source | None,
    link: str | None,
    quotations: list[Quotation],
    speakers: dict[int, Source],
    history: SourceHistory,
) -> Source:
    quotation = quotation_at(quotations, sentence.start + tokens.start_char)
    if quotation is not None and quotation.start in speakers:
        return speakers[quotation.start]
    starts = [tokens[-1]] + ([measure.trigger] if measure.trigger is not None else [])
    reporter = source_for(starts, found, history)
    if reporter is not None:
        return reporter.source
    if carried is not None:
        return replace(carried, reason=f"carried over: {link}")
    return AUTHOR_SOURCE


def _quotation_speakers(parsed: list[ParsedSentence], quotations: list[Quotation]) -> dict[int, Source]:
    """Who speaks each quotation: a reporting clause outside the quote marks, in the
    sentence that closes it, else the one that opens it, else the sentence before."""
    history = SourceHistory()
    outside: list[list[Reporter]] = []
    for item in parsed:
        found = reporters(item.doc, history)
        outside.append(found)
        history.entities.extend(entity_sources(item.doc))
    speakers: dict[int, Source] = {}
    previous_speaker: Source | None = None
    for quotation in quotations:
        touching = [
            i for i, item in enumerate(parsed)
            if item.sentence.start < quotation.end + 1 and item.sentence.end > quotation.start - 1
        ]
        if not touching:
            continue
        candidates = [touching[-1], touching[0]]
        speaker = None
        for index in candidates:
            item = parsed[index]
            for reporter in outside[index]:
                position = item.sentence.start + reporter.token.idx
                if not (quotation.start <= position < quotation.end):
                    speaker = reporter.source
                    break
            if speaker is not None:
                break
        if speaker is None and touching[0] > 0:
            before = touching[0] - 1
            text = parsed[before].sentence.text.rstrip()
            if text.endswith(":") or _adjacent(parsed[before].sentence, quotation):
                level = [r.source for r in outside[before]]
                speaker = level[0] if level else previous_speaker
        if speaker is not None:
            speakers[quotation.start] = replace(speaker, reason=f"speaker of the quotation ({speaker.reason})")
            previous_speaker = speaker
    return speakers


def _adjacent(sentence: Sentence, quotation: Quotation) -> bool:
    return 0 <= quotation.start - sentence.end <= 4


def _names_something(tokens: Span) -> bool:
    """ "Operation 1027", "Brigade 401", "one of the deadliest attacks": not counts."""
    doc = tokens.doc
    before = doc[tokens.start - 1] if tokens.start > 0 else None
    if before is not None and before.is_title and tokens[0].is_digit:
        if before.lower_ in IDENTIFIER_NOUNS:
            return True
        if tokens[-1].head.i == before.i and before.ent_type_ not in ("DATE", "TIME", "GPE", "LOC"):
            return True
    after = doc[tokens.end : tokens.end + 3]
    return (
        tokens.text.lower() == "one"
        and len(after) == 3
        and after[0].lower_ == "of"
        and after[2].tag_ in ("JJS", "RBS")
    )


def _is_age_or_date(tokens: Span, counted: Counted) -> bool:
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


def merge_repeats(claims: list[Claim]) -> list[Claim]:
    """One claim per figure and source: a headline, lead and quote that repeat a figure
    are merged, keeping the named source over the article's own voice and the most
    specific qualifier given anywhere (SCHEMA conventions)."""
    kept: list[Claim] = []
    for claim in claims:
        twin = next((k for k in kept if _same_figure(k, claim)), None)
        if twin is None:
            kept.append(claim)
            continue
        best = claim if twin.claimant == AUTHOR and claim.claimant != AUTHOR else twin
        qualifier = max((twin.qualifier, claim.qualifier), key=lambda q: QUALIFIER_RANK.get(q, 0))
        kept[kept.index(twin)] = replace(best, qualifier=qualifier, optional=twin.optional and claim.optional)
    return kept


def _same_figure(a: Claim, b: Claim) -> bool:
    if (a.value, a.value_high, a.unit, a.measure) != (b.value, b.value_high, b.unit, b.measure):
        return False
    if a.value is None:
        return False
    if a.claimant != b.claimant and AUTHOR not in (a.claimant, b.claimant):
        return False
    same_words = _head_word(a.counted) == _head_word(b.counted)
    return same_words or a.value >= DISTINCTIVE_VALUE


def _head_word(phrase: str) -> str:
    words = phrase.lower().split()
    return words[-1].rstrip("s") if words else ""
