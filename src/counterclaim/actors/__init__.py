"""Actors: who asserts each claim and whom it counts, as one identity across spellings.

- `base.py` reads the actor base (package data, one YAML file per conflict, plus the
  outlet registry and the user's own files);
- `names.py` says how names compare (plain form, spelling key, titles);
- `link.py` resolves a name to an actor, recording why;
- `groups.py` says which group a counted phrase names.

`link_claims` runs the last two over the claims of one article.
"""

from __future__ import annotations

from dataclasses import replace

from counterclaim.actors.base import ActorBase, ActorFileError, load_base
from counterclaim.actors.groups import counted_group
from counterclaim.actors.link import Provisional, link, local_health_authority
from counterclaim.model import Actor, Claim, Link

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
            claim = replace(
                claim,
                claimant_id=found.actor.id,
                claimant_party=party_of(found.actor, base),
                claimant_link=found.reason,
            )
        linked.append(replace(claim, counted_group=counted_group(claim.counted, base)))
    return _owners_from_article(linked)


def _owners_from_article(claims: list[Claim]) -> list[Claim]:
    """ "219 troops" in an article whose other soldiers are all Israeli: Israeli troops.

    A group with no owner takes the one owner the article gives that category elsewhere;
    with two owners (Israeli soldiers and Hamas fighters) it stays as it is.
    """
    owners: dict[str, set[str]] = {}
    for claim in claims:
        if claim.counted_group and " of " in claim.counted_group:
            category = claim.counted_group.split(" of ", 1)[0]
            owners.setdefault(category, set()).add(claim.counted_group)
    return [
        replace(claim, counted_group=next(iter(owners[claim.counted_group])))
        if claim.counted_group in owners and len(owners[claim.counted_group]) == 1 else claim
        for claim in claims
    ]


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
