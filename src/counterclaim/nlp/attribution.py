"""Who asserts a figure: the source the article gives for it, innermost first.

Within a sentence the rule climbs the parse from the figure and takes the first source
it meets: the subject of a reporting verb ("the ministry said"), or "according to X"
attached on the way. A figure inside a quotation belongs to the quotation's speaker.
A sentence with no source of its own takes the previous sentence's only where the
article links the two (SCHEMA conventions): "In addition …", "N others …", or an
agentless reporting passive ("were reported killed"). Pronouns and role nouns ("he",
"the spokesman", "the ministry") resolve to the last fitting source named before.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from counterclaim.actors.base import ActorBase, packaged_base
from counterclaim.actors.link import link
from counterclaim.model import AUTHOR
from counterclaim.nlp.pipeline import entities, text_of
from counterclaim.vocabulary.names import ORGANISATION_WORDS, PERSON_ROLE_NOUNS, PERSON_ROLES, ROLE_NOUNS, TITLES
from counterclaim.vocabulary.sources import (
    AGENTLESS_REPORTING,
    CITED_DOCUMENT_NOUNS,
    CLAIM_NOUNS,
    CONTINUATION_OPENERS,
    DEFINITE_WORDS,
    DOCUMENT_HEADS,
    GENERIC_SOURCE_WORDS,
    GROUP_PRONOUNS,
    LEADING_SOURCE_WORDS,
    NAME_PREPS,
    OTHERS_WORDS,
    PERSON_PRONOUNS,
    PROXY_HEADS,
    PROXY_PREPS,
    REFERRING_DETERMINERS,
    REFERS_BACK_WORDS,
    REPORT_ONLY_WITH_CLAUSE,
    REPORTING_FORMS,
    REPORTING_NOT_WITH_OBJECT,
    REPORTING_VERBS,
    RESPONSE_NOUNS,
    WITNESS_NOUNS,
)

SUBJECT_DEPS = ("nsubj",)  # a reporting verb's source is its active subject
CUT_DEPS = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "prep"})
LEADING_WORDS = re.compile(r"^((" + "|".join(LEADING_SOURCE_WORDS) + r")\s+)+", re.IGNORECASE)
POSSESSIVE_END = re.compile(r"\s*['’]s?$")
WORD = re.compile(r"[a-z]+")
HEADLINE_SOURCE = re.compile(r"\s[-–—]\s*([A-Z][\w.'’ ]{1,40})\s*$")


@dataclass(frozen=True)
class Source:
    """A claimant: `name` as the article gives it, other forms in `aliases`."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "group"  # "person" or "group"
    reason: str = ""


AUTHOR_SOURCE = Source(AUTHOR, (), "group", "the article's own voice")


def _nothing() -> Iterator[Source]:
    return iter(())


@dataclass
class SourceHistory:
    """The sources named before a point in one article, for pronouns and role nouns.

    `earlier` yields the sources of the sentences before, newest first; `nearby` the named
    people and organisations of the few sentences just before, newest first. Both are
    lazy, so a sentence whose pronoun resolves to the sentence before never needs the
    rest of the article parsed.
    """

    earlier: Callable[[], Iterator[Source]] = _nothing
    nearby: Callable[[], Iterator[Source]] = _nothing
    own: list[Source] = field(default_factory=list)
    # The run's actor base (the package's and the user's --actors files): which names are bodies.
    base: ActorBase = field(default_factory=packaged_base)

    def add(self, source: Source) -> None:
        """Note a source named earlier in the sentence being read."""
        if source.name != AUTHOR:
            self.own.append(source)

    def resolve(self, phrase: str, head: Token) -> Source | None:
        """The earlier source that a pronoun or role noun refers to, if one fits."""
        lemma = head.lemma_.lower()
        wanted = "person" if head.lower_ in PERSON_PRONOUNS or _is_person_role(lemma) else None
        for source in itertools.chain(reversed(self.own), self.earlier()):
            if wanted == "person" and source.kind != wanted and _spoken_for(source):
                # "A spokesman for the state government said …. …, he said."
                return Source(source.name, _unique((*source.aliases, phrase)), source.kind,
                              f"'{phrase}' refers back to the spokesperson of {source.name}")
            if wanted is None and source.kind == "person" and head.pos_ != "PRON" and lemma == "group":
                body = _title_body(source)  # "RSF commander X said …. The group said …"
                if body is not None:
                    return Source(body, (phrase,), "group", f"'{phrase}' refers back to the group of {source.name}")
            if wanted and source.kind != wanted:
                continue
            if head.pos_ != "PRON" and wanted is None and not _names_role(source, lemma):
                continue
            return Source(source.name, _unique((*source.aliases, phrase)), source.kind,
                          f"'{phrase}' refers back to {source.name}")
        for entity in self.nearby():
            if wanted == "person" and entity.kind != "person":
                continue
            if wanted is None and entity.kind == "person":
                continue
            if head.pos_ != "PRON" and wanted is None and not _names_role(entity, lemma):
                continue
            return Source(entity.name, _unique((*entity.aliases, phrase)), entity.kind,
                          f"'{phrase}' refers back to {entity.name}")
        return None


