"""Actors: who asserts each claim and whom it counts, as one identity across spellings.

- `base.py` reads the actor base (package data, one YAML file per conflict, plus the
  outlet registry and the user's own files);
- `names.py` says how names compare (plain form, spelling key, titles);
- `link.py` resolves a name to an actor, recording why;
- `groups.py` says which group a counted phrase names.

`link_claims` runs the last two over the claims of one article.
"""

from __future__ import annotations

import re

from counterclaim.actors.base import ActorBase, ActorFileError, load_base
from counterclaim.actors.groups import Group, group_of, top_actor
from counterclaim.actors.link import Provisional, link, local_health_authority
from counterclaim.model import Actor, Claim, Link, evidence_offset, with_fields

__all__ = ["ActorBase", "ActorFileError", "Provisional", "link", "link_claims", "load_base", "party_of"]


def link_claims(
    claims: list[Claim], base: ActorBase, provisional: Provisional, article_text: str = ""
) -> list[Claim]:
    """The claims of one article, in order, with their claimant's actor and counted group."""
    seen: list[Actor] = []
    linked = []
    for claim in claims:
        found = _claimant_link(claim, base, seen, provisional) or local_health_authority(
            claim.claimant, base, article_text
        )
        if found is not None:
            seen.append(found.actor)
            claim = with_fields(
                claim,
                claimant_id=found.actor.id,
                claimant_party=party_of(found.actor, base),
                claimant_link=found.reason,
            )
        linked.append(claim)
    groups = _groups(linked, base)
    return [with_fields(claim, counted_group=group.label, group_category=group.category, group_owner=group.owner)
            for claim, group in zip(linked, groups, strict=True)]


# "lost 200 soldiers", "our fighters", "two of its soldiers": the claimant's own side.
OWN_LOSS = re.compile(r"\b(?:lost|los(?:e|es|ing)|our|its\s+own|their\s+own|of\s+its|of\s+our|its)\s+"
                      r"(?:\S+\s+){0,3}$", re.IGNORECASE)
# "Ukraine has lost 76,000 troops", "the Ukrainian army loses", "Russia's losses … reached":
# the side named before the loss.
LOST_BY = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?:['’]s)?(?:\s+(?:army|forces|military|troops))?\s+"
                     r"(?:(?:has|have|had)\s+)?(?:lost|loses|suffered|(?:\w+\s+)?losses\b.{0,60}?)\s+(?:\S+\s+){0,3}$")
# "Russia suffered 1,160 casualties, bringing its total losses … to 961,220": the name
# the pronoun stands for, the first side the sentence names.
ITS_LOSSES = re.compile(r"\b(?:its|their)\s+(?:\w+\s+){0,2}losses\b", re.IGNORECASE)
SIDE_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}")
OWN_PART = re.compile(r"\b\w+\s+of\s+(?:its|our|their)\s+(?:own\s+)?\w+$", re.IGNORECASE)  # "14 of its soldiers"
OWN_CATEGORIES = frozenset({"military personnel", "combatants"})


def _groups(claims: list[Claim], base: ActorBase) -> list[Group]:
    """The group of each claim, read in this order: the counted words; for a word that
    refers back ("74,000 others", "ten were injured"), the group of the claim before it in
    the sentence; for a side's fighters or soldiers that the phrase leaves unowned, the
    claimant's own side where it speaks of its losses ("lost seven fighters"), else the
    one owner the article gives that category on another side than the claimant's, else
    the one owner it gives that category at all."""
    groups: list[Group] = []
    for i, claim in enumerate(claims):
        group = group_of(claim.counted, base)
        if group.category is None and group.owner is None:
            group = _group_referred_to(claims, groups, i) or _toll_of_a_people(claim, base) or group
        elif group.category in ("women", "children") and BOTH_KINDS.match(_after_evidence(claim)):
            group = Group("women and children", group.owner, group.owner_name)  # "9,000 women and children"
        elif group.owner is None and group.category in OWN_CATEGORIES:
            side = _claimant_side(claim, base)
            before = claim.sentence[:max(0, evidence_offset(claim))] + claim.text[:_number_end(claim)]
            loser = LOST_BY.search(before)
            named = _side_named(claim.sentence, base) if ITS_LOSSES.search(before) else None
            if loser is not None and group_of(loser.group(1), base).owner is not None:
                found = group_of(loser.group(1), base)  # "Ukraine has lost 76,000 troops"
                group = Group(group.category, found.owner, found.owner_name)
            elif named is not None:
                group = Group(group.category, named.owner, named.owner_name)
            elif side is not None and (OWN_LOSS.search(before) or OWN_PART.search(claim.text)):
                group = Group(group.category, side.id, side.name)
        groups.append(group)
    owned: dict[str, dict[str, Group]] = {}
    for group in groups:
        if group.category and group.owner:
            owned.setdefault(group.category, {})[group.owner] = group
    return [_owner_from_article(claim, group, owned.get(group.category or "", {}), base)
            for claim, group in zip(claims, groups, strict=True)]


