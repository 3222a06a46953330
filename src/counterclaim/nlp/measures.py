"""What a figure measures: killed, wounded, destroyed … read from the words governing it.

The rule climbs the parse from the counted phrase to the predicate that says what
happened to it, through lexicons of verbs, predicates and nouns (`vocabulary/measures.py`):

1. a predicate on the phrase itself: "30 injured", "twelve others injured";
2. the verb whose object or passive subject it is: "killed 12", "12 were killed";
   a subject-verb ("53 people died"), a copula with a predicate ("were missing",
   "were among the dead"), a result ("left 21 people wounded");
3. a noun that carries the measure: "the deaths of 20", "a toll of 34", "4 fatalities";
4. through "including", "of them", coordination and apposition, the measure of the
   phrase they belong to ("5,087 killed, including 2,055 children").

Where the parse fails on a word order news uses often, a short word-order fallback
looks at the words right after the number ("ten were injured").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from counterclaim.nlp.counted import Counted
from counterclaim.vocabulary.measures import (
    AMONG_PREPS,
    BREAKDOWN_PREPS,
    BREAKDOWN_WORDS,
    CAPTIVE_MEASURES,
    CAPTIVE_NOUNS,
    CAPTIVITY_NOUNS,
    CAPTIVITY_PREPS,
    COPULA_VERBS,
    CURRENCY_SIGNS,
    DEFINITE_DETERMINERS,
    DEMAND_WORDS,
    FIND_VERBS,
    FIRE_WORDS,
    FROM_WORDS,
    HEDGE_WORDS,
    HIT_VERBS,
    HOME_NOUNS,
    HYPOTHETICAL_AUX,
    INCLUDE_OR_NUMBER_VERBS,
    INCLUDE_VERBS,
    LEVEL_PREPS,
    LIST_WORDS,
    LISTED_AS_PREPS,
    NEEDS_PARTICLE,
    NOUN_MEASURES,
    OUT_OF_USE_NOUNS,
    PART_PREPS,
    PART_PRONOUNS,
    PARTICLE_VERBS,
    PEOPLE_ONLY_NOT,
    PREDICATE_MEASURES,
    REASON_PREPS,
    RECOVERY_VERBS,
    REPEATED_ATTACK_VERBS,
    SENTENCE_VERBS,
    SHARE_AID_VERBS,
    SUBJECT_COPULA_VERBS,
    SUBJECT_VERBS,
    TAKE_LIVES_VERBS,
    TARGET_NOUNS,
    THING_MEASURES,
    TOLL_MODIFIERS,
    TOLL_VERBS,
    TOLL_WORDS,
    TRANSPARENT_PREPS,
    VAGUE_COUNTS,
    VERB_MEASURES,
    VICTIM_NOUNS,
)
from counterclaim.vocabulary.sources import REPORTING_VERBS

OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "oprd", "attr", "dative"})
MAX_CLIMB = 8


@dataclass(frozen=True)
class Measure:
    """The measure of a figure and the word that gave it."""

    name: str
    trigger: Token | None
    reason: str
    agent: bool = False  # the counted phrase does the act ("3 jets bombed"): not a count of it
    hypothetical: bool = False


def find_measure(counted: Counted, *, unit: str) -> Measure | None:
    """The measure of the figure whose counted phrase is `counted`, or None.

    The rules, in order (the first that finds a measure gives it):

    1. how often an attack happened ("hit 23 times"): `_repeated_attack`;
    2. a part or total of a breakdown ("out of about 250 abducted", "including 29 confirmed
       dead") keeps a predicate of its own; without one, the caller decides: `_part_or_total`;
    3. a noun the parser joined to the wrong verb, read by the predicate after it: `_misjoined`;
    4. up the parse from the phrase, the role it has at each step: `_climb`;
    5. the word-order and list fallbacks where the parse says nothing: `_fallbacks`.

    Args:
        counted: the counted phrase, from `counted.find_counted`.
        unit: the number's unit; a currency makes aid verbs and nouns apply.
    """
    if counted.kind == "repeat":
        return _repeated_attack(counted)  # step 1
    if counted.denominator or _in_breakdown(counted.nominal):  # step 2
        own = _part_or_total(counted, unit)
        if own is not None or counted.denominator:
            return own
    misjoined = _misjoined(counted)  # step 3
    if misjoined is not None:
        return misjoined
    found, deferred = _climb(counted, unit)  # step 4
    if found is not None:
        return found
    if deferred is not None:
        return _with_hypothetical(deferred, counted.kind)
    return _fallbacks(counted, unit)  # step 5


def _part_or_total(counted: Counted, unit: str) -> Measure | None:
    """Step 2: "out of about 250 abducted", "including 29 confirmed dead": a part or total
    with a predicate of its own keeps it; a total may name its own measure."""
    own = _word_order(counted, counted.kind, adjacent=counted.denominator)
    if own is None and counted.denominator:
        own = _own_total_measure(counted, counted.kind, unit)
    return own


def _misjoined(counted: Counted) -> Measure | None:
    """Step 3: "suffered injuries and three houses and a school were destroyed": a noun the
    parser joined to the wrong verb; read the predicate that follows it."""
    node = counted.nominal
    if node.dep_ == "conj" and node.pos_ in ("NOUN", "PROPN") and node.head.pos_ == "VERB":
        following = _predicate_after(node, counted.kind)
        if following is not None:
            return _with_hypothetical(following, counted.kind)
    return None


def _climb(counted: Counted, unit: str) -> tuple[Measure | None, Measure | None]:
    """Step 4: from the counted phrase up the parse, at most MAX_CLIMB steps, the measure
    its role gives at each (`_by_role`, `_on_phrase`, `_at_preposition`), until a clause
    ends the climb. Returns (the measure found, a list member's own participle, kept for
    when the list as a whole has no verb)."""
    kind = counted.kind
    node = counted.nominal
    deferred: Measure | None = None
    for _ in range(MAX_CLIMB):
        found = _by_role(node, kind, unit)
        if found is None:
            own = _on_phrase(node, kind)
            # A list member's participle ("…, one missile launched by the Houthis") only
            # describes it when the list as a whole has a verb; try that first.
            if own is not None and node.dep_ in ("conj", "appos"):
                deferred = deferred or own
            else:
                found = own
        if found is not None:
            return _with_hypothetical(found, kind), deferred
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ == "pobj":
            found, stop = _at_preposition(counted, node, unit)
            if found is not None:
                return found, deferred
            if stop:
                break
        if _ends_climb(node, head):
            break
        node = head
    return None, deferred


def _at_preposition(counted: Counted, node: Token, unit: str) -> tuple[Measure | None, bool]:
    """A step of the climb from the object of a preposition: (the measure, with whether it
    is hypothetical; whether the climb stops here, at a preposition that is no part of
    the phrase)."""
    kind = counted.kind
    head = node.head
    if head.i == counted.first and head.head.pos_ in ("VERB", "AUX"):
        # "lost over 3,620 soldiers": the parser took the qualifier for a preposition.
        name = _verb(head.head, kind, unit)
        if name:
            return _with_hypothetical(Measure(name, head.head, f"object of '{head.head.text}'"), kind), True
        toll = _toll_subject(head.head)  # "the death toll rose above 44,000"
        if toll is not None:
            return _with_hypothetical(toll, kind), True
    found = _through_preposition(head, kind)
    if found is not None:
        return _with_hypothetical(found, kind), True
    return None, head.lower_ not in TRANSPARENT_PREPS


def _ends_climb(node: Token, head: Token) -> bool:
    """Whether the climb stops at `head`: a verb whose subject or object the node is, which
    said nothing about the measure (the clause ends there). Lists, appositions,
    prepositions and a number's noun are climbed through."""
    if node.dep_ in ("conj", "appos", "pobj", "prep", "npadvmod") or (
        node.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN")
    ):
        return False
    return node.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX")


def _fallbacks(counted: Counted, unit: str) -> Measure | None:
    """Step 5, where the parse gave nothing: a verb right before the number, a funded share,
    the verb of an item list, a measure noun, a predicate right after the phrase."""
    kind = counted.kind
    before = _verb_before(counted, kind, unit)  # "killed at least 20 farmers collecting …"
    if before is not None:
        return _with_hypothetical(before, kind)
    if unit == "percent" and _share_of_money(counted):
        return Measure("aid", counted.head, "a share of a sum of money")
    listed = _list_verb(counted, kind, unit)  # "destroyed 6 positions, 3 BM-21 launchers, …"
    if listed is not None:
        return _with_hypothetical(listed, kind)
    noun = _noun_measure(counted.head, unit) or _noun_measure(counted.nominal, unit)
    if noun is not None:
        return _with_hypothetical(noun, kind)
    return _word_order(counted, kind)


# Parts of speech that may stand between a list's verb and a later item of the list:
# numbers, nouns and their modifiers, "and"; the words are LIST_WORDS.
LIST_POS = frozenset({"NUM", "NOUN", "PROPN", "ADJ", "CCONJ", "DET", "SYM", "X", "PART"})
MAX_LIST = 40


def _list_verb(counted: Counted, kind: str, unit: str) -> Measure | None:
    """The verb of an item list, carried to its later items however the parser hung them:
    "captured two 105mm howitzers, 42 machine guns and 1.2 million rounds of ammunition",
    "seized 11 others, along with two anti-aircraft guns".

    Only for things (a count of people has a clause of its own) that are no subject, and
    only across list words: any other verb, a semicolon or a full stop ends the list.
    """
    if kind not in ("thing", "unknown") or counted.nominal.dep_ in ("nsubj", "nsubjpass", "attr", "ROOT"):
        return None
    doc = counted.nominal.doc
    for i in range(counted.first - 1, max(-1, counted.first - 1 - MAX_LIST), -1):
        token = doc[i]
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            if token.lower_ in LIST_WORDS:
                continue  # "including", parsed as a verb
            name = _verb(token, "thing" if kind == "unknown" else kind, unit)
            return Measure(name, token, f"item of the list of '{token.text}'") if name else None
        if token.pos_ in LIST_POS or token.lower_ in LIST_WORDS or (token.pos_ == "ADV" and token.i > 0):
            continue
        return None
    return None


def _share_of_money(counted: Counted) -> bool:
    """ "16% of the $2.6 billion sought", "25% of the $190 million it needs": a funded share."""
    if not counted.via_of or counted.head is None:
        return False
    return any(t.tag_ == "$" or t.text in CURRENCY_SIGNS for t in counted.head.subtree)


def share_measure(counted: Counted, *, unit: str) -> Measure | None:
    """A share of a place, a group or things that no word measures: "about 85% of
    Port-au-Prince", "62% of schools remain closed": measure "other"."""
    if unit != "percent" or not counted.via_of or counted.head is None:
        return None
    if counted.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return Measure("other", counted.head, f"a share of '{counted.head.text}'")


def share_of_earlier(counted: Counted, *, unit: str) -> bool:
    """ "women and children made up 40% of the victims": a share of the figure just given."""
    head = counted.head
    if unit != "percent" or not counted.via_of or head is None:
        return False
    definite = any(c.lower_ in DEFINITE_DETERMINERS for c in head.children if c.dep_ == "det")
    return definite and head.lemma_.lower() in VICTIM_NOUNS


def _own_total_measure(counted: Counted, kind: str, unit: str) -> Measure | None:
    """The total of "N out of M" as a claim of its own where it names its measure: "9 out
    of 10 attacks it investigated", "52 of the 60 missiles Russia fired" (both numbers)."""
    head = counted.head
    if head is None:
        return None
    for child in head.children:
        if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB" and child.lemma_.lower() not in REPORTING_VERBS:
            name = _verb(child, kind, unit)
            if name:
                return Measure(name, child, f"total '{head.text} … {child.text}'")
    noun = _noun_measure(head, unit)
    return noun if noun is not None and noun.name == "attacks" else None


def _repeated_attack(counted: Counted) -> Measure | None:
    """ "its positions were hit 23 times", "shelled the village 40 times overnight": how
    often an attack verb happened counts attacks; how often anything else did, nothing."""
    node = counted.nominal
    for _ in range(2):  # "40 times overnight": the number hangs from the adverb
        if node.head.pos_ == "VERB" or node.head.i == node.i:
            break
        node = node.head
    verb = node.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in REPEATED_ATTACK_VERBS:
        return None
    return Measure("attacks", verb, f"'{counted.phrase}' of the attack verb '{verb.text}'")


def other_measure(counted: Counted) -> Measure | None:
    """A count of people that is an argument of its clause but says nothing of killing,
    capture or flight ("260,000 civilians remain trapped"): measure "other".

    Not the sources of a report ("two officers told AFP") nor the parts of a list whose
    total the sentence counts ("included 11 children": the caller gives the total's).
    """
    if counted.kind != "people" or counted.head is None:
        return None
    role = counted.nominal.dep_
    verb = counted.nominal.head
    if verb.dep_ in ("relcl", "acl"):  # a description of the group, not a statement
        return None
    if verb.lemma_.lower() in REPORTING_VERBS | INCLUDE_VERBS:
        return None
    if role in ("nsubj", "nsubjpass", "dobj") and verb.pos_ in ("VERB", "AUX"):
        return Measure("other", counted.nominal.head, f"people counted by '{counted.nominal.head.text}'")
    return None


def part_of_total(counted: Counted) -> bool:
    """A part of a figure given just before, which takes that figure's measure: "including
    2,055 children", "among them 5 women", "eight of them", "two of whom"."""
    if counted.via_of and counted.head is not None and counted.head.lower_ in PART_PRONOUNS:
        return True
    node = counted.nominal
    if node.dep_ == "dobj" and node.head.lemma_.lower() in INCLUDE_VERBS:
        return True
    for sibling in node.head.children:  # "Among them were eight children"
        pronoun = any(o.lower_ in PART_PRONOUNS for o in sibling.children)
        if sibling.dep_ == "prep" and sibling.lower_ in PART_PREPS and pronoun:
            return True
        # "Of the 7.2 million people displaced, 4.9 million are in North Kivu"
        total = any(o.dep_ == "pobj" and any(g.dep_ == "nummod" for g in o.children) for o in sibling.children)
        copula = node.head.lemma_.lower() == "be"  # "…, 97 remain in Gaza" has a measure of its own
        of_total = sibling.dep_ == "prep" and sibling.lower_ == "of" and sibling.i < node.i and total
        if of_total and node.like_num and copula:
            return True
    for _ in range(3):
        if node.lower_ in BREAKDOWN_WORDS:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def restates_figure(counted: Counted) -> bool:
    """ "put the figure at 41", "the number rose to 60": a restated figure with no measure
    word of its own, which takes the measure of the figure it restates."""
    node = counted.nominal
    if node.dep_ != "pobj" or node.head.lower_ not in LEVEL_PREPS:
        return False
    verb = node.head.head
    return any(c.lemma_.lower() in TOLL_WORDS for c in verb.children if c.dep_ in ("dobj", "nsubj"))


def _on_phrase(node: Token, kind: str) -> Measure | None:
    """A predicate attached to the phrase: "30 injured", "others injured", "teachers killed"."""
    for child in node.rights:
        if child.dep_ in ("acl", "amod", "relcl") and child.tag_ in ("VBN", "JJ"):
            name = _predicate(child, kind)
            if name:
                return Measure(name, child, f"participle '{child.text}'")
            # "29 confirmed to be deceased", "12 believed to be dead"
            for grandchild in child.subtree:
                if grandchild.dep_ in ("acomp", "attr", "oprd", "xcomp") and grandchild.i > child.i:
                    name = _predicate(grandchild, kind)
                    if name:
                        return Measure(name, grandchild, f"predicate '{grandchild.text}'")
    return None


def _by_role(node: Token, kind: str, unit: str) -> Measure | None:
    """The measure the node's role in its clause gives: captives "rescued" or "alive", the
    object of a verb (`_as_object`), its subject (`_as_subject`), a share "41% funded"."""
    captive = _captive_measure(node)
    if captive is not None:
        return captive
    head = node.head
    if head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        head = head.head  # "11 others were missing", with the subject hung on "were"
    if head.i == node.i or (head.pos_ not in ("VERB", "AUX", "ADJ") and not head.tag_.startswith("VB")):
        return None
    dep = node.dep_
    if dep == "npadvmod" and head.tag_ in ("VBZ", "VBD") and node.i > head.i:
        dep = "dobj"  # headlines: "Shelling kills 14 in Kharkiv", with "kills" parsed as a noun
    if dep == "npadvmod" and unit == "percent" and head.tag_ in ("VBN", "JJ") and node.i < head.i:
        name = _predicate(head, kind) or _verb(head, kind, unit)  # "is only 41% funded"
        if name:
            return Measure(name, head, f"share '{head.text}'")
    if dep in OBJECT_DEPS or (dep == "pobj" and head.dep_ == "agent"):
        return _as_object(node, head, dep, kind, unit)
    if dep == "nsubj":
        return _as_subject(head, kind, unit)
    return None


def _as_object(node: Token, head: Token, dep: str, kind: str, unit: str) -> Measure | None:
    """The node is the object (or passive subject) of `head`: a result predicate, "claimed
    … lives", the verb itself, the subject of "included", "listed as", a copula, a toll."""
    lemma = head.lemma_.lower()
    result = _result_of(node, head, kind)
    if result is not None:
        return result
    if node.lemma_.lower() == "life" and lemma in TAKE_LIVES_VERBS and dep == "dobj":
        return Measure("killed", head, f"'{head.text} … lives'")  # "claimed more than 512,000 lives"
    by_verb = _object_verb(node, head, dep, kind, unit)
    if by_verb is not None:
        return by_verb
    if lemma in INCLUDE_OR_NUMBER_VERBS and dep == "dobj":
        included = _included(head, kind)
        if included is not None:
            return included
    listed = _listed_as(head, kind)
    if listed is not None:
        return listed
    if dep == "attr" or lemma in COPULA_VERBS:
        return _copula(head, kind)
    return _toll_subject(head)


def _result_of(node: Token, head: Token, kind: str) -> Measure | None:
    """ "left 21 people wounded", "forced 40,000 to flee": the result predicate names the
    measure; "treated 200 people for injuries": the noun of the reason does."""
    for child in head.children:
        if child.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and child.i > node.i:
            name = _predicate(child, kind) or SUBJECT_VERBS.get(child.lemma_.lower())
            if name:
                return Measure(name, child, f"result '{child.text}'")
        if child.dep_ == "prep" and child.lower_ in REASON_PREPS and kind != "thing":
            for obj in child.children:
                if NOUN_MEASURES.get(obj.lemma_.lower()) == "wounded":
                    return Measure("wounded", obj, f"'{child.text} {obj.text}'")
    return None


def _object_verb(node: Token, head: Token, dep: str, kind: str, unit: str) -> Measure | None:
    """The measure of the verb whose object the node is: "killed 12", "forced from their
    homes", "put out of action", "hit 3 ammunition depots" (destroyed)."""
    lemma = head.lemma_.lower()
    name = _verb(head, kind, unit) or _displaced_from_home(head) or _out_of_action(head)
    if name == "attacks" and lemma in HIT_VERBS and kind == "thing" and (
        node.lemma_.lower() not in TARGET_NOUNS
    ):
        name = "destroyed"  # "hit 3 ammunition depots"; "struck 120 targets" stays attacks
    if name and lemma == "lose":
        # "lost 76,000 servicemen killed and wounded": the participle says how
        described = _on_phrase(node, kind)
        if described is not None:
            return described
    return Measure(name, head, f"{dep} of '{head.text}'") if name else None


def _included(head: Token, kind: str) -> Measure | None:
    """ "The dead included 11 children", "those killed included …": the subject of
    "included" names the measure."""
    for subject in head.children:
        if subject.dep_ == "nsubj":
            found = PREDICATE_MEASURES.get(subject.lower_) or NOUN_MEASURES.get(subject.lemma_.lower())
            if found and found not in ("attacks", "aid"):
                return Measure(found, subject, f"'{subject.text} {head.text}'")
            described = _on_phrase(subject, kind)
            if described is not None:
                return described
    return None


def _listed_as(head: Token, kind: str) -> Measure | None:
    """ "were listed as missing", "are counted among the dead"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in LISTED_AS_PREPS:
            for obj in child.children:
                name = _predicate(obj, kind) or NOUN_MEASURES.get(obj.lemma_.lower())
                if name and obj.dep_ in ("pobj", "pcomp", "amod", "acomp"):
                    return Measure(name, obj, f"'{child.text} {obj.text}'")
    return None


def _as_subject(head: Token, kind: str, unit: str) -> Measure | None:
    """The node is the subject of `head`: an elliptical passive ("100 homes burned"), a
    predicate parsed as the verb ("140 are missing"), "crossed into" a country, a verb of
    its own ("53 people died"), a copula; else the doer of a measure verb (agent)."""
    passive = _elliptical_passive(head, kind, unit)
    if passive is not None:
        return passive
    if head.lower_ in PREDICATE_MEASURES and head.tag_ in ("VBG", "JJ"):
        # "140 are missing", parsed with "missing" as the verb.
        return Measure(PREDICATE_MEASURES[head.lower_], head, f"predicate '{head.text}'")
    lemma = head.lemma_.lower()
    into = any(c.dep_ == "prep" and c.lower_ == "into" for c in head.children)
    if lemma == "cross" and kind == "people" and into:  # "70,000 Sudanese have crossed into Chad"
        return Measure("displaced", head, f"subject of '{head.text} into'")
    if lemma in SUBJECT_VERBS and not (kind == "thing" and SUBJECT_VERBS[lemma] == "missing"):
        return Measure(SUBJECT_VERBS[lemma], head, f"subject of '{head.text}'")
    if lemma in SUBJECT_COPULA_VERBS:
        return _copula(head, kind) or _suffered(head)
    if _verb(head, kind, unit):
        return Measure("other", head, f"agent of '{head.text}'", agent=True)
    return None


def _elliptical_passive(head: Token, kind: str, unit: str) -> Measure | None:
    """ "… and at least 100 homes burned": an elliptical passive, unless a later "have been
    released" with no subject shows the parser took a participle ("123 hostages out of 250
    abducted … have been released") for the verb."""
    if head.tag_ != "VBN" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children):
        return None
    main = _later_passive(head)
    verb = main if main is not None else head
    name = _verb(verb, kind, unit)
    return Measure(name, verb, f"subject of passive '{verb.text}'") if name else None