TITLE_BODY = re.compile(r"^(?:the\s+)?((?:[A-Z][\w'’/&-]*\s+)+?)(?:" + "|".join(PERSON_ROLES) + r")\b")


def _spoken_for(source: Source) -> bool:
    """A body known through its spokesperson ("a spokesman for the Zamfara state government")."""
    return any(w in PERSON_ROLES for alias in source.aliases for w in alias.lower().split()[:3])


def _title_body(source: Source) -> str | None:
    """The body in a person's title: "RSF commander Abdel Rahim Dagalo" → RSF."""
    for alias in (source.name, *source.aliases):
        match = TITLE_BODY.match(alias)
        if match and match.group(1).strip() not in source.name:
            return match.group(1).strip()
    return None


def _is_person_role(lemma: str) -> bool:
    return lemma in PERSON_ROLE_NOUNS


def _names_role(source: Source, lemma: str) -> bool:
    # "the ministry" fits "Russian Defense Ministry"; "the group" and "the statement" fit any
    # organisation, since they name no kind of their own.
    if lemma in GENERIC_SOURCE_WORDS:
        return source.kind == "group"
    words = " ".join((source.name, *source.aliases)).lower()
    return lemma in words or (lemma == "brigade" and "brigades" in words)


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        if name and name not in seen:
            seen[name] = None
    return tuple(seen)


@dataclass(frozen=True)
class Reporter:
    """A reporting clause in a sentence: the verb (or "according") and its source."""

    token: Token
    source: Source
    sentence_level: bool


def reporters(doc: Doc, history: SourceHistory) -> list[Reporter]:
    """The reporting clauses of a parsed sentence, with their sources resolved."""
    found: list[Reporter] = []
    for token in doc:
        if token.lower_ == "according" and token.dep_ in ("prep", "advmod", "ROOT", "pcomp"):
            target = _according_object(token)
            if target is not None:
                source = _source_from_phrase(target, history, "according to")
                found.append(Reporter(token.head, source, True))
                history.add(source)
        elif _is_reporting(token):
            subject = _subject(token)
            if subject is not None and _figure_as_subject(token, subject):
                # "Around 300 soldiers killed in Kursk, lawmaker says": the parser took the
                # figure for the subject; the source is the phrase before the verb.
                subject = None
            said_by = (
                _source_from_phrase(subject, history, f"subject of '{token.text}'")
                if subject is not None
                else _trailing_subject(token, history) or _opening_speaker(token, history)
            )
            if said_by is None:
                continue
            cited = _cited(token, history)
            if cited is not None:
                # "…, a lawmaker said, citing the spy agency": the innermost source.
                said_by = Source(cited.name, _unique((*cited.aliases, said_by.name)), cited.kind,
                                 f"cited by {said_by.name}")
            found.append(Reporter(token, said_by, _is_sentence_level(token)))
            history.add(said_by)
    text = text_of(doc)
    headline = HEADLINE_SOURCE.search(text)
    if headline and text.count(" ") < 20:
        found.append(Reporter(doc[-1], Source(headline.group(1).strip(), (), "group",
                                              "source after the headline's dash"), True))
    return found


def _figure_as_subject(verb: Token, subject: Token) -> bool:
    trailing = [t for t in verb.doc[verb.i + 1 :] if not t.is_punct]
    counts = [t for t in subject.subtree if t.pos_ == "NUM" and t.head.pos_ != "PROPN" and t.dep_ != "compound"]
    return len(trailing) <= 4 and bool(counts) and verb.i > 0 and verb.doc[subject.i + 1 :verb.i].text.find(",") >= 0


def _has_finite_verb(span: Span) -> bool:
    # "a lawyers' group tracking the conflict" is a source; "killed 12 people" is not.
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span)