BOTH_KINDS = re.compile(r"\s+and\s+(?:children|women)\b", re.IGNORECASE)


def _after_evidence(claim: Claim) -> str:
    at = evidence_offset(claim)
    return claim.sentence[at + len(claim.text):] if at >= 0 else ""


def _side_named(sentence: str, base: ActorBase) -> Group | None:
    for match in SIDE_NAME.finditer(sentence):
        found = group_of(match.group(0), base)
        if found.owner is not None:
            return found
    return None


def _group_referred_to(claims: list[Claim], groups: list[Group], i: int) -> Group | None:
    """The group a bare number or "others" refers back to in its sentence: "32,000
    Palestinians killed and more than 74,000 wounded". A part ("two of whom") refers to
    the claim just before; anything else to the nearest total, never to a part of it
    ("13,000 killed, including 9,000 women, and 30,000 others wounded")."""
    refers_to_part = claims[i].counted.split()[-1:] in (["whom"], ["them"])
    for j in range(i - 1, -1, -1):
        if claims[j].sentence != claims[i].sentence:
            return None
        if refers_to_part or claims[j].part_of is None:
            return groups[j]
    return None


TOLL_OF = re.compile(r"\b(\w+)\s+(?:death\s+toll|toll|dead|fatalities|casualties)\b", re.IGNORECASE)


def _toll_of_a_people(claim: Claim, base: ActorBase) -> Group | None:
    """ "The Israeli death toll is around 1,200": the people of the demonym before "toll"."""
    for match in TOLL_OF.finditer(claim.sentence):
        found = group_of(match.group(1), base)
        if found.owner is not None:
            return Group("people", found.owner, found.owner_name)
    return None


def _owner_from_article(claim: Claim, group: Group, owners: dict[str, Group], base: ActorBase) -> Group:
    if group.owner is not None or group.category is None or not owners:
        return group
    if len(owners) == 1:
        return next(iter(owners.values()))
    others = [owner for owner in owners
              if claim.claimant_party and _party(owner, base) not in (claim.claimant_party, None)]
    # Of several enemies, the one of the claimant's own war (a Malian army claim of rebels
    # killed: the Azawad rebels, not Russia's Wagner fighting beside it).
    same_war = [owner for owner in others if base.conflict_of(owner) == base.conflict_of(claim.claimant_id)]
    for candidates in (others, same_war):
        if len(candidates) == 1:
            return owners[candidates[0]]
    return group


def _party(actor_id: str, base: ActorBase) -> str | None:
    actor = base.actors.get(actor_id)
    return party_of(actor, base) if actor is not None else None


def _claimant_side(claim: Claim, base: ActorBase) -> Actor | None:
    actor = base.actors.get(claim.claimant_id or "")
    if actor is None or actor.type in ("outlet", "un_agency", "ngo", "international_body"):
        return None
    if actor.type == "person" and not actor.member_of:
        return None
    return top_actor(actor, base)  # a person or a body speaks for the organisation it belongs to


def _number_end(claim: Claim) -> int:
    digits = re.search(r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b",
                       claim.text, re.IGNORECASE)
    return digits.start() if digits else 0


def party_of(actor: Actor, base: ActorBase) -> str | None:
    """The actor's party, else that of the organisation it speaks for."""
    if actor.party:
        return actor.party
    for parent in actor.member_of:
        if parent in base.actors and base.actors[parent].party:
            return base.actors[parent].party
    return None


def _claimant_link(claim: Claim, base: ActorBase, seen: list[Actor], provisional: Provisional) -> Link | None:
    # The claimant's name first, then the longer forms the article gave it: "Abu Obeida"
    # may only link as "the group's spokesman Abu Obeida".
    names = (claim.claimant, *claim.claimant_aliases)
    for name in names:
        found = link(name, base, seen=seen)
        if found is not None:
            return found
    return link(claim.claimant, base, seen=seen, provisional=provisional)