def _displaced_from_home(verb: Token) -> str | None:
    """ "forced from their homes", "driven out of their villages"; bodies "recovered from a
    destroyed house" are not."""
    if verb.lemma_.lower() in RECOVERY_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in FROM_WORDS:
            for obj in child.subtree:
                if obj.lemma_.lower() in HOME_NOUNS:
                    return "displaced"
    return None


def _out_of_action(verb: Token) -> str | None:
    """ "put out of action", "knocked out of service": equipment destroyed."""
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.lower_ == "out" and any(
            t.lower_ in OUT_OF_USE_NOUNS for t in child.subtree
        ):
            return "destroyed"
    return None


def _later_passive(participle: Token) -> Token | None:
    for token in participle.doc[participle.i + 1 :]:
        if token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children) and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children
        ):
            return token
    return None


def _captive_measure(node: Token) -> Measure | None:
    """ "four hostages were rescued", "24 hostages are alive": only for captives."""
    if node.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    # "Fifty-nine hostages remain …, of whom at least 24 are alive": a bare number counts
    # the captives its sentence names.
    about_captives = node.lemma_.lower() in CAPTIVE_NOUNS or (
        node.like_num and any(t.lemma_.lower() in CAPTIVE_NOUNS for t in node.doc)
    )
    if not about_captives:
        return None
    verb = node.head
    name = CAPTIVE_MEASURES.get(verb.lemma_.lower())
    if name is None:
        predicates = [c for c in verb.children if c.dep_ in ("acomp", "attr")]
        name = next((CAPTIVE_MEASURES[p.lower_] for p in predicates if p.lower_ in CAPTIVE_MEASURES), None)
    return Measure(name, verb, f"'{verb.text}' of captives") if name else None


