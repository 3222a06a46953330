"""Which war a counted event belongs to: the conflict of each article and of each claim.

A ledger holds many wars, and a figure must never mix them: "killed — civilians" in
Sudan and in Myanmar are two quantities. The conflicts are data (`data/conflicts.yaml`):
for each, the words that point to it (places, demonyms, armed groups, institutions), the
countries where it is fought, the parties of the actor base that belong to it alone, and
the day it began. A user's actor file (`--actors`) with a conflict of its own adds that
conflict, its actors' names as its words.

The cascade, per article and then per claim:

1. the article's conflict: the one its title (three votes a word), its text (one a
   word) and its country (two) point to most, with at least two votes and no tie;
2. a claim whose own sentence, place, claimant or counted owner points only to other
   conflicts than the article's belongs to the one it points to most ("Hezbollah fired
   30 rockets" in a Gaza article is the Lebanon front);
3. a claim about a year before its conflict began ("in the 2014 war, 2,251 were killed")
   belongs to that earlier war, `<conflict>-<year>`;
4. otherwise the article's conflict; with none, the claim's conflict stays unknown (None),
   never a guess across wars.

Words are matched as written (proper names: "Karen" the people, not "karen"), whole words,
longest first ("South Sudan" is not "Sudan"); a trailing "s" is allowed. The text is cut
into words once and each run of up to four words looked up: no pattern of a thousand
alternatives is tried at every position.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from counterclaim.actors.base import ActorBase, yaml_data
from counterclaim.actors.groups import member_chain, top_actor
from counterclaim.model import Article, Claim, voice, with_fields

TOKEN = re.compile(r"[\w’'.-]*\w")  # a word with its inner hyphens and apostrophes: "al-Shabaab", "Be’eri"
TITLE_VOTES = 3
COUNTRY_VOTES = 2
MIN_VOTES = 2
YEAR = re.compile(r"(?<![\w-])(?P<since>since\s+|from\s+)?(?:in\s+|the\s+)?(?P<year>(?:19|20)\d\d)(?![\w-])",
                  re.IGNORECASE)


@dataclass(frozen=True)
class Conflict:
    id: str
    name: str
    start: str | None  # ISO date the war began, as "since the war began" counts it
    countries: frozenset[str]  # where it is fought, and no other listed conflict
    actor_parties: frozenset[str]  # "FILE-CONFLICT/PARTY" or "FILE-CONFLICT/*" of the actor base
    words: tuple[str, ...]


@dataclass(frozen=True)
class Conflicts:
    """The conflicts by id, and each of their words (as written) with its conflict."""

    by_id: dict[str, Conflict]
    word_conflict: dict[str, str]  # a word as written -> its conflict
    first_words: frozenset[str]  # the first word of every entry
    # The first word of each entry of two words or more, and their numbers of words, most first.
    lengths: dict[str, tuple[int, ...]]

    def votes(self, text: str, weight: int = 1) -> Counter[str]:
        """Each conflict's words in `text`, the longest entry at each word first ("South
        Sudan" before "Sudan"); a trailing "s" or "'s" is allowed ("Houthis", "Niger's")."""
        found: Counter[str] = Counter()
        tokens = TOKEN.findall(text)
        # Most words begin no entry: find the few that may, once per distinct word.
        first = self.first_words
        may_begin = {t for t in set(tokens) if t in first or t.rstrip("s’'") in first}
        free = 0  # the first word not inside an entry already counted
        for i in [i for i, t in enumerate(tokens) if t in may_begin]:
            if i < free:
                continue
            for size in (*self.lengths.get(tokens[i], ()), 1):
                if i + size > len(tokens):
                    continue
                conflict = self._conflict_of(" ".join(tokens[i:i + size]))
                if conflict is not None:
                    found[conflict] += weight
                    free = i + size
                    break
        return found

    def _conflict_of(self, phrase: str) -> str | None:
        for form in (phrase, phrase.removesuffix("s"), phrase.removesuffix("es"), phrase.removesuffix("'s"),
                     phrase.removesuffix("’s")):
            if form in self.word_conflict:
                return self.word_conflict[form]
        return None

    def of_actor(self, actor_conflict: str, party: str) -> str | None:
        """The conflict an actor of the base belongs to alone, by its file and party."""
        for conflict in self.by_id.values():
            if f"{actor_conflict}/{party}" in conflict.actor_parties or f"{actor_conflict}/*" in conflict.actor_parties:
                return conflict.id
        return None

    def of_country(self, country: str | None) -> str | None:
        return next((c.id for c in self.by_id.values() if country and country in c.countries), None)