def _cited(verb: Token, history: SourceHistory) -> Source | None:
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_.lower() == "cite":
            for obj in child.children:
                if obj.dep_ == "dobj" and obj.lemma_.lower() not in CITED_DOCUMENT_NOUNS:
                    return _source_from_phrase(obj, history, "cited")
    return None


def _is_sentence_level(verb: Token) -> bool:
    """A reporting clause that frames the whole sentence, not one clause inside it."""
    if verb.dep_ in ("ROOT", "parataxis"):
        return True
    if verb.head.dep_ == "ROOT" and verb.dep_ == "conj" and _own_clause(verb):
        # "The war has left 150,000 dead, and UN agencies have put the toll at 380,000":
        # a second clause with a subject of its own reports only itself.
        return False
    if verb.head.dep_ == "ROOT" and verb.dep_ in ("conj", "ccomp"):
        return True
    # "…, the ministry said, adding that …"
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in REPORTING_VERBS:
        return True
    # "…, the General Staff reported on Nov. 3." however the parser hung it: a closing
    # reporting clause after a comma, with no "while"/"as" that would make it a clause of
    # its own.
    subject = _subject(verb)
    if subject is None or any(c.dep_ == "mark" for c in verb.children):
        return False
    start = subject.left_edge.i
    trailing = [t for t in verb.doc[verb.i + 1 :] if not t.is_punct]
    return start > 0 and verb.doc[start - 1].text == "," and len(trailing) <= 6


def _own_clause(verb: Token) -> bool:
    """A reporting verb joined by "and"/"but" with a subject of its own to a clause that
    reports nothing; a closing "…, the ministry said" after a comma frames the sentence."""
    head = verb.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    if subject is None or head.i > verb.i or head.lemma_.lower() in REPORTING_VERBS or head.pos_ != "VERB":
        return False
    before = verb.doc[subject.left_edge.i - 1] if subject.left_edge.i > 0 else None
    return before is not None and before.dep_ == "cc" and before.head.i == head.i


