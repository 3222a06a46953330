"""News feeds: RSS 2.0, RSS 1.0 (RDF) and Atom, one article per item or entry.

Parsed as a stream, a block at a time, with the standard library's XML parser: each item
is read, made an article and dropped from the tree, so memory holds one item, not the feed,
and an item holds at most `MAX_ITEM_CHARS` of text before any cleaning. The parser is
safe on hostile XML: ElementTree never loads external entities or DTDs (an unknown entity
is a parse error), and expat 2.4.1 or later refuses entity-expansion bombs; with an older
expat the file is skipped rather than parsed.
"""

from __future__ import annotations

import html
import pyexpat
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from counterclaim.ingest.header import normalise_date
from counterclaim.ingest.html import text_of_fragment
from counterclaim.ingest.outlets import outlet_for_url
from counterclaim.ingest.text import article_from_text
from counterclaim.model import Article, Skip

_ROOTS = frozenset({"rss", "feed", "RDF"})  # RSS 2.0, Atom, RSS 1.0
_ITEMS = frozenset({"item", "entry"})
_CHANNELS = frozenset({"channel", "feed"})
_ITEM_PARENTS = _CHANNELS | {"RDF"}  # RSS 1.0 puts its items beside the channel
# Namespaces whose elements are read, as the prefix their names get here; Atom and RSS 1.0
# elements keep their bare names, like RSS 2.0's, which have no namespace.
_NAMESPACES = {
    "http://www.w3.org/2005/Atom": "",
    "http://purl.org/atom/ns#": "",  # Atom 0.3, still served by old sites
    "http://purl.org/rss/1.0/": "",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "",
    "http://purl.org/rss/1.0/modules/content/": "content:",
    "http://purl.org/dc/elements/1.1/": "dc:",
}
_BODIES = ("content:encoded", "content", "description", "summary")  # fullest first
_DATES = ("pubDate", "published", "dc:date", "updated")  # publication before revision
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_SAFE_EXPAT = (2, 4, 1)
_BLOCK = 65_536
# The text of one item, markup included, before any cleaning: four times the longest article
# read (1,000,000 characters) leaves room for HTML; past it the item is skipped unread.
MAX_ITEM_CHARS = 4_000_000


def read_feed(path: Path, *, source_path: str) -> Iterator[Article | Skip]:
    """Read an RSS or Atom feed: an `Article` per item with text, a `Skip` per item without.

    The text is the item's fullest body (content:encoded, content, description, summary),
    HTML stripped; the outlet is the registry's for the item's (else the feed's) URL, else
    the feed's title. A file whose root is not a feed is one `Skip`; malformed XML gives
    the items before the error, then one `Skip` for the file.

    Yields:
        `Article` (doc: the item's guid or id, else "FILE:N" with N the item number) or
        `Skip` (naming the item number), in document order.
    """
    if pyexpat.version_info < _SAFE_EXPAT:
        yield Skip(path=source_path, reason=f"feeds need expat {'.'.join(map(str, _SAFE_EXPAT))} or later "
                                            f"to parse safely; this Python has {pyexpat.EXPAT_VERSION}")
        return
    number = 0
    feed = _Feed()
    try:
        with path.open("rb") as file:
            builder = _BoundedBuilder()
            parser = ET.XMLParser(target=builder)
            open_elements: list[ET.Element] = []
            while block := file.read(_BLOCK):
                parser.feed(block)
                for event, element in builder.take_events():
                    name = _name(element.tag)
                    if event == "start":
                        if not open_elements and name not in _ROOTS:
                            yield Skip(path=source_path, reason=f"not a feed: the root element is <{_local(name)}>")
                            return
                        open_elements.append(element)
                        continue
                    open_elements.pop()
                    parent = _name(open_elements[-1].tag) if open_elements else None
                    if name in _ITEMS and parent in _ITEM_PARENTS:
                        number += 1
                        if element in builder.oversized:
                            builder.oversized.discard(element)
                            yield Skip(path=source_path, line=number, reason=f"item {number}: too large: over "
                                       f"{MAX_ITEM_CHARS:,} characters of text (limit for one item)")
                        else:
                            yield _item(element, number=number, feed=feed, path=path, source_path=source_path)
                        open_elements[-1].remove(element)  # read: keep the tree one item deep
                    elif parent in _CHANNELS and name == "title":
                        feed.title = _plain(element.text)
                    elif parent in _CHANNELS and name == "link" and _is_alternate(element):
                        feed.url = _link(element)
            parser.close()
    except ET.ParseError as error:
        where = f"after item {number}" if number else "before any item"
        yield Skip(path=source_path, reason=f"malformed XML {where}: {error}")
        return
    except OSError as error:
        yield Skip(path=source_path, reason=f"unreadable: {error.strerror or error}")
        return
    if number == 0:
        yield Skip(path=source_path, reason="a feed with no items")


