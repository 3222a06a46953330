"""The actor base: who publishes and who is counted, from package data and user files.

`data/*.yaml` holds one file per conflict and one for international bodies (the format is
described at the top of each file and in the README); the news outlets come from the
outlet registry of `ingest/`. A user file (`--actors my.yaml`) has the same format and is
read last: an entry with an existing id replaces that actor, a new id adds one.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from counterclaim.actors.names import plain, slug, spelling_key
from counterclaim.cache import cached_file, fingerprint
from counterclaim.errors import CounterclaimError
from counterclaim.model import ACTOR_TYPES, Actor

# libyaml's loader where PyYAML was built with it: the actor base is thousands of lines.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MIN_KEY_LETTERS = 4  # "Hamas" and "Homs" share the key "hms": short keys link nothing


class ActorFileError(CounterclaimError):
    """An actor file that cannot be read; the message names the file and the entry."""


@dataclass
class ActorBase:
    """The actors by id, with indexes from plain names and spelling keys to ids."""

    actors: dict[str, Actor] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_key: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # The first word of every plain name: a phrase starting with any other word names
    # no actor, which lets a scan of running text skip most words at once.
    first_words: set[str] = field(default_factory=set)

    def add(self, actor: Actor) -> None:
        old = self.actors.get(actor.id)
        if old is not None:
            for name in (old.name, *old.aliases):
                self.by_name[plain(name)].discard(old.id)
                self.by_key[spelling_key(name)].discard(old.id)
        self.actors[actor.id] = actor
        for name in (actor.name, *actor.aliases):
            self.by_name[plain(name)].add(actor.id)
            self.first_words.add(plain(name).split(" ", 1)[0])
            key = spelling_key(name)
            if len(key.replace(" ", "").replace("_", "")) >= MIN_KEY_LETTERS:
                self.by_key[key].add(actor.id)

    def named(self, name: str) -> Actor | None:
        """The one actor with this name or alias (case, accents and "the" aside)."""
        return self._only(self.by_name.get(plain(name)))

    def keyed(self, name: str) -> Actor | None:
        """The one actor whose name or an alias has this name's spelling key."""
        return self._only(self.by_key.get(spelling_key(name)))

    def conflict_of(self, actor_id: str | None) -> str:
        """The conflict of the file an actor comes from; "" for none or an unknown id."""
        actor = self.actors.get(actor_id or "")
        return actor.conflict if actor is not None else ""

    def in_conflict(self, conflict: str | None) -> list[Actor]:
        return [a for a in self.actors.values() if conflict is None or a.conflict == conflict]

    def _only(self, ids: set[str] | None) -> Actor | None:
        return self.actors[next(iter(ids))] if ids and len(ids) == 1 else None


def load_base(extra: Iterable[Path] = ()) -> ActorBase:
    """The package's actor base, with the entries of `extra` files added or replacing.

    Without extra files this is `packaged_base()`, built once per process: treat it as
    read-only. With them, a base of its own.
    """
    extra = tuple(extra)
    if not extra:
        return packaged_base()
    base: ActorBase = pickle.loads(_packaged_pickle())  # a copy of its own, for the user's entries to change
    for path in extra:
        for actor in read_actor_file(path):
            base.add(actor)
    return base


@cache
def packaged_base() -> ActorBase:
    """The package's actor base alone, built once per process: for the parse-time rules,
    which need to know whether a name is a person, not the user's overrides."""
    return pickle.loads(_packaged_pickle())  # type: ignore[no-any-return]


@cache
def _packaged_pickle() -> bytes:
    """The package's actor base, pickled: indexing its 800 actors' names by spelling key
    takes half a second, so it is done once per version of the data and the code that
    reads it, and kept in the cache folder (`counterclaim.cache`)."""
    package = resources.files("counterclaim")
    sources = [entry.read_bytes() for entry in sorted(package.joinpath("actors", "data").iterdir(),
                                                      key=lambda e: e.name) if entry.name.endswith(".yaml")]
    sources += [package.joinpath(*name.split("/")).read_bytes() for name in (
        "actors/base.py", "actors/names.py", "model.py", "ingest/outlets.py", "ingest/data/outlets.yaml")]
    path = cached_file(f"actors-{fingerprint(sources)}.pickle",
                       lambda path: path.write_bytes(pickle.dumps(_indexed_package())))
    return path.read_bytes() if path is not None else pickle.dumps(_indexed_package())


def _indexed_package() -> ActorBase:
    base = ActorBase()
    for actor in _packaged():
        if actor.type == "outlet" and base.named(actor.name) is not None:
            continue  # a body that publishes its own site ("idf.il") is that body
        base.add(actor)
    return base


@cache  # package data: read once per process
def _packaged() -> tuple[Actor, ...]:
    found: list[Actor] = []
    folder = resources.files("counterclaim.actors").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            found.extend(_actors(yaml_data(entry.read_text("utf-8")), entry.name))
    found.extend(_outlets())
    return tuple(found)


def yaml_data(text: str) -> Any:
    """YAML text as data, safely (no Python objects), with the fastest loader installed."""
    return yaml.load(text, Loader=SAFE_LOADER)


def read_actor_file(path: Path) -> list[Actor]:
    """The actors of one user file, in the package's format."""
    try:
        raw = yaml_data(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ActorFileError(f"{path}: cannot read the actor file: {error}") from error
    return list(_actors(raw, str(path)))


def _actors(raw: Any, where: str) -> Iterator[Actor]:
    if not isinstance(raw, dict) or not isinstance(raw.get("actors"), list):
        raise ActorFileError(f"{where}: an actor file is a mapping with an `actors:` list")
    conflict = str(raw.get("conflict", ""))
    parties = raw.get("parties") or {}
    for number, entry in enumerate(raw["actors"], start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise ActorFileError(f"{where}: actor {number} needs at least an `id` and a `name`")
        kind = str(entry.get("type", "group"))
        if kind not in ACTOR_TYPES:
            raise ActorFileError(f"{where}: actor {entry['id']!r} has type {kind!r}; "
                                 f"use one of {', '.join(ACTOR_TYPES)}")
        party = str(entry.get("party", ""))
        if parties and party and party not in parties and party not in ("international", "independent"):
            raise ActorFileError(f"{where}: actor {entry['id']!r} has party {party!r}, "
                                 f"not one of this file's parties ({', '.join(parties)})")
        yield Actor(
            id=str(entry["id"]),
            name=str(entry["name"]),
            type=kind,
            conflict=conflict,
            party=party,
            role=str(entry.get("role", "")),
            member_of=tuple(str(m) for m in entry.get("member_of") or ()),
            aliases=tuple(str(a) for a in entry.get("aliases") or ()),
            fights_in=tuple((str(war), str(side)) for war, side in (entry.get("fights_in") or {}).items()),
        )


def _outlets() -> Iterator[Actor]:
    # Here, not at the top: importing the readers of `ingest/` would slow every read-only
    # command, and only building the base (once per version of the data) needs them.
    from counterclaim.ingest.outlets import registry

    seen: set[str] = set()
    for outlet in registry().values():
        actor_id = "outlet-" + slug(outlet.name)
        if actor_id in seen:  # one outlet under several hosts
            continue
        seen.add(actor_id)
        yield Actor(
            id=actor_id,
            name=outlet.name,
            type="outlet",
            conflict="media",
            party="media",
            role=f"{outlet.ownership} outlet, {outlet.country}",
            aliases=outlet.aliases,
        )
