"""One article's sentences, parsed on demand, and what attribution reads across them.

Claims come only from sentences that hold a number, but their sources can lie in other
sentences: the one that names who "he" is, the one before a continued enumeration, the
sentence that closes a quotation, or "That's according to X" after a figure. Everything
the rules read across sentences goes through this object, which parses a sentence only
when a rule first asks for it. So the fast path (parse the sentences with numbers, then
whatever they ask for) and the full path (parse everything first) read exactly the same
parses and give exactly the same claims; the tests check that on every corpus.

Limits, shared by both paths: a pronoun or role noun resolves to a source named by a
reporting clause anywhere before it, else to a name in the three sentences before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from counterclaim.actors.base import ActorBase, packaged_base
from counterclaim.model import AUTHOR
from counterclaim.nlp.attribution import (
    Reporter,
    Source,
    SourceHistory,
    entity_sources,
    links_to_previous,
    may_report,
    names_previous_source,
    reporters,
)
from counterclaim.nlp.sentences import Quotation, Sentence

NEARBY_SENTENCES = 3  # how far back a pronoun may find a name that no reporting clause gave


class ArticleContext:
    """The sentences of one article with their parses, made on demand and kept.

    `parse` turns one sentence into a Doc; `docs` holds the parses made ahead in batches;
    `base` is the run's actor base (the package's when not given).
    """

    def __init__(
        self,
        sentences: list[Sentence],
        quotations: list[Quotation],
        parse: Callable[[Sentence], Doc],
        docs: dict[int, Doc],
        base: ActorBase | None = None,
    ) -> None:
        self.sentences = sentences
        self.base = base if base is not None else packaged_base()
        self.quotations = quotations
        self._parse = parse
        self._docs = docs
        self._reporters: dict[int, list[Reporter]] = {}
        self._entities: dict[int, list[Source]] = {}
        self._named: dict[int, list[Source]] = {}
        self._level: dict[int, Source | None] = {}
        self._speakers: dict[int, Source | None] = {}

    @property
    def parsed(self) -> frozenset[int]:
        """The indexes of the sentences parsed so far."""
        return frozenset(self._docs)

    def doc(self, index: int) -> Doc:
        if index not in self._docs:
            self._docs[index] = self._parse(self.sentences[index])
        return self._docs[index]

    def reporters(self, index: int) -> list[Reporter]:
        """The reporting clauses of sentence `index`; a sentence without a reporting word
        is not parsed for this."""
        if index not in self._reporters:
            found: list[Reporter] = []
            if may_report(self.sentences[index].text):
                found = reporters(self.doc(index), self.history(index))
            self._reporters[index] = found
        return self._reporters[index]

    def history(self, index: int) -> SourceHistory:
        """The sources before sentence `index`, read lazily, newest first."""

        def earlier() -> Iterator[Source]:
            for before in range(index - 1, -1, -1):
                yield from reversed([r.source for r in self.reporters(before)])

        def nearby() -> Iterator[Source]:
            for before in range(index - 1, max(-1, index - 1 - NEARBY_SENTENCES), -1):
                if before not in self._entities:
                    self._entities[before] = entity_sources(self.doc(before), self.base)
                yield from reversed(self._entities[before])

        return SourceHistory(earlier, nearby, base=self.base)

    def own_reporters(self, index: int) -> list[Reporter]:
        """The sentence's reporting clauses, or those of a later sentence in the same
        paragraph that names the source of the sentences before it ("That's according to
        the UN's humanitarian office."), with no source of their own in between."""
        found = self.reporters(index)
        line = self.sentences[index].line
        following = index + 1
        while not found and following < len(self.sentences) and self.sentences[following].line == line:
            if names_previous_source(self.sentences[following].text):
                return [replace(r, sentence_level=True) for r in self.reporters(following)]
            if may_report(self.sentences[following].text) and self.reporters(following):
                break
            following += 1
        return found

    def note_claimants(self, index: int, claimants: list[Source]) -> None:
        """Record the named sources of the claims of sentence `index`, once it is read."""
        self._named[index] = claimants

    def carried(self, index: int) -> tuple[Source, str] | None:
        """The source a sentence without its own takes from the one before, and why."""
        if index == 0 or self.own_reporters(index):
            return None
        link = links_to_previous(self.doc(index))
        if link is None:
            return None
        source = self.level_source(index - 1)
        return (source, link) if source is not None else None

    def level_source(self, index: int) -> Source | None:
        """The source a sentence passes on to the next: its sentence-level reporting
        clause, else the source of its last attributed claim, else what it carried."""
        if index not in self._level:
            level = [r.source for r in self.own_reporters(index) if r.sentence_level]
            named = self._named.get(index, [])
            if level:
                self._level[index] = level[0]
            elif named:
                self._level[index] = named[-1]
            else:
                carried = self.carried(index)
                self._level[index] = carried[0] if carried else None
        return self._level[index]

    def speaker(self, quotation: Quotation) -> Source | None:
        """Who speaks a quotation: a reporting clause outside its marks in the sentence
        that closes it, else the one that opens it, else the sentence before it."""
        if quotation.start not in self._speakers:
            speaker = self._own_speaker(quotation)
            if speaker is not None:
                speaker = replace(speaker, reason=f"speaker of the quotation ({speaker.reason})")
            self._speakers[quotation.start] = speaker
        return self._speakers[quotation.start]

    def _own_speaker(self, quotation: Quotation) -> Source | None:
        touching = [
            i for i, s in enumerate(self.sentences)
            if s.start < quotation.end + 1 and s.end > quotation.start - 1
        ]
        if not touching:
            return None
        for index in (touching[-1], touching[0]):
            sentence = self.sentences[index]
            for reporter in self.reporters(index):
                position = sentence.start + reporter.token.idx
                if not quotation.start <= position < quotation.end:
                    return reporter.source
        before = touching[0] - 1
        if before < 0:
            return None
        sentence = self.sentences[before]
        if sentence.text.rstrip().endswith(":") or 0 <= quotation.start - sentence.end <= 4:
            # A clause inside an earlier quotation ("'We have documented …,' said X") is the
            # speaker's own words, not a source for this one.
            outside = [
                r.source for r in self.reporters(before)
                if not any(q.start <= sentence.start + r.token.idx < q.end for q in self.quotations)
            ]
            return outside[0] if outside else self._previous_speaker(quotation)
        return None

    def _previous_speaker(self, quotation: Quotation) -> Source | None:
        earlier = [q for q in self.quotations if q.start < quotation.start]
        for previous in reversed(earlier):
            speaker = self.speaker(previous)
            if speaker is not None and speaker.name != AUTHOR:
                return speaker
        return None