def _copula(verb: Token, kind: str) -> Measure | None:
    """ "were missing", "remain trapped", "were among the dead", "is around 1,200" (toll)."""
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "xcomp", "oprd"):
            name = _predicate(child, kind)
            if name:
                return Measure(name, child, f"predicate '{child.text}'")
        if child.dep_ == "prep" and child.lower_ in AMONG_PREPS:
            for obj in child.children:
                name = PREDICATE_MEASURES.get(obj.lower_) or NOUN_MEASURES.get(obj.lemma_.lower())
                if name:
                    return Measure(name, obj, f"among '{obj.text}'")
                described = _on_phrase(obj, kind)  # "among those killed were …"
                if described is not None:
                    return described
        if child.dep_ == "prep" and child.lower_ in CAPTIVITY_PREPS:
            for obj in child.children:  # "remain in captivity", "are still behind bars"
                if obj.lemma_.lower() in CAPTIVITY_NOUNS:
                    return Measure("held", obj, f"in '{obj.text}'")
    return _toll_subject(verb)


def _toll_subject(verb: Token) -> Measure | None:
    """ "the toll stood at 104", "losses reached 60", "the death toll is around 1,200"."""
    if verb.lemma_.lower() not in TOLL_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            name = _toll(child) or NOUN_MEASURES.get(child.lemma_.lower())
            if name in ("killed", "wounded", "killed_or_wounded", "displaced", "held",
                        "missing", "captured"):
                return Measure(name, child, f"'{child.text} … {verb.text}'")
    return None


