"""How a name is compared: its plain form, its spelling key and its forms without titles.

News writes one name many ways. "Abu Obeida", "Abu Ubaida" and "Abu Obaidah" are one
Arabic name in three transliterations; "Zelensky", "Zelenskyy" and "Zelenskiy" one
Ukrainian name; "al-Qassam" and "Kassam" one word. `plain` folds case, accents, quotes
and a leading article; `spelling_key` also folds what transliteration varies: vowels
(kept only as "a vowel began the word"), doubled letters, al-/el- prefixes, kh/h, q/k,
ph/f, w/v, French ou/w and tch/ch, dh/d, th/t, gh/g, j/dj, ts/tz, apostrophes (Jama'at)
and a final -h after a vowel. Cyrillic is
romanised first. Keys collide more often than names do, so the linker uses a key only
where exactly one actor has it. An acronym is its own key: its letters are not a
transliteration.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from counterclaim.vocabulary.names import BODY_WORDS, TITLE_WORDS

CYRILLIC = dict(zip(
    "абвгґдеєжзиіїйклмнопрстуфхцчшщъыьэюя",
    "a b v h g d e ye zh z y i yi y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
    strict=True,
))
ARTICLES = ("the ",)
ARABIC_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ul|ud)[-‐ ](?=\w)")
FRENCH_W = re.compile(r"(?:(?<=[aeiouy])|\b)ou(?=[aei])")
DIGRAPHS = (("tch", "ch"), ("kh", "h"), ("ph", "f"), ("dh", "d"), ("th", "t"), ("gh", "g"), ("dj", "j"), ("tz", "ts"),
            ("ck", "k"), ("q", "k"), ("c", "k"), ("w", "v"), ("x", "ks"))
VOWELS = frozenset("aeiouy")
MINOR_WORDS = frozenset("of the for and in on de des du la le et al el wal".split())
ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]")  # "IDF", "FAMa", "MONUSCO"


@functools.lru_cache(maxsize=1 << 16)  # names repeat: every claim of an article, every run
def plain(name: str) -> str:
    """Lower case, no accents, straight quotes, one space, no leading "the" or trailing "'s".

    >>> plain("  The  Izz ad-Dîn al-Qassam Brigades’ ")
    'izz ad-din al-qassam brigades'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").lower()
    text = re.sub(r"\s+", " ", text).strip(" ,.;:\"'")
    for article in ARTICLES:
        if text.startswith(article):
            text = text[len(article):]
    return re.sub(r"'s?$", "", text).strip()


@functools.lru_cache(maxsize=1 << 16)
def spelling_key(name: str) -> str:
    """The name with what transliteration varies folded away, one skeleton per word.

    >>> spelling_key("Abu Obeida") == spelling_key("Abu Ubaidah")
    True
    >>> spelling_key("Zelensky") == spelling_key("Zelenskyy") == spelling_key("Зеленський")
    True
    >>> spelling_key("Yahya Sinwar") == spelling_key("Mohammed Sinwar")
    False
    """
    if ACRONYM.fullmatch(name.strip()):
        return "#" + name.strip().lower()  # "MONUSCO" and "MINUSCA" are two missions
    text = "".join(CYRILLIC.get(c, c) for c in plain(name)).replace("_", "").replace("'", "")
    text = ARABIC_ARTICLE.sub("", text)
    text = FRENCH_W.sub("w", text)  # "Sahraoui", "Oualid": French spelling of w
    words = re.findall(r"[a-z0-9]+", text)
    if not words:  # a script we do not romanise: the name is its own key
        return "=" + plain(name)
    return " ".join(_skeleton(word) for word in words)


def _skeleton(word: str) -> str:
    if word.isdigit():
        return word
    for spelled, folded in DIGRAPHS:
        word = word.replace(spelled, folded)
    if len(word) > 2 and word.endswith("h") and word[-2] in VOWELS:
        word = word[:-1]  # "Obeidah", "Hamzah"
    start = "_" if word[0] in VOWELS else word[0]
    rest = "".join(c for c in word[1:] if c not in VOWELS)
    return start + re.sub(r"(.)\1+", r"\1", rest)


def without_titles(name: str) -> str | None:
    """The name after its last title, where it has one and a name follows it.

    >>> without_titles("Israeli Prime Minister Benjamin Netanyahu")
    'benjamin netanyahu'
    >>> without_titles("the group's spokesman Abu Obeida")
    'abu obeida'
    >>> without_titles("Kalvania's defence ministry") is None  # a possessor is no title
    True
    >>> without_titles("the General Staff") is None  # a title word inside a body's name
    True
    """
    words = plain(name).split()
    cut = max((i for i, w in enumerate(words) if w.rstrip(".") in TITLE_WORDS), default=-1)
    rest = words[cut + 1:]
    if cut < 0 or not rest or rest[-1] in BODY_WORDS:
        return None
    return " ".join(rest)


def initials(name: str) -> str | None:
    """The acronym a multi-word name would have: "Islamic State Sahel Province" -> "ISSP"."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in MINOR_WORDS]
    return "".join(w[0].upper() for w in words) if len(words) >= 2 else None


def slug(name: str) -> str:
    """An id made of a name: "Agence France-Presse" -> "agence-france-presse"."""
    return re.sub(r"[^a-z0-9]+", "-", plain(name)).strip("-")