def _opening_speaker(verb: Token, history: SourceHistory) -> Source | None:
    """ "Speaking to the BBC, the head of the city's administration, Roman Mrochko, said …":
    the parser hangs the speaker on the opening clause as an apposition."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.tag_ == "VBG" and child.i < verb.i:
            appositions = [t for t in child.subtree if t.dep_ == "appos" and t.i < verb.i]
            if not appositions:
                return None
            named = [t for t in appositions if t.pos_ == "PROPN"]
            speaker = named[-1] if named else appositions[0]
            source = _source_from_phrase(speaker, history, f"subject of '{verb.text}' (after an opening clause)")
            role = _core_span(appositions[0]).text if appositions[0].i != speaker.i else ""
            return Source(source.name, _unique((*source.aliases, role)), source.kind, source.reason)
    return None


def _trailing_subject(verb: Token, history: SourceHistory) -> Source | None:
    """ "…, Russia's Defence Ministry said." when the parser hung the source elsewhere.

    The words between the last comma and a sentence-final reporting verb are its subject;
    an apposition before them ("a spokesman for the army, Lt. X,") is kept as an alias.
    """
    doc = verb.doc
    rest = [t for t in doc[verb.i + 1 :] if not t.is_punct]
    if len(rest) > 4 or verb.i == 0 or doc[verb.i - 1].pos_ not in ("PROPN", "NOUN", "PUNCT"):
        return None
    segments: list[Span] = []
    end = verb.i
    while end > 0 and doc[end - 1].is_punct:
        end -= 1
    for _ in range(2):
        start = end
        while start > 0 and doc[start - 1].text != ",":
            start -= 1
        if start < end:
            segments.append(doc[start:end])
        end = start - 1
        if end <= 0:
            break
    if not segments or _has_finite_verb(segments[0]):
        return None
    phrase = segments[0]
    aliases = tuple(s.text for s in segments[1:] if not _has_finite_verb(s))
    heads = [t for t in phrase if t.head.i < phrase.start or t.head.i >= phrase.end] or [phrase[-1]]
    source = _source_from_phrase(heads[-1], history, f"subject of '{verb.text}' (word order)", span=phrase)
    return Source(source.name, _unique((*source.aliases, *aliases)), source.kind, source.reason)


def may_report(text: str) -> bool:
    """Whether a sentence can hold a reporting clause, from its words alone (no parse).

    `reporters` only looks at these words, so a sentence this rejects is known to report
    nothing without parsing it.
    """
    words = set(WORD.findall(text.lower()))
    return bool(words & REPORTING_FORMS) or "according" in words or bool(HEADLINE_SOURCE.search(text))


def _is_reporting(token: Token) -> bool:
    if token.lower_ not in REPORTING_FORMS:
        return False
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in REPORTING_VERBS:
        return False
    lemma = token.lemma_.lower()
    objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
    if objects & REPORTING_NOT_WITH_OBJECT.get(lemma, set()):
        return False
    if lemma in REPORT_ONLY_WITH_CLAUSE:
        return any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
    # An agentless passive ("were reported killed") reports nobody's words.
    return not any(c.dep_ == "auxpass" for c in token.children)


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # "Air strikes killed 35 people, local officials said" can come out with two
        # subjects; the source is the one next to the verb.
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    # "…, adding that …", "and added", "released a statement, asserting that …": the
    # subject of the verb it hangs from.
    hangs = verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i
    if hangs and (verb.head.lemma_.lower() in REPORTING_VERBS or (verb.dep_ == "advcl" and verb.tag_ == "VBG")):
        return _subject(verb.head)
    return None


def _according_object(token: Token) -> Token | None:
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ == "to":
        for obj in following.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def _source_from_phrase(
    head: Token, history: SourceHistory, reason: str, *, span: Span | None = None
) -> Source:
    """The source a subject or "according to" object names, resolved where it refers back."""
    span = span if span is not None else _core_span(head)
    phrase = span.text.strip(" ,")
    full = _full_phrase(head) if span.start <= head.left_edge.i else phrase
    aliases = _unique(tuple(p for p in (full, phrase) if p and p != phrase))
    lemma = head.lemma_.lower()
    if head.pos_ == "PRON" or head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return history.resolve(phrase, head) or Source(phrase, (), "group", reason)
    if lemma in PROXY_HEADS:
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is not None:
            # "according to their reports": the reports of whoever "their" is.
            resolved = history.resolve(phrase, owner)
            if resolved is not None:
                return resolved
        owner_name = next((c for c in head.children if c.dep_ in ("compound", "poss", "amod")
                           and (c.pos_ == "PROPN" or c.text.isupper())), None)
        if owner_name is not None and lemma in DOCUMENT_HEADS:  # "according to IOHC estimates"
            inner = _source_from_phrase(owner_name, history, reason)
            return Source(inner.name, _unique((*inner.aliases, phrase)), inner.kind, reason)
        behind = _proxy_object(head)
        if behind is not None:
            inner = _source_from_phrase(behind, history, reason)
            return Source(inner.name, _unique((*inner.aliases, phrase, full)), inner.kind, reason)
    if lemma in ROLE_NOUNS and not _has_name(span, head) and _is_definite(span):
        resolved = history.resolve(phrase, head)
        if resolved is not None:
            return resolved
    # Only a proper-noun head or a person's role ("the spokesman Abu Obeida") can name a
    # person; any other head makes the phrase a group, whatever names it holds.
    may_be_person = (head.pos_ == "PROPN" or _is_person_role(lemma)) and not _known_body(phrase, history.base)
    person = _person_entity(span, history.base) if may_be_person else None
    if person is None and _is_person_role(lemma):
        # "the government spokesman Patrick Muyaya", the name parsed as an apposition
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                person = _person_entity(child.doc[child.left_edge.i : child.i + 1], history.base)
                break
    if person is not None:
        name = _whole_name(person, head)
        return Source(name, _unique(tuple(a for a in (phrase, full) if a != name)), "person", reason)
    kind = "person" if _is_person_role(lemma) else "group"
    name = POSSESSIVE_END.sub("", LEADING_WORDS.sub("", phrase))
    return Source(name, _unique((phrase, *aliases)), kind, reason)


def _known_body(phrase: str, base: ActorBase) -> bool:
    """ "Hamas", "the IDF", "OCHA": an organisation of the actor base, no person."""
    known = link(phrase, base)
    return known is not None and known.actor.type != "person"


def _has_name(span: Span, head: Token) -> bool:
    """ "the Israeli military" or "the IDF spokesman" names its body; "the spokesman" does not."""
    return head.pos_ == "PROPN" or any(_looks_named(t) for t in span if t.i != head.i)


def _looks_named(token: Token) -> bool:
    """A proper noun, or a capitalised word inside the sentence ("Israeli", "UN")."""
    if token.pos_ == "PROPN":
        return True
    capitalised = token.is_title or (token.is_upper and len(token) > 1)
    return capitalised and token.i > token.sent.start and not token.is_stop


def _core_span(head: Token) -> Span:
    """The subject's words without appositions, relative clauses and adjuncts."""
    doc = head.doc
    left = head.i
    for token in reversed(list(head.lefts)):
        if token.dep_ in CUT_DEPS and token.text not in "-–'’":  # "Al-Shabaab" stays whole
            break
        left = min(left, token.left_edge.i)
    right = head.i
    for token in head.rights:
        if token.dep_ == "prep" and token.lower_ in NAME_PREPS and _names_body(token):
            right = max(right, token.right_edge.i)
            continue
        if token.dep_ in CUT_DEPS or token.dep_ in ("advmod", "npadvmod"):
            break
        right = max(right, token.right_edge.i)
    comma = next((t.i for t in doc[head.i : right + 1] if t.text == ","), None)
    if comma is not None:  # "the U.N. agency for refugees, known as UNRWA": stop at the comma
        right = comma - 1
    while right > left and doc[right].is_punct and doc[right].text not in ")":
        right -= 1
    if doc[left].is_punct:
        left += 1
    return doc[left : right + 1]