def _suffered(verb: Token) -> Measure | None:
    """ "five others sustained injuries": the object names the measure."""
    for child in verb.children:
        if child.dep_ == "dobj" and NOUN_MEASURES.get(child.lemma_.lower()) == "wounded":
            return Measure("wounded", child, f"object '{child.text}'")
        if child.dep_ == "dobj" and child.lemma_.lower() == "damage":
            return Measure("destroyed", child, f"object '{child.text}'")
    return None


def _through_preposition(prep: Token, kind: str) -> Measure | None:
    """ "the deaths of 20 fighters", "the lives of 23", "toll to 34", "amounted to 5,390"."""
    owner = prep.head
    if prep.lower_ == "to" and owner.lemma_.lower() == "set" and any(
        c.lower_ in FIRE_WORDS for c in owner.children
    ):
        return Measure("destroyed", owner, "'set fire to'")
    if prep.lower_ == "at" and owner.tag_ == "VBN" and owner.dep_ in ("acl", "amod"):
        name = _predicate(owner, kind)
        if name:  # "the number of civilians killed at 803"
            return Measure(name, owner, f"'{owner.text} at'")
    if prep.lower_ in LEVEL_PREPS:
        return _toll_reached(prep, kind)
    if prep.lower_ == "of" and owner.pos_ in ("NOUN", "PROPN"):
        return _noun_of(owner)
    return None


