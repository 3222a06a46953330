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
from counterclaim.actors.link import Provisional, link
from counterclaim.model import Actor, Claim, Link

__all__ = ["ActorBase", "ActorFileError", "Provisional", "link", "link_claims", "load_base", "party_of"]


def link_claims(claims: list[Claim], base: ActorBase, provisional: Provisional) -> list[Claim]:
    """The claims of one article, in order, with their claimant's actor and counted group."""
    seen: list[Actor] = []
    linked = []
    for claim in claims:
        found = _claimant_link(claim, base, seen, provisional)
        if found is not None:
            seen.append(found.actor)
            claim = replace(
                claim,
                claimant_id=found.actor.id,
                claimant_party=party_of(found.actor, base),
                claimant_link=found.reason,
            )
        linked.append(replace(claim, counted_group=counted_group(claim.counted, base)))
    return linked


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
