"""What a number counts: the noun phrase it quantifies, read from the parse.

"14,000 Hamas terrorists" counts terrorists; "dozens of soldiers", "two of its soldiers"
and "20 out of 24 battalions" count through "of"; "more than 74,000 have been wounded"
counts nothing named (the number stands alone and is the clause's argument itself).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from counterclaim.nlp.pipeline import entity_type
from counterclaim.vocabulary.counted import MEASUREMENT_UNITS, PEOPLE_NOUNS, THING_NOUNS
from counterclaim.vocabulary.measures import PREDICATE_MEASURES, REPEAT_NOUNS
from counterclaim.vocabulary.names import DEMONYMS

# "half of the 2,000 detainees", "most of the 300 houses": the number is the whole.
PART_WORDS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "most", "majority"})
ATTACHING_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "det", "npadvmod"})
PERSON_LABELS = frozenset({"NORP", "PERSON"})


@dataclass(frozen=True)
class Counted:
    """The counted phrase of one number.

    `nominal` is the token that fills the number's role in its clause (the head noun, or
    the number itself when it stands alone); `head` is the counted noun (None when the
    number stands alone); `phrase` is the counted phrase in the article's words.
    """

    nominal: Token
    head: Token | None
    phrase: str
    kind: str  # "people", "thing", "unit" (a measurement: days, km), "repeat" (times) or "unknown"
    via_of: bool = False  # "two of them", "dozens of soldiers"
    first: int = 0  # the index of the number's first token
    denominator: bool = False  # the total in "20 out of 24": not a claim of its own


def find_counted(number_tokens: Span) -> Counted:
    """The phrase counted by the number whose tokens are `number_tokens`.

    Args:
        number_tokens: the tokens of one number expression ("more than 5,390"), in a
            parsed sentence.
    """
    anchor = _anchor(number_tokens)
    first = number_tokens.start
    inside = {t.i for t in number_tokens}
    node = anchor
    # The number's own tokens ("more than", "$", "billion") hang off each other first.
    while node.head.i in inside and node.head.i != node.i:
        node = node.head
    head = node.head
    if (
        node.dep_ in ATTACHING_DEPS
        and head.i not in inside
        and head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")
        and head.i > anchor.i
    ):
        return Counted(node.head, head, _phrase(number_tokens, head), _kind(head),
                       first=first, denominator=_is_denominator(node.head, first))
    of_object = _of_object(node)
    if of_object is not None:
        return Counted(node, of_object, _phrase_of(of_object), _kind(of_object), via_of=True,
                       first=first)
    following = _noun_after(anchor)
    if following is not None:
        return Counted(following, following, _phrase(number_tokens, following), _kind(following),
                       first=first)
    return Counted(node, None, "", "unknown", first=first,
                   denominator=_is_denominator(node, first))


def _is_denominator(nominal: Token, first: int) -> bool:
    """ "20 out of 24 battalions", "34 of 42 drones", "90% of Gaza's 2.1 million people": the
    second number is the total the first is part of, not a claim of its own."""
    doc = nominal.doc
    i = first - 1
    while i >= 0 and (doc[i].dep_ in ("poss", "case", "det") or doc[i].tag_ == "POS"):
        i -= 1
    if i < 0 or doc[i].lower_ != "of":
        return False
    if i >= 1 and doc[i - 1].lower_ == "out":
        return True
    return i >= 1 and (doc[i - 1].like_num or doc[i - 1].text == "%" or doc[i - 1].lower_ in PART_WORDS)


def _anchor(number_tokens: Span) -> Token:
    for token in reversed(number_tokens):
        if not token.is_punct or token.text == "%":
            return token
    return number_tokens[-1]


def _of_object(node: Token) -> Token | None:
    """The object of "of" or "out of" after a number that stands as a noun."""
    for child in node.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "out"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return _of_object(grandchild) or grandchild
                if grandchild.dep_ == "prep" and grandchild.lower_ == "of":
                    objects = [g for g in grandchild.children if g.dep_ == "pobj"]
                    if objects:
                        return _of_object_from_number(objects[0])
    return None


def _of_object_from_number(token: Token) -> Token:
    # "20 out of 24 battalions": the object of "out of" is itself a number; count its noun.
    if token.like_num and token.head.i != token.i:
        for child in token.children:
            if child.pos_ in ("NOUN", "PROPN"):
                return child
        if token.dep_ == "nummod":
            return token.head
    return token


def _noun_after(anchor: Token) -> Token | None:
    """A misparse fallback: the noun right after the number ("5,390 servicepeople")."""
    doc = anchor.doc
    for i in range(anchor.i + 1, min(anchor.i + 5, len(doc))):
        token = doc[i]
        if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in PEOPLE_NOUNS | THING_NOUNS:
            return token
        if token.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV") or token.lower_ in PREDICATE_MEASURES:
            return None
    return None


def _phrase(number_tokens: Span, head: Token) -> str:
    doc = head.doc
    start = number_tokens.end
    if head.i < start:
        return head.text
    return doc[start : head.i + 1].text.strip(" ,")


def _phrase_of(head: Token) -> str:
    left = min((t.i for t in head.lefts if t.dep_ in ("amod", "compound", "nmod")), default=head.i)
    return head.doc[left : head.i + 1].text


def _kind(head: Token) -> str:
    lemma = head.lemma_.lower()
    if lemma == "round" and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return "thing"  # "1,830 rounds of 7.62mm ammunition"
    if head.lower_ == "others":
        antecedent = _antecedent(head)  # "destroyed 23 combat vehicles … and seized 11 others"
        if antecedent is not None and _kind(antecedent) == "thing":
            return "thing"
    if lemma in MEASUREMENT_UNITS or head.lower_ in MEASUREMENT_UNITS:
        return "unit"
    if lemma in REPEAT_NOUNS or head.lower_.removesuffix("s") in REPEAT_NOUNS:
        return "repeat"
    if lemma in PEOPLE_NOUNS or head.lower_ in PEOPLE_NOUNS:
        return "people"
    if head.is_title and (_is_demonym(head.lower_) or entity_type(head) in PERSON_LABELS):  # "Palestinians"
        return "people"
    if lemma in THING_NOUNS or head.lower_ in THING_NOUNS:
        return "thing"
    if lemma.endswith(("man", "men", "ist", "ian", "eer", "ier")):
        return "people"
    return "unknown"


def _antecedent(others: Token) -> Token | None:
    """The counted noun that "others" follows in its sentence: the nearest noun before it
    with a number of its own."""
    for token in reversed(others.doc[others.sent.start : others.i]):
        if token.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "nummod" for c in token.children):
            return token
    return None


def _is_demonym(word: str) -> bool:
    return word in DEMONYMS or word.removesuffix("s") in DEMONYMS or word.removesuffix("is") + "i" in DEMONYMS