def _toll_reached(prep: Token, kind: str) -> Measure | None:
    """ "bringing the toll from the strike to 46", "losses stood at 60": the subject or
    object before "to"/"at" that names a toll (the parser may hang "to" on a noun)."""
    owner = prep.head
    for verb in (owner, *list(owner.ancestors)[:3]):
        for child in verb.children:
            if child.dep_ in ("nsubj", "dobj", "nsubjpass") and child.i < prep.i:
                name = _toll(child) or NOUN_MEASURES.get(child.lemma_.lower())
                if name:
                    return Measure(_for_kind(name, kind), child, f"'{child.text} … {prep.text}'")
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("acl", "relcl", "amod"):
            break
    if owner.lemma_.lower() in TOLL_WORDS:
        name = _toll(owner)
        if name:
            return Measure(name, owner, f"toll '{owner.text}'")
    return None


def _noun_of(owner: Token) -> Measure | None:
    """ "the lives of 23", "the deaths of 20 fighters", "the release of 33" (demanded: held)."""
    lemma = owner.lemma_.lower()
    if lemma == "life":
        return Measure("killed", owner, "'the lives of'")
    if lemma == "release" and _demanded(owner):
        return Measure("held", owner, "release demanded")
    name = NOUN_MEASURES.get(lemma)
    if name and name not in ("attacks", "aid"):
        return Measure(name, owner, f"'{owner.text} of'")
    return None


