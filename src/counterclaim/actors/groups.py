"""Who a claim counts: "Hamas fighters" and "militants of Hamas" are combatants of Hamas,
"Israeli troops" and "IDF soldiers" military personnel of Israel, "civilians in Gaza"
civilians.

The group is a category from the head noun of the counted phrase (combatants, civilians,
captives, children, ...) and, where the phrase names one, the actor it belongs to: an
actor of the base named in the phrase, or the state of a demonym ("Israeli", "Russian").
An armed wing or a unit counts as the organisation it belongs to (`member_of`, followed
to the top), so the Qassam Brigades' fighters and Hamas's fighters are one group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counterclaim.actors.base import ActorBase
from counterclaim.actors.names import plain, slug
from counterclaim.model import Actor
from counterclaim.vocabulary.names import DEMONYMS

# Each side counts the other's dead with its own words: soldiers and troops are a state's
# forces, fighters and militants an armed group's. Keeping the two apart keeps a bare
# "180 fighters" from joining another side's "Kalvanian soldiers" (compare.py).
CATEGORIES = {
    "military personnel": """soldier troop trooper serviceman servicemen servicewoman personnel
        conscript reservist paratrooper marine officer sniper""",
    "combatants": """fighter militant terrorist operative gunman gunmen rebel insurgent jihadist
        combatant mercenary commander guerrilla militiaman militiamen""",
    "civilians": "civilian resident villager passer-by bystander worshipper",
    "children": "child children minor boy girl infant baby",
    "women": "woman women",
    # Hostages are counted by who holds them, prisoners by who they are: two kinds.
    "hostages": "hostage captive abductee",
    "prisoners": "prisoner detainee inmate pow",
    "aid and health workers": "aid-worker medic paramedic doctor nurse rescuer volunteer",
    "refugees": "refugee asylum-seeker",
    "journalists": "journalist reporter photographer cameraman",
}
CATEGORY_OF = {word: category for category, words in CATEGORIES.items() for word in words.split()}
MAX_NAME_WORDS = 5


KINDS_OF_PEOPLE = frozenset({*CATEGORIES, "people", "women and children"})
# Nouns that count people with no kind of their own: "Palestinians", "fatalities".
# Members and staff of a body ("34 Civil Defense members", "289 UN staff") are a group of
# their own; these are anyone.
PEOPLE = frozenset("""people person persons individual fatality casualty victim dead body corpse
    national citizen inhabitant population teacher student pupil farmer fisherman passenger family
    worshipper shopper pedestrian passer-by worker labourer laborer driver patient death""".split())
# Things counted under other names: "100 rockets" and "90 projectiles" of one barrage.
SAME_THING = {"projectile": "rocket", "uav": "drone", "shell": "shell", "airstrike": "strike", "air-strike": "strike"}
# Words that refer back to a group named before: "74,000 others", "two of whom".
REFERRING = frozenset("others other them whom those these more".split())


@dataclass(frozen=True)
class Group:
    """Who or what a claim counts: a category and, where named, the side it belongs to.

    `category` is a category of people ("combatants", "civilians", "people") or, for a
    thing, its noun in the singular ("vehicle", "counterattack"); `owner` is the actor
    (or, for a state the base lacks, the state's slug) and `owner_name` its name."""

    category: str | None
    owner: str | None = None
    owner_name: str | None = None

    @property
    def label(self) -> str | None:
        if self.category is None:
            return f"people of {self.owner_name}" if self.owner_name else None
        kind = self.category if self.category in KINDS_OF_PEOPLE else plural(self.category)
        return f"{kind} of {self.owner_name}" if self.owner_name else kind


def group_of(counted: str, base: ActorBase) -> Group:
    """The group a counted phrase names; `Group(None)` when it names nothing ("", "others")."""
    words = re.findall(r"[\w'’-]+", plain(counted))
    if not words or words[-1] in REFERRING:
        return Group(None)
    owner = _owner(words, base)
    category = _category(words) or _thing_or_people(words)
    if isinstance(owner, Actor) and owner.type == "armed_group" and category == singular(words[_head_index(words)]):
        category = "combatants"  # "113 Fano", "50 Hamas": a group's name counts its fighters
    if owner is None:
        return Group(category)
    return Group(category, owner.id if isinstance(owner, Actor) else slug(owner),
                 owner.name if isinstance(owner, Actor) else owner)


def counted_group(counted: str, base: ActorBase) -> str | None:
    """The label of the group a counted phrase names, or None where it names none.

    >>> from counterclaim.actors.base import load_base
    >>> counted_group("civilians", load_base())
    'civilians'
    """
    return group_of(counted, base).label


def _head_index(words: list[str]) -> int:
    # The head is the last noun before "of"/"in"/"from": "militants of Hamas".
    cut = next((i for i, w in enumerate(words) if w in ("of", "in", "from", "on", "at")), len(words))
    return max(cut - 1, 0)


def _category(words: list[str]) -> str | None:
    head = words[:_head_index(words) + 1]
    if {"women", "woman"} & set(head) and {"children", "child"} & set(head):
        return "women and children"  # one figure of its own, not the women nor the children
    for word in reversed(head):
        for form in (word, singular(word)):
            if form in CATEGORY_OF:
                return CATEGORY_OF[form]
    return None


def _thing_or_people(words: list[str]) -> str:
    head = singular(words[_head_index(words)])
    if head in PEOPLE or _demonym(words[_head_index(words)]) is not None:
        return "people"  # "seven teachers killed" and "four fatalities": a toll of people
    return SAME_THING.get(head, head)


def singular(word: str) -> str:
    """A plural noun in the singular, by its ending: "militias" → "militia", "bodies" →
    "body", "boxes" → "box"; a word not ending in "s" unchanged."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _owner(words: list[str], base: ActorBase) -> Actor | str | None:
    for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            actor = base.named(phrase)
            if actor is not None and actor.type not in ("person", "outlet"):
                return top_actor(actor, base)
            demonym = _demonym(phrase)
            if demonym is not None:
                state = base.named(DEMONYMS[demonym])
                return top_actor(state, base) if state is not None else DEMONYMS[demonym]
    return None


def _demonym(phrase: str) -> str | None:
    singular = phrase[:-1] if phrase.endswith("s") else phrase
    return singular if singular in DEMONYMS else (phrase if phrase in DEMONYMS else None)


def member_chain(actor: Actor, base: ActorBase) -> list[Actor]:
    """The actor and the organisations above it, followed up its `member_of` links."""
    chain, seen = [actor], {actor.id}
    while actor.member_of and actor.member_of[0] in base.actors and actor.member_of[0] not in seen:
        actor = base.actors[actor.member_of[0]]
        chain.append(actor)
        seen.add(actor.id)
    return chain


def top_actor(actor: Actor, base: ActorBase) -> Actor:
    """The organisation an actor belongs to, at the top of its `member_of` links."""
    return member_chain(actor, base)[-1]