def conflicts_for(base: ActorBase) -> Conflicts:
    """The packaged conflicts, plus one per conflict of the base that they do not know
    (a user's own actor file), its words the names of its actors."""
    extra = tuple(sorted({a.conflict for a in base.actors.values()} - _known_file_conflicts()))
    names = tuple((a.conflict, name) for a in base.actors.values() if a.conflict in extra
                  for name in (a.name, *a.aliases))
    return _conflicts(extra, names)


@cache
def _packaged() -> tuple[Conflict, ...]:
    return tuple(
        Conflict(id=str(entry["id"]), name=str(entry["name"]),
                 start=str(entry["start"]) if entry.get("start") else None,
                 countries=frozenset(entry.get("countries") or ()),
                 actor_parties=frozenset(entry.get("actor_parties") or ()),
                 words=tuple(str(w) for w in entry.get("words") or ()))
        for entry in _raw().get("conflicts", ())
    )


@cache
def _known_file_conflicts() -> frozenset[str]:
    """The conflicts of the packaged actor files: each is listed, whole or in parts."""
    known = {"", "international", "media", *_raw().get("spread_actor_files", ())}
    for conflict in _packaged():
        known.update(entry.split("/", 1)[0] for entry in conflict.actor_parties)
    return frozenset(known)


@cache
def _raw() -> dict[str, Any]:
    raw = yaml_data(resources.files("counterclaim").joinpath("data/conflicts.yaml").read_text("utf-8"))
    return raw if isinstance(raw, dict) else {}


@cache
def _conflicts(extra: tuple[str, ...], extra_names: tuple[tuple[str, str], ...]) -> Conflicts:
    listed = list(_packaged())
    for conflict_id in extra:
        words = tuple(name for owner, name in extra_names if owner == conflict_id)
        listed.append(Conflict(conflict_id, conflict_id, None, frozenset(), frozenset({f"{conflict_id}/*"}), words))
    word_conflict: dict[str, str] = {}
    for conflict in listed:
        for word in conflict.words:
            for form in _forms(word):
                word_conflict.setdefault(form, conflict.id)
    first_words = frozenset(w.split(" ", 1)[0] for w in word_conflict)
    sizes: dict[str, set[int]] = {}
    for entry in word_conflict:
        first, *rest = entry.split(" ")
        if rest:
            sizes.setdefault(first, set()).add(1 + len(rest))
    lengths = {first: tuple(sorted(found, reverse=True)) for first, found in sizes.items()}
    return Conflicts({c.id: c for c in listed}, word_conflict, first_words, lengths)


def _forms(word: str) -> Iterable[str]:
    word = " ".join(TOKEN.findall(word))  # as the text's words are joined: "Port-au-Prince", "Khan Younis"
    yield word
    yield word[:1].upper() + word[1:]  # "al-Shabaab" opening a sentence
    if len(word) > 3:
        yield word.upper()  # a headline in capitals


def conflict_starts(conflicts: Conflicts) -> dict[str, str]:
    """The first day of each conflict that has one, by id."""
    return {c.id: c.start for c in conflicts.by_id.values() if c.start}