def _verb(verb: Token, kind: str, unit: str) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma in REPORTING_VERBS and lemma not in VERB_MEASURES:
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "oprd")}
    particles |= {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    if lemma not in SENTENCE_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "death" for g in c.children)
        for c in verb.children
    ):
        return "killed"  # "hacked to death", "beaten to death"
    for (base, particle), with_particle in PARTICLE_VERBS.items():
        if lemma == base and particle in particles:
            return with_particle
    if lemma in NEEDS_PARTICLE:
        return None
    name = VERB_MEASURES.get(lemma)
    if name is None:
        return None
    if name == "aid" and unit in ("count", "percent") and not (unit == "percent" and lemma in SHARE_AID_VERBS):
        return None
    if kind == "people" and lemma in PEOPLE_ONLY_NOT | FIND_VERBS:
        return None
    if lemma in FIND_VERBS and kind not in ("thing", "unknown"):
        return None
    if kind in ("thing", "unit"):
        return THING_MEASURES.get(lemma, name)
    return name


def _for_kind(name: str, kind: str) -> str:
    # Losses of tanks and vehicles are equipment destroyed, not casualties.
    if kind == "thing" and name in ("killed", "killed_or_wounded"):
        return "destroyed"
    return name


def _predicate(token: Token, kind: str) -> str | None:
    name = PREDICATE_MEASURES.get(token.lower_) or PREDICATE_MEASURES.get(token.lemma_.lower())
    if name is None and token.tag_ == "VBN":
        name = _verb(token, kind, "count")
    if name is None and token.lower_ == "deceased":
        name = "killed"
    return name


