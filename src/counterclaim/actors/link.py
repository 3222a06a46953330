"""Names → actors: one identity per person and organisation across spellings.

`link` tries, in order, and records which step made the link:

1. "alias": the name is an actor's name or alias (case, accents, quotes, "the" aside);
2. "title stripped": the name after its title or possessor is one ("Defense Minister
   Yoav Gallant", "the group's spokesman Abu Obeida");
3. "spelling key": the name, or the name without its title, has the spelling key of
   exactly one actor ("Abu Ubaidah", "Zelenskiy"; `names.py`);
4. within one article, from the actors linked before it there ("seen"):
   "surname": one word that is the last name of a person seen ("Gallant", after "Yoav
   Gallant"); "role noun": "the spokesman", "the ministry", "local authorities" and the
   like, to the last actor seen whose role or name has that noun (authorities and
   officials: the last health authority or state body seen);
4b. "described": a description naming an owner and an institution ("the Hamas-run
   government", "the Nigerien army", "Israel's defence spokesman") links to the owner's
   one body of that kind, else to the owner itself (`_described`);
5. "provisional": a name the base does not know becomes an actor of its own, shared by
   every later name with the same spelling key. A bare role noun or a description
   ("rebels", "local sources") never does: it stays unlinked, never a guess.

Before 1, a name in the form "X (Y)" is also tried as X and as Y, and a name after a
descriptor ("the Hamas-run …", "so-called …") as the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from counterclaim.actors.base import MIN_KEY_LETTERS, ActorBase
from counterclaim.actors.groups import member_chain
from counterclaim.actors.names import initials, plain, slug, spelling_key, without_titles
from counterclaim.model import AUTHOR, Actor, Link
from counterclaim.vocabulary.names import DEMONYMS, INSTITUTIONS, ROLE_REFERENCES

PARENTHESIS = re.compile(r"(.+?)\s*\(([^()]+)\)")
# Words that describe who runs or backs a body, not its name: "the Hamas-run X".
DESCRIPTOR = re.compile(
    r"(?:the\s+)?(?:(?:[\w’'.-]+-(?:run|led|backed|controlled|held|aligned|affiliated|installed|appointed)"
    r"|so-called|self-proclaimed|self-styled|de facto|rebel|regime|regime[’']s)\s+)+",
    re.IGNORECASE,
)
COUNTRIES = frozenset(plain(c) for c in DEMONYMS.values())
ABBREVIATIONS = {"moh": "Ministry of Health", "mod": "Ministry of Defence", "moi": "Ministry of Interior"}
ABBREVIATED = re.compile(r"\b(?:MoH|MoD|MoI|MOH|MOD|MOI)\b")
GENERIC_MODIFIERS = frozenset("""the local health medical government state official officials
defense defence foreign interior rebel militant regional city provincial military top senior""".split())


@dataclass
class Provisional:
    """The provisional actors of one run, by spelling key, so variants share one."""

    by_key: dict[str, Actor] = field(default_factory=dict)

    def actor(self, name: str, kind: str) -> Actor:
        key = spelling_key(name)
        if not key.startswith("#") and len(key.replace(" ", "").replace("_", "")) < MIN_KEY_LETTERS:
            key = "=" + plain(name)  # a short key is too loose: the name itself
        if key not in self.by_key:
            self.by_key[key] = Actor(id="~" + slug(name), name=name, type=kind, provisional=True)
            acronym = initials(name) if kind == "group" else None
            if acronym is not None:  # "ISSP" after "Islamic State Sahel Province"
                self.by_key.setdefault(spelling_key(acronym), self.by_key[key])
        return self.by_key[key]


def link(
    name: str,
    base: ActorBase,
    *,
    seen: list[Actor] | None = None,
    provisional: Provisional | None = None,
) -> Link | None:
    """The actor `name` refers to, and why; None where nothing fits.

    `seen` are the actors linked before in the same article (none: the name stands alone,
    and links only through the base); `provisional` collects the names the base does not
    know (none: such a name stays unlinked); one that came with a title is a person.
    """
    if not name or name == AUTHOR:
        return None
    found = _through_base(name, base)
    if found is not None:
        return found
    if seen:
        found = _within_article(name, seen)
        if found is not None:
            return found
    if provisional is None or _is_role_only(name) or not _has_proper_name(name):
        return None
    stripped = without_titles(name)
    kind = "person" if stripped else "group"
    return Link(provisional.actor(_display(name, stripped or plain(name)), kind), "provisional")


def _through_base(name: str, base: ActorBase) -> Link | None:
    actor = base.named(name)
    if actor is not None:
        return Link(actor, "alias")
    for form in _other_forms(name):
        actor = base.named(form)
        if actor is not None:
            return Link(actor, "alias")
    stripped = without_titles(name)
    if stripped:
        actor = base.named(stripped)
        if actor is not None:
            return Link(actor, "title stripped")
    found = _described(name, base)
    if found is not None:
        return found
    for form in filter(None, (name, stripped)):
        actor = base.keyed(form)
        if actor is not None and _same_nationality(form, actor):
            return Link(actor, "spelling key")
    return None


# "the Hamas-run government", "the Israeli military's spokesperson", "Niger's defence
# spokesman": an owner, then the institution of it that speaks.
OWNED = re.compile(r"^(?:the\s+)?(?P<owner>.+?)(?:['’]s?|-run|-led|-controlled|-backed)\s+(?P<institution>.+)$",
                   re.IGNORECASE)


def _described(name: str, base: ActorBase) -> Link | None:
    """A description that names an owner and an institution: the owner's one institution
    of that kind ("the W army": W's army), else, where the description fits several or
    none, the owner itself, which the institution speaks for. A demonym names its state
    ("Nigerien" is Niger, never Nigeria)."""
    words = plain(name).split()
    if not words or words[-1] not in INSTITUTIONS:
        return None
    owned = OWNED.match(name.strip())
    owner_text, institution = (owned["owner"], plain(owned["institution"])) if owned else ("", "")
    owner = base.named(owner_text) if owner_text else None
    if owner is None:  # "the Nigerien army", "the Sudanese military's spokesperson"
        for size in (2, 1):
            demonym = " ".join(words[:size])
            state = DEMONYMS.get(demonym) or DEMONYMS.get(demonym.removesuffix("s"))
            if state and len(words) > size:
                owner, institution = base.named(state), " ".join(words[size:])
                break
    if owner is None or owner.type in ("person", "outlet"):
        return None
    within = [a for a in base.actors.values() if owner in member_chain(a, base)[1:]]
    wanted = [w for w in institution.split() if w in INSTITUTIONS]
    for actor in _best_fits(within, wanted):
        return Link(actor, f"described: the {institution} of {owner.name}")
    return Link(owner, f"described: the {institution} of {owner.name}, which it speaks for")


def _best_fits(actors: list[Actor], wanted: list[str]) -> list[Actor]:
    """The one body (not a person: a description names no one) whose name, aliases or
    role hold every institution word, where there is exactly one."""
    fits = []
    for actor in actors:
        if actor.type == "person":
            continue
        described = " ".join(plain(n) for n in (actor.name, *actor.aliases, actor.role))
        if all(any(w.startswith(v) for w in described.split()) for v in map(_stem, wanted)):
            fits.append(actor)
    return fits if len(fits) == 1 else []


def _stem(word: str) -> str:
    return {"defense": "defen", "defence": "defen", "military": "militar", "forces": "force"}.get(word, word)


def _same_nationality(name: str, actor: Actor) -> bool:
    """ "Nigerien army" and "Nigerian army" share a spelling key: a demonym or country
    the name gives must be in the actor's names too."""
    given = {w for w in plain(name).split() if w in DEMONYMS or w in COUNTRIES}
    if not given:
        return True
    known = set(" ".join(plain(n) for n in (actor.name, *actor.aliases)).split())
    return given <= known


def _other_forms(name: str) -> list[str]:
    """ "International Office for X (IOHC)" -> both names; "rebel-run X", "so-called X" -> X."""
    forms = []
    bracket = PARENTHESIS.fullmatch(name.strip())
    if bracket:
        forms += [bracket.group(1), bracket.group(2)]
    if ABBREVIATED.search(name):  # "MoH in Gaza": the Ministry of Health in Gaza
        forms.append(ABBREVIATED.sub(lambda m: ABBREVIATIONS[m.group(0).lower()], name))
    described = DESCRIPTOR.match(name.strip())
    if described and described.end() < len(name.strip()):
        forms.append(name.strip()[described.end():])
    return forms


def _within_article(name: str, seen: list[Actor]) -> Link | None:
    words = (without_titles(name) or plain(name)).split()
    if len(words) == 1 and len(words[0]) >= MIN_KEY_LETTERS:
        key = spelling_key(words[0])
        for actor in reversed(seen):
            if actor.type == "person" and spelling_key(actor.name.split()[-1]) == key:
                return Link(actor, "surname")
    head = plain(name).split()[-1] if plain(name) else ""
    wanted = ROLE_REFERENCES.get(head)
    if wanted and _is_role_only(name):
        for actor in reversed(seen):
            described = f"{actor.type} {plain(actor.role)} {plain(actor.name)}"
            if any(w in described for w in wanted):
                return Link(actor, "role noun")
    return None


def _has_proper_name(name: str) -> bool:
    """ "rebels", "local sources", "the government" are descriptions, not names."""
    words = name.split()
    return any(w[:1].isupper() for w in words[1:]) or bool(words and words[0][:1].isupper()
                                                          and words[0].lower() not in ("the", "a", "an"))


def _is_role_only(name: str) -> bool:
    """ "the spokesman", "local authorities", "the defence ministry": no name of its own."""
    words = plain(name).split()
    return bool(words) and words[-1] in ROLE_REFERENCES and all(w in GENERIC_MODIFIERS for w in words[:-1])


def _display(name: str, stripped: str) -> str:
    """The name as the article writes it, without its title."""
    original = name.strip(" ,")
    if stripped and stripped != plain(name):
        index = plain(original).rfind(stripped)
        if index >= 0 and len(plain(original)) == len(original.lower()):
            return original[index:]
    return original[4:] if original.lower().startswith("the ") else original


LOCAL_AUTHORITIES = re.compile(r"(?:the\s+)?(?:local|health|medical|local health)\s+(?:authorities|officials)", re.I)
PLACE_DOMINANCE = 2  # the place must be named at least twice as often as any other


def local_health_authority(name: str, base: ActorBase, article_text: str) -> Link | None:
    """ "local authorities" or "health officials" in an article about one place: the
    health authority of that place, where the article names it at least twice and twice
    as often as the place of any other health authority. Otherwise nothing."""
    if not article_text or not LOCAL_AUTHORITIES.fullmatch(name.strip()):
        return None
    counts = []
    for actor in base.actors.values():
        if actor.type == "health_authority":
            place = re.split(r"[\s-]", actor.name)[0]
            counts.append((len(re.findall(rf"\b{re.escape(place)}\b", article_text)), place, actor))
    counts.sort(key=lambda c: -c[0])
    if not counts or counts[0][0] < PLACE_DOMINANCE:
        return None
    if len(counts) > 1 and counts[0][0] < PLACE_DOMINANCE * counts[1][0]:
        return None
    return Link(counts[0][2], f"role noun: the health authority of {counts[0][1]}, the place the article names")
