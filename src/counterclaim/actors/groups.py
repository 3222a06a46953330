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

from counterclaim.actors.base import ActorBase
from counterclaim.actors.names import plain
from counterclaim.model import Actor

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
    "captives": "hostage captive prisoner detainee abductee",
    "aid and health workers": "aid-worker medic paramedic doctor nurse rescuer volunteer",
    "journalists": "journalist reporter photographer cameraman",
}
CATEGORY_OF = {word: category for category, words in CATEGORIES.items() for word in words.split()}
DEMONYMS = {
    "israeli": "Israel", "palestinian": "Palestine", "gazan": "Gaza", "lebanese": "Lebanon",
    "yemeni": "Yemen", "iranian": "Iran", "syrian": "Syria", "russian": "Russia",
    "ukrainian": "Ukraine", "sudanese": "Sudan", "congolese": "DR Congo", "rwandan": "Rwanda",
    "malian": "Mali", "burkinabe": "Burkina Faso", "nigerien": "Niger", "burmese": "Myanmar",
    "american": "United States", "british": "United Kingdom", "french": "France", "turkish": "Turkey",
    "north korean": "North Korea", "chechen": "Chechnya",
    "zionist": "Israel",  # the word of Hamas and its allies for Israeli forces
}
MAX_NAME_WORDS = 5


def counted_group(counted: str, base: ActorBase) -> str | None:
    """The group a counted phrase names, or None where it names no category or actor.

    >>> from counterclaim.actors.base import load_base
    >>> counted_group("civilians", load_base())
    'civilians'
    """
    words = re.findall(r"[\w'’-]+", plain(counted))
    if not words:
        return None
    category = _category(words)
    owner = _owner(words, base)
    if category is None:
        # "Palestinians": a people; "Israeli military vehicles": no group of people
        return f"people of {owner}" if owner is not None and _demonym(words[-1]) is not None else None
    return f"{category} of {owner}" if owner is not None else category


def _category(words: list[str]) -> str | None:
    # The head is the last noun before "of"/"in"/"from": "militants of Hamas".
    cut = next((i for i, w in enumerate(words) if w in ("of", "in", "from", "on", "at")), len(words))
    for word in reversed(words[:cut]):
        singular = word[:-1] if word.endswith("s") and word[:-1] in CATEGORY_OF else word
        if singular in CATEGORY_OF:
            return CATEGORY_OF[singular]
    return None


def _owner(words: list[str], base: ActorBase) -> str | None:
    for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            actor = base.named(phrase)
            if actor is not None and actor.type not in ("person", "outlet"):
                return top_actor(actor, base).name
            demonym = _demonym(phrase)
            if demonym is not None:
                state = base.named(DEMONYMS[demonym])
                return state.name if state is not None else DEMONYMS[demonym]
    return None


def _demonym(phrase: str) -> str | None:
    singular = phrase[:-1] if phrase.endswith("s") else phrase
    return singular if singular in DEMONYMS else (phrase if phrase in DEMONYMS else None)


def top_actor(actor: Actor, base: ActorBase) -> Actor:
    """The organisation an actor belongs to, followed up its `member_of` links."""
    seen = {actor.id}
    while actor.member_of and actor.member_of[0] in base.actors and actor.member_of[0] not in seen:
        actor = base.actors[actor.member_of[0]]
        seen.add(actor.id)
    return actor