def _toll(token: Token) -> str | None:
    """The measure a toll counts: "death toll", "the toll of dead and wounded"."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            name = TOLL_MODIFIERS.get(child.lemma_.lower())
            if name:
                return name
        if child.dep_ == "prep" and child.lower_ == "of":
            found |= {PREDICATE_MEASURES.get(t.lower_, "") for t in child.subtree}
        if child.dep_ == "conj":  # "the toll of dead and wounded", parsed as a list
            found.add(PREDICATE_MEASURES.get(child.lower_, ""))
    found.discard("")
    if {"killed", "wounded"} <= found:
        return "killed_or_wounded"
    if len(found) == 1:
        return found.pop()
    if token.lemma_.lower() == "toll":
        return "killed"
    return None


def _noun_measure(token: Token | None, unit: str) -> Measure | None:
    if token is None:
        return None
    lemma = token.lemma_.lower()
    if lemma in TOLL_WORDS:
        name = _toll(token)
        return Measure(name, token, f"toll '{token.text}'") if name else None
    name = NOUN_MEASURES.get(lemma) or NOUN_MEASURES.get(token.lower_)
    if name == "aid" and unit in ("count", "percent"):
        name = None
    if name is None and unit not in ("count", "percent"):
        for child in token.children:
            if child.dep_ in ("compound", "amod") and NOUN_MEASURES.get(child.lemma_.lower()) == "aid":
                name = "aid"
    if name is None:
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.lemma_.lower() in TOLL_MODIFIERS:
                name = TOLL_MODIFIERS[child.lemma_.lower()]
            elif child.dep_ == "amod" and child.lower_ in PREDICATE_MEASURES and child.i < token.i:
                name = PREDICATE_MEASURES[child.lower_]  # "320 wounded people"
    return Measure(name, token, f"noun '{token.text}'") if name else None


def _verb_before(counted: Counted, kind: str, unit: str) -> Measure | None:
    """A word-order fallback: a measure verb right before the number is its verb."""
    if counted.first == 0:
        return None
    verb = counted.nominal.doc[counted.first - 1]
    if not verb.tag_.startswith("VB"):
        return None
    name = _verb(verb, kind, unit)
    return Measure(name, verb, f"word order '{verb.text}'") if name else None


def _predicate_after(node: Token, kind: str) -> Measure | None:
    doc = node.doc
    for token in doc[node.i + 1 : node.i + 8]:
        if token.lower_ in HEDGE_WORDS or token.pos_ in ("CCONJ", "DET", "ADJ", "NOUN", "NUM"):
            continue
        if token.tag_ in ("VBN", "JJ"):
            name = _predicate(token, kind)
            if name:
                return Measure(name, token, f"word order '{token.text}'")
        return None
    return None


def _in_breakdown(node: Token) -> bool:
    return node.dep_ == "pobj" and node.head.lower_ in BREAKDOWN_PREPS


def _word_order(counted: Counted, kind: str, *, adjacent: bool = False) -> Measure | None:
    """ "ten were injured", "29 confirmed to be deceased": a predicate just after the phrase.

    With `adjacent`, only a participle right after the phrase counts ("of 250 abducted"):
    a later verb ("… 2.1 million people have been displaced") belongs to the whole clause.
    """
    doc = counted.nominal.doc
    last = max(counted.nominal.i, counted.head.i if counted.head is not None else 0)
    for i in range(last + 1, min(last + 6, len(doc))):
        token = doc[i]
        if token.lower_ in HEDGE_WORDS and not adjacent:
            continue
        if token.tag_ in ("VBN", "JJ", "VBD"):
            name = _predicate(token, kind)
            if name:
                return Measure(name, token, f"word order '{token.text}'")
        break
    return None


def _demanded(token: Token) -> bool:
    return any(ancestor.lemma_.lower() in DEMAND_WORDS for ancestor in token.ancestors)


def _with_hypothetical(measure: Measure, kind: str = "") -> Measure:
    measure = _combined(measure)
    if kind == "thing" and measure.name in ("killed", "killed_or_wounded"):
        # "losses include 369 airplanes", "lost four tanks": equipment is destroyed.
        measure = Measure("destroyed", measure.trigger, measure.reason, measure.agent, measure.hypothetical)
    trigger = measure.trigger
    if trigger is None:
        return measure
    for token in (trigger, *list(trigger.ancestors)[:2]):
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in token.children):
            return Measure(measure.name, trigger, measure.reason, measure.agent, True)
    return measure


CASUALTY_PAIR = frozenset({"killed", "wounded"})


def _combined(measure: Measure) -> Measure:
    """ "killed or injured 60%", "150 children killed or maimed": one combined figure.

    Two casualty verbs joined by "or"/"and" that share one object make one
    killed_or_wounded figure; "killed 5 and wounded 12" keeps two, each with its object.
    """
    trigger = measure.trigger
    if trigger is None or measure.name not in CASUALTY_PAIR or trigger.pos_ not in ("VERB", "ADJ"):
        return measure
    # A later verb with its own auxiliary ("…, and 15,273 have been injured") is a clause of
    # its own, not a pair with this one.
    partners = [c for c in trigger.children if c.dep_ == "conj"
                and not any(a.dep_ in ("aux", "auxpass") for a in c.children)]
    if trigger.dep_ == "conj":
        partners.append(trigger.head)
    for partner in partners:
        other = PREDICATE_MEASURES.get(partner.lower_) or VERB_MEASURES.get(partner.lemma_.lower())
        if other in CASUALTY_PAIR and other != measure.name and not _has_own_object(partner, trigger):
            return Measure("killed_or_wounded", trigger, f"'{trigger.text}' with '{partner.text}'",
                           measure.agent, measure.hypothetical)
    return measure


def _has_own_object(verb: Token, other: Token) -> bool:
    """Whether `verb` has a figure of its own, apart from the one `other` governs.

    "killed 5 and wounded 12" and "1,450 people killed and 3,900 wounded" give each verb its
    own figure; in "killed or injured 60%" only one of them has one.
    """
    mine = {t.i for t in verb.subtree}
    theirs = {t.i for t in other.subtree} - mine
    own = [t for t in verb.subtree if t.i not in theirs and (t.pos_ == "NUM" or t.lower_ in VAGUE_COUNTS)]
    own += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i not in theirs]
    # "12 soldiers were killed and an unknown number wounded": a subject of its own
    own += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in theirs and c.i > other.i]
    if verb.i in {t.i for t in other.ancestors}:  # verb heads other: other's part is not mine
        own = [t for t in own if t.i not in {x.i for x in other.subtree}]
    if verb.dep_ in ("acl", "amod", "relcl"):
        own += [t for t in verb.head.children if t.pos_ == "NUM" or t.dep_ == "nummod"]
    return bool(own)