class _BoundedBuilder:
    """An ElementTree builder that keeps the events for the reader and holds at most
    MAX_ITEM_CHARS of text per item: the text of an item beyond that is dropped as it is
    parsed and the item marked oversized, so one item of 300 MB costs no more memory than
    one of 4 MB (the items after it are still read)."""

    def __init__(self) -> None:
        self._tree = ET.TreeBuilder()
        self._events: list[tuple[str, ET.Element]] = []
        self._item: ET.Element | None = None
        self._item_chars = 0
        self.oversized: set[ET.Element] = set()

    def start(self, tag: str, attributes: dict[str, str]) -> ET.Element:
        element = self._tree.start(tag, attributes)
        if _name(tag) in _ITEMS:
            self._item, self._item_chars = element, 0
        self._events.append(("start", element))
        return element

    def end(self, tag: str) -> ET.Element:
        element = self._tree.end(tag)
        if element is self._item:
            self._item = None
        self._events.append(("end", element))
        return element

    def data(self, text: str) -> None:
        if self._item is not None:
            self._item_chars += len(text)
            if self._item_chars > MAX_ITEM_CHARS:
                self.oversized.add(self._item)
                return
        self._tree.data(text)

    def close(self) -> ET.Element:
        return self._tree.close()

    def take_events(self) -> list[tuple[str, ET.Element]]:
        events, self._events = self._events, []
        return events


@dataclass
class _Feed:
    """What the feed says of itself, filled as its elements close (before its items, usually)."""

    title: str | None = None
    url: str | None = None


def _item(item: ET.Element, *, number: int, feed: _Feed, path: Path, source_path: str) -> Article | Skip:
    """One item or entry as an `Article`, or a `Skip` naming its number."""

    def skip(why: str) -> Skip:
        return Skip(path=source_path, reason=f"item {number}: {why}", line=number)

    fields: dict[str, ET.Element] = {}
    url = None
    for child in item:
        name = _name(child.tag)
        if name == "link":
            if url is None and _is_alternate(child):
                url = _link(child)
        else:
            fields.setdefault(name, child)
    guid = _plain(fields["guid"].text) if "guid" in fields else _plain(fields["id"].text) if "id" in fields else None
    if url is None and guid and guid.startswith(("http://", "https://")) and (
        "guid" not in fields or fields["guid"].get("isPermaLink", "true") != "false"
    ):
        url = guid  # an RSS guid is the item's permalink unless it says it is not
    text = next((body for key in _BODIES if key in fields and (body := _body(fields[key]))), None)
    if text is None:
        return skip("no text")
    registered = outlet_for_url(url) or outlet_for_url(feed.url)
    result = article_from_text(
        text,
        doc=guid or f"{path.name}:{number}",
        source_path=source_path,
        title=_title(fields.get("title")),
        date=next((d for key in _DATES if key in fields and (d := normalise_date(fields[key].text))), None),
        url=url,
        outlet=registered.name if registered else feed.title,
        line=number,
    )
    return skip(result.reason) if isinstance(result, Skip) else result


def _body(element: ET.Element) -> str | None:
    """The text of a body element, HTML stripped, or None if it holds none."""
    # RSS bodies are HTML; Atom's say which, plain text if they do not. Markup is read as
    # HTML whatever the type says: feeds that send HTML as "text" are common.
    kind = element.get("type", "text" if element.tag.startswith("{http://www.w3.org/2005/Atom}") else "html").lower()
    if kind in ("xhtml", "application/xhtml+xml"):
        for part in element.iter():  # prefixed names would be tags the HTML reader cannot read
            part.tag = _local(part.tag)
        markup = (element.text or "") + "".join(ET.tostring(part, encoding="unicode") for part in element)
        text = text_of_fragment(markup)
    else:
        raw = element.text or ""
        if "html" in kind and _TAG.search(raw):
            text = text_of_fragment(raw)
        elif "html" in kind:
            text = html.unescape(raw)  # entity-escaped HTML that holds no tags
        else:
            text = raw
    return text if text.strip() else None


def _title(element: ET.Element | None) -> str | None:
    """An item's title on one line, markup and entities removed (feeds often escape a
    title twice, so "&amp;" is unescaped whatever the type says)."""
    if element is None:
        return None
    return _plain(html.unescape(_TAG.sub(" ", element.text or "")))


def _is_alternate(link: ET.Element) -> bool:
    """Whether a link is the item's (or feed's) own page, not "self", "enclosure", ...."""
    return link.get("rel", "alternate") == "alternate"


def _link(link: ET.Element) -> str | None:
    """The URL of a link: Atom's href attribute, or RSS's text."""
    return _plain(link.get("href") or link.text)


def _plain(text: str | None) -> str | None:
    """Text on one line, or None if there is none."""
    return " ".join(text.split()) or None if text else None


def _name(tag: str) -> str:
    """An element's name: bare for RSS, Atom and RDF; prefixed for content: and dc:; the
    full {namespace}name for any other, so that media:title is never taken for a title."""
    if not tag.startswith("{"):
        return tag
    namespace, _, local = tag[1:].partition("}")
    prefix = _NAMESPACES.get(namespace)
    return tag if prefix is None else prefix + local


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