def _names_body(prep: Token) -> bool:
    # "Ministry of Health", "MoH in Gaza": part of the name; "on Sunday" is not.
    return any(_looks_named(t) for t in prep.subtree)


def _full_phrase(head: Token) -> str:
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for token in head.rights:
        if token.dep_ in ("relcl", "acl", "punct", "advmod") or (
            token.dep_ == "prep" and token.lower_ not in NAME_PREPS
        ):
            break
        right = max(right, token.right_edge.i)
    return doc[left : right + 1].text.strip(" ,")


def _proxy_object(head: Token) -> Token | None:
    """ "a representative of X", "reports from X", "figures released by X": X."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in PROXY_PREPS:
            for obj in child.children:
                named = _looks_named(obj)
                if obj.dep_ == "pobj" and (named or obj.lemma_.lower() in ROLE_NOUNS | WITNESS_NOUNS):
                    return obj
    return None


def _is_definite(span: Span) -> bool:
    first = span[0].lower_
    return first in DEFINITE_WORDS or span[0].dep_ == "poss"




def _whole_name(person: Span, head: Token) -> str:
    """ "Governor Oleksandr Prokudin": the tagger may give only "Oleksandr"; the name is
    the run of proper nouns around it, titles left out."""
    doc = person.doc
    start, end = person.start, person.end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].lower_.rstrip(".") not in TITLES:
        start -= 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and end <= head.i:
        end += 1
    return doc[start:end].text


def _person_entity(span: Span, base: ActorBase) -> Span | None:
    names = [t for t in span if t.pos_ == "PROPN"]
    # Decided without the recogniser: no proper noun (a name the tagger missed is not worth
    # recognising every sentence for), or one that ends like a body ("Defense Ministry").
    if not names or _names_a_group(names[-1].text):
        return None
    known = link(span.text, base)
    if known is not None:  # the actor base knows who this is: no need to recognise it
        return _name_tokens(span) if known.actor.type == "person" else None
    for ent in entities(span.doc):
        if ent.label_ == "PERSON" and ent.start >= span.start and ent.end <= span.end:
            if _names_a_group(ent[-1].text):
                return None  # "Kyauk Lone Gyi PDF" is a group the tagger took for a person
            return ent
    return None


def _name_tokens(span: Span) -> Span | None:
    """The proper nouns after the last title: "Defense Minister [Yoav Gallant]"."""
    end = max(t.i for t in span if t.pos_ == "PROPN") + 1
    start = end - 1
    while start > span.start and (span.doc[start - 1].pos_ == "PROPN" or span.doc[start - 1].is_title) and (
        span.doc[start - 1].lower_.rstrip(".") not in TITLES
    ):
        start -= 1
    return span.doc[start:end] if span.doc[start].lower_.rstrip(".") not in TITLES else None


def _names_a_group(last_word: str) -> bool:
    return last_word.lower() in ORGANISATION_WORDS or (last_word.isupper() and len(last_word) > 1)


def entity_sources(doc: Doc, base: ActorBase) -> list[Source]:
    """The named people and organisations of a sentence, for later role nouns."""
    found = []
    for ent in entities(doc):
        if ent.label_ == "PERSON" and _person_entity(ent, base) is not None:
            found.append(Source(ent.text, (), "person", "named earlier"))
        elif ent.label_ in ("ORG", "NORP", "GPE"):
            found.append(Source(LEADING_WORDS.sub("", ent.text), (), "group", "named earlier"))
    return found


def source_for(tokens: list[Token], found: list[Reporter], history: SourceHistory) -> Reporter | None:
    """The innermost source above the figure, else a sentence-level one.

    `tokens` are where to start climbing: the number and the word that gives its measure
    ("34 whom the IDF has confirmed dead": the source governs "dead", not "34"). A
    reporting verb on the way wins over "according to", which only relays a source the
    sentence already names ("Ukraine claims …, according to CNN" is Ukraine's).
    """
    verbs = {r.token.i: r for r in found if not r.sentence_level or not _relays(r)}
    accordings = {r.token.i: r for r in found if r.sentence_level and _relays(r)}
    relayed: Reporter | None = None
    for start in tokens:
        for ancestor in (start, *start.ancestors):
            if ancestor.i in verbs and ancestor.i != start.i:
                return verbs[ancestor.i]
            if ancestor.lower_ in RESPONSE_NOUNS and ancestor.dep_ == "pobj" and any(
                t.dep_ == "relcl" for t in start.ancestors
            ):
                # "…, Hezbollah said, in response to Israeli strikes that killed 45": the
                # speaker names the event it answers; the figure is the article's.
                return Reporter(ancestor, AUTHOR_SOURCE_DESCRIBED, False)
            owner = _claim_owner(ancestor)
            if owner is not None:
                return Reporter(ancestor, _source_from_phrase(owner, history, f"'{ancestor.text}' of"), False)
            if relayed is None and ancestor.i in accordings:
                relayed = accordings[ancestor.i]
    if relayed is not None:
        return relayed
    for reporter in found:
        if reporter.sentence_level:
            return reporter
    return None


def _relays(reporter: Reporter) -> bool:
    """ ", according to X" set off by a comma frames the sentence, and only relays a source
    the sentence names; "killed according to witnesses" sits in the clause of the figure."""
    if not reporter.source.reason.startswith("according"):
        return False
    doc = reporter.token.doc
    according = next((t for t in doc if t.lower_ == "according" and t.head.i == reporter.token.i), None)
    if according is None:
        return True
    return according.i == 0 or doc[according.i - 1].is_punct


def _claim_owner(token: Token) -> Token | None:
    """ "Israel's claim to have killed 13,000": the owner of a claim noun is its source."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in CLAIM_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
    return None


AUTHOR_SOURCE_DESCRIBED = Source(AUTHOR, (), "group", "an event the statement responds to: the article's own voice")

REFERS_BACK = re.compile(r"^(" + "|".join(REFERS_BACK_WORDS) + r")(['’]s| is| was| are| were)? (all )?according to\b",
                         re.IGNORECASE)


def names_previous_source(text: str) -> bool:
    """ "That's according to X": a sentence whose source is for the sentence before it."""
    return bool(REFERS_BACK.match(text.strip(" “\"'")))


def links_to_previous(doc: Doc) -> str | None:
    """Why a sentence with no source of its own continues the previous one's, or None."""
    lowered = text_of(doc).lower().lstrip(" “\"'")
    for opener in CONTINUATION_OPENERS:
        if lowered.startswith(opener):
            return f"continues the previous sentence ('{opener}')"
    words = [t for t in doc if not t.is_punct]
    for i, token in enumerate(words[:6]):
        if token.lower_ in OTHERS_WORDS and any(t.like_num for t in words[:i]):
            return "continues the previous sentence ('others')"
        if token.lower_ == "them" and i > 0 and words[i - 1].lower_ == "of":
            return "continues the previous sentence ('of them')"
    if len(words) > 1 and words[0].lower_ == "another" and words[1].like_num:
        return "continues the previous sentence ('another')"
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    also = root is not None and any(c.lower_ == "also" and c.dep_ == "advmod" for c in root.children)
    if root is not None and root.pos_ == "VERB" and also:
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and (subject.pos_ == "PRON" or any(
            c.lower_ in REFERRING_DETERMINERS for c in subject.children if c.dep_ in ("det", "poss")
        )):
            return "continues the previous sentence ('also')"
    for token in doc:
        if (
            token.lemma_.lower() in AGENTLESS_REPORTING
            and token.tag_ == "VBN"
            and any(c.dep_ == "auxpass" for c in token.children)
            and not any(c.dep_ == "agent" for c in token.children)
        ):
            return f"agentless reporting passive '{token.text}'"
    return None