def article_conflict(
    article: Article, claims: list[Claim], conflicts: Conflicts, base: ActorBase, country: str | None
) -> str | None:
    """The conflict an article reports on, or None where its words do not say."""
    votes = conflicts.votes(article.title or "", TITLE_VOTES) + conflicts.votes(article.text)
    for claim in claims:  # who speaks: a Hezbollah statement is news of the Lebanon front
        if claim.claimant_party:
            found = conflicts.of_actor(base.conflict_of(claim.claimant_id), claim.claimant_party)
            if found:
                votes[found] += 1
    from_country = conflicts.of_country(country)
    if from_country:
        votes[from_country] += COUNTRY_VOTES
    return _winner(votes, MIN_VOTES)


def with_conflicts(
    article: Article, claims: list[Claim], base: ActorBase, country: str | None, conflicts: Conflicts | None = None
) -> list[Claim]:
    """The claims of one article, each with its conflict (the cascade at the top);
    `conflicts` are those of `base` (`conflicts_for`), made once per run by the caller."""
    conflicts = conflicts or conflicts_for(base)
    main = article_conflict(article, claims, conflicts, base, country)
    found = []
    said: dict[str, Counter[str]] = {}  # the words of each sentence, read once for all its claims
    for claim in claims:
        if claim.sentence not in said:
            said[claim.sentence] = conflicts.votes(claim.sentence)
        conflict = _claim_conflict(claim, main, conflicts, base, said[claim.sentence].copy())
        party = _party_in(claim, conflict, base)
        found.append(with_fields(claim, conflict=conflict, claimant_party=party,
                                 party=voice(party, claim.claimant, claim.outlet)))
    return found


def _party_in(claim: Claim, conflict: str | None, base: ActorBase) -> str | None:
    """The claimant's party in the claim's war: a body that is international elsewhere is
    a side where it fights (`fights_in` in the actor base), as is whoever speaks for it."""
    actor = base.actors.get(claim.claimant_id or "")
    for body in member_chain(actor, base) if actor is not None and conflict else ():
        side = dict(body.fights_in).get(conflict or "")
        if side:
            return side
    return claim.claimant_party


def _claim_conflict(
    claim: Claim, main: str | None, conflicts: Conflicts, base: ActorBase, votes: Counter[str]
) -> str | None:
    """The claim's conflict; `votes` are those of its sentence's words (this adds to them)."""
    if claim.place_link and claim.place_link.startswith("in the clause"):
        local = conflicts.of_country(claim.country)
        if local:
            votes[local] += 1
    for actor_id in (claim.claimant_id, claim.group_owner):
        actor = base.actors.get(actor_id or "")
        if actor is not None:
            owner = top_actor(actor, base)
            found = conflicts.of_actor(owner.conflict, owner.party) or conflicts.of_actor(actor.conflict, actor.party)
            if found:
                votes[found] += 1
    conflict = main
    if votes and (main is None or main not in votes):
        conflict = _winner(votes, 1) or main
    if conflict is None:
        return None
    return _earlier_war(claim, conflicts.by_id.get(conflict)) or conflict


def _earlier_war(claim: Claim, conflict: Conflict | None) -> str | None:
    """ "2,251 fatalities in the 2014 escalation": a year before the war began, not after
    "since", in the claim's sentence, makes it a claim about that earlier war."""
    if conflict is None or conflict.start is None or claim.cumulative:
        return None
    began = date.fromisoformat(conflict.start).year
    for match in YEAR.finditer(claim.sentence):
        if not match["since"] and int(match["year"]) < began:
            return f"{conflict.id}-{match['year']}"
    return None


def _winner(votes: Counter[str], at_least: int) -> str | None:
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < at_least or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


@lru_cache(maxsize=4096)
def conflict_name(conflict_id: str | None) -> str:
    """A conflict as a reader names it: "Israel–Hamas war", "Israel–Hamas war (2014)"."""
    if not conflict_id:
        return "conflict unknown"
    by_id = {c.id: c for c in _packaged()}
    if conflict_id in by_id:
        return by_id[conflict_id].name
    earlier = re.fullmatch(r"(?P<id>.+)-(?P<year>(?:19|20)\d\d)", conflict_id)
    if earlier and earlier["id"] in by_id:
        return f"{by_id[earlier['id']].name.split(' (')[0]} ({earlier['year']})"
    return conflict_id
