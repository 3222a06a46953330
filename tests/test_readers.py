"""Tests for the streaming readers (issue 9): JSON Lines (plain and gzip), WARC, RSS and Atom.

Every input is written by the test into tmp_path; the sentences are made up (a war between
Norland and the towns of Varn, Selm and Orbe), never taken from a real article.
"""

from __future__ import annotations

import doctest
import gzip
import importlib
import io
import json
import tracemalloc
from pathlib import Path

import pytest

import counterclaim.ingest as ingest
from counterclaim.ingest import iter_articles, jsonl, suffix_of
from counterclaim.model import Article, Skip

warcio = pytest.importorskip("warcio")
pytest.importorskip("trafilatura", reason="trafilatura (with lxml_html_clean) not importable")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

PLACES = "Varn Selm Orbe Dara Kest Lumo Brack Tessel".split()


def sentence(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return f"Officials in {place} said {n + 2} people were killed when shells hit the market, report {n}."


def jsonl_lines(count: int) -> list[str]:
    return [json.dumps({"text": sentence(n), "url": f"https://norland-daily.example/{n}",
                        "date": f"2024-03-{1 + n % 28:02d}", "title": f"Shelling in {PLACES[n % len(PLACES)]}"})
            for n in range(count)]


def summary(items: list[Article | Skip]) -> list[tuple[str, str | int | None]]:
    """Each item as ("article", doc) or ("skip", line): a compact picture of a run."""
    return [("article", i.doc) if isinstance(i, Article) else ("skip", i.line) for i in items]


# --- JSON Lines: gzip, bad lines, damage, encodings ---------------------------------------


def test_jsonl_gz_reads_like_plain_jsonl(tmp_path: Path) -> None:
    data = ("\n".join(jsonl_lines(20)) + "\n").encode()
    (tmp_path / "news.jsonl").write_bytes(data)
    (tmp_path / "news.jsonl.gz").write_bytes(gzip.compress(data))
    plain = list(iter_articles([tmp_path / "news.jsonl"]))
    packed = list(iter_articles([tmp_path / "news.jsonl.gz"]))
    assert len(plain) == 20 and all(isinstance(a, Article) for a in plain + packed)

    def fields(a: Article | Skip) -> tuple[object, ...]:
        assert isinstance(a, Article)
        return a.id, a.text, a.url, a.date, a.title, a.outlet

    assert [fields(a) for a in packed] == [fields(a) for a in plain]
    assert [a.doc for a in packed if isinstance(a, Article)][:2] == ["news.jsonl.gz:1", "news.jsonl.gz:2"]


def test_ndjson_is_json_lines(tmp_path: Path) -> None:
    (tmp_path / "feed.ndjson").write_text("\n".join(jsonl_lines(2)), encoding="utf-8")
    assert summary(list(iter_articles([tmp_path / "feed.ndjson"]))) == [
        ("article", "feed.ndjson:1"), ("article", "feed.ndjson:2")]


def test_bad_line_in_jsonl_gz_is_one_skip(tmp_path: Path) -> None:
    lines = jsonl_lines(5)
    lines[2] = '{"text": "a record cut off'
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    items = list(iter_articles([path]))
    assert summary(items) == [("article", "news.jsonl.gz:1"), ("article", "news.jsonl.gz:2"), ("skip", 3),
                              ("article", "news.jsonl.gz:4"), ("article", "news.jsonl.gz:5")]
    skip = items[2]
    assert isinstance(skip, Skip) and skip.path == str(path) and skip.reason.startswith("line 3: not JSON")


def test_truncated_gzip_keeps_the_lines_before(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(jsonl_lines(400)) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(iter_articles([path]))
    *articles, last = items
    assert 0 < len(articles) < 400
    assert [a.doc for a in articles] == [f"cut.jsonl.gz:{n}" for n in range(1, len(articles) + 1)]
    assert isinstance(last, Skip) and last.path == str(path)
    assert last.reason.startswith(f"corrupt or truncated gzip after line {len(articles)}")


def test_corrupt_gzip_is_a_skip(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(("\n".join(jsonl_lines(50)) + "\n").encode()))
    data[len(data) // 2: len(data) // 2 + 40] = bytes(40)  # zeroes over the middle of the stream
    path = tmp_path / "corrupt.jsonl.gz"
    path.write_bytes(bytes(data))
    items = list(iter_articles([path]))
    # deflate finds the damage only at the checksum: lines decoded before it may be garbage,
    # each its own skip; the file's skip comes last.
    assert isinstance(items[0], Article) and items[0].doc == "corrupt.jsonl.gz:1"
    assert isinstance(items[-1], Skip) and items[-1].reason.startswith("corrupt or truncated gzip after line")


def test_non_utf8_line_is_decoded_or_skipped_alone(tmp_path: Path) -> None:
    good = jsonl_lines(2)
    cp1252 = json.dumps({"text": "Caf\u00e9 owners in Selm said 3 shops burned overnight."}, ensure_ascii=False)
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([good[0].encode(), cp1252.encode("cp1252"),
                                 b'{"text": "Said 4 \x81\x9d\x02 killed"}', good[1].encode()]) + b"\n")
    items = list(iter_articles([path]))
    assert summary(items) == [("article", "mixed.jsonl:1"), ("article", "mixed.jsonl:2"), ("skip", 3),
                              ("article", "mixed.jsonl:4")]
    decoded, skip = items[1], items[2]
    assert isinstance(decoded, Article) and decoded.text.startswith("Caf\u00e9 owners in Selm")
    assert isinstance(skip, Skip) and skip.reason.startswith("line 3: not UTF-8")


@pytest.mark.parametrize(("content", "reason"), [
    (b"\n  \n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file (NUL bytes)"),
])
def test_jsonl_that_is_no_json_lines_is_one_skip(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_bytes(content)
    assert list(iter_articles([path])) == [Skip(path=str(path), reason=reason)]


def test_utf16_jsonl_is_read(tmp_path: Path) -> None:
    path = tmp_path / "windows.jsonl"
    path.write_bytes("\r\n".join(jsonl_lines(3)).encode("utf-16"))
    assert summary(list(iter_articles([path]))) == [("article", f"windows.jsonl:{n}") for n in (1, 2, 3)]


def test_overlong_line_is_skipped_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 300)
    lines = jsonl_lines(3)
    lines[1] = json.dumps({"text": "Varn " * 500})
    path = tmp_path / "long.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    items = list(iter_articles([path]))
    assert summary(items) == [("article", "long.jsonl.gz:1"), ("skip", 2), ("article", "long.jsonl.gz:3")]
    assert isinstance(items[1], Skip) and items[1].reason == "line 2: too large: over 300 bytes"


def test_jsonl_gz_streams_instead_of_reading_the_file(tmp_path: Path) -> None:
    lines = jsonl_lines(50_000)
    raw = ("\n".join(lines) + "\n").encode()
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip.compress(raw, compresslevel=1))
    warm = tmp_path / "warm.jsonl"  # first use loads the outlet registry: not the reader's memory
    warm.write_text(lines[0], encoding="utf-8")
    list(iter_articles([warm]))
    tracemalloc.start()
    try:
        items = iter_articles([path])
        first = [next(items) for _ in range(10)]
        _, peak = tracemalloc.get_traced_memory()
        items.close()
    finally:
        tracemalloc.stop()
    assert [a.doc for a in first if isinstance(a, Article)] == [f"big.jsonl.gz:{n}" for n in range(1, 11)]
    assert peak < len(raw) / 10, f"peak {peak:,} bytes while the file is {len(raw):,}"


# --- WARC ---------------------------------------------------------------------------------


def page(title: str, *, date: str, canonical: str | None = None, body: str | None = None) -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    text = body if body is not None else (
        f"<h1>{title}</h1><p>Officials in Varn said 7 people were killed when shells hit the market on Monday.</p>"
        "<p>The army of Norland denied that its units had fired on the town, a spokesman said.</p>")
    return (f'<html><head><title>{title}</title>{link}<meta property="article:published_time" content="{date}">'
            f"</head><body><article>{text}</article></body></html>").encode()


def write_warc(path: Path, records: list[tuple[str, str, str, str, bytes]], *, compress: bool) -> list[int]:
    """Write (type, uri, status, content type, body) records; the byte offset after each."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    ends = []
    for kind, uri, status, content_type, body in records:
        if kind == "response":
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
        elif kind == "request":
            http = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "norland-daily.example")], is_http_request=True)
            record = writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=http)
        else:
            record = writer.create_warc_record(uri, kind, payload=io.BytesIO(body), warc_content_type=content_type)
        writer.write_record(record)
        ends.append(buffer.tell())
    path.write_bytes(buffer.getvalue())
    return ends


CRAWL = [
    ("request", "https://norland-daily.example/varn", "", "", b""),
    ("response", "https://norland-daily.example/varn?utm=feed", "200 OK", "text/html; charset=utf-8",
     page("Shelling in Varn", date="2024-03-01T10:00:00Z", canonical="https://www.aljazeera.com/news/varn")),
    ("response", "https://norland-daily.example/gone", "404 Not Found", "text/html", b"<html><body>Gone</body></html>"),
    ("response", "https://norland-daily.example/photo.jpg", "200 OK", "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(200)),
    ("response", "https://norland-daily.example/selm", "200 OK", "text/html",
     page("Aid reaches Selm", date="2024-03-05")),
]


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_warc_reads_html_pages_only(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    write_warc(path, CRAWL, compress=compress)
    items = list(iter_articles([path]))
    assert all(isinstance(i, Article) for i in items) and len(items) == 2
    varn, selm = (i for i in items if isinstance(i, Article))
    assert (varn.url, varn.title, varn.date, varn.outlet) == (
        "https://www.aljazeera.com/news/varn", "Shelling in Varn", "2024-03-01", "Al Jazeera")
    assert (selm.url, selm.title, selm.date) == ("https://norland-daily.example/selm", "Aid reaches Selm", "2024-03-05")
    assert "7 people were killed" in varn.text
    assert varn.doc.startswith("urn:uuid:") and varn.source_path == str(path)
    assert [a.doc for a in iter_articles([path]) if isinstance(a, Article)] == [varn.doc, selm.doc]  # stable ids


def test_warc_page_without_text_and_resource_records(tmp_path: Path) -> None:
    path = tmp_path / "odd.warc"
    write_warc(path, [
        ("response", "https://norland-daily.example/empty", "200 OK", "text/html",
         b"<html><head><script>track()</script></head><body><script>ads()</script></body></html>"),
        ("resource", "https://orbe-monitor.example/1", "", "text/html", page("Orbe quiet", date="2024-04-02")),
        ("resource", "https://orbe-monitor.example/logo.png", "", "image/png", b"\x89PNG" + bytes(50)),
        ("metadata", "https://orbe-monitor.example/1", "", "application/warc-fields", b"via: test\r\n"),
    ], compress=False)
    items = list(iter_articles([path]))
    assert summary(items)[0] == ("skip", 1) and len(items) == 2
    skip, article = items
    assert isinstance(skip, Skip)
    assert skip.reason == "record 1 (https://norland-daily.example/empty): no text after cleaning"
    assert isinstance(article, Article)
    assert (article.url, article.title) == ("https://orbe-monitor.example/1", "Orbe quiet")


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("where", ["payload", "header"])
def test_truncated_warc_keeps_the_pages_before(tmp_path: Path, compress: bool, where: str) -> None:
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    ends = write_warc(path, CRAWL, compress=compress)
    data = path.read_bytes()
    # The last record starts at ends[-2]: cut inside its header, or near its end (the page).
    cut = ends[-2] + 60 if where == "header" else ends[-1] - 40
    path.write_bytes(data[:cut])
    items = list(iter_articles([path]))
    assert len(items) == 2
    article, skip = items
    assert isinstance(article, Article) and article.title == "Shelling in Varn"
    assert isinstance(skip, Skip) and skip.path == str(path)
    assert skip.reason.startswith("corrupt or truncated WARC after record 4")


def test_not_a_warc_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("These are notes about Varn, not an archive.\n" * 4, encoding="utf-8")
    items = list(iter_articles([path]))
    assert len(items) == 1 and isinstance(items[0], Skip)
    assert items[0].reason.startswith("corrupt or truncated WARC at its start")


# --- feeds --------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Norland Daily</title>
  <link>https://norland-daily.example/</link>
  <atom:link href="https://norland-daily.example/feed" rel="self"/>
  <item>
    <title>Shelling in Varn &amp;amp; Selm</title>
    <link>https://norland-daily.example/varn</link>
    <guid isPermaLink="false">nd-2024-0001</guid>
    <pubDate>Tue, 02 Apr 2024 10:00:00 GMT</pubDate>
    <media:title>A photograph</media:title>
    <description>&lt;p&gt;Officials in Varn said 7 people were killed on Monday.&lt;/p&gt;
      &lt;p&gt;The army of Norland denied it.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo gallery</title>
    <description>&lt;img src="varn.jpg"/&gt;</description>
  </item>
  <item>
    <title>Aid reaches Selm</title>
    <link>https://www.aljazeera.com/news/selm</link>
    <pubDate>Wed, 03 Apr 2024 08:00:00 GMT</pubDate>
    <description>Short teaser</description>
    <content:encoded><![CDATA[<p>Aid convoys reached the town of Selm for the first time in five weeks.</p>]]>
    </content:encoded>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Orbe Monitor</title>
  <link href="https://orbe-monitor.example/"/>
  <entry>
    <title type="html">Ceasefire &lt;em&gt;holds&lt;/em&gt; in Orbe</title>
    <link rel="alternate" href="https://orbe-monitor.example/1"/>
    <id>tag:orbe-monitor.example,2024:1</id>
    <published>2024-04-05T08:00:00Z</published>
    <updated>2024-04-06T09:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>The ceasefire in Orbe held for a third day, officials said.</p>
      <p>Some 3,000 residents remained in shelters.</p></div></content>
  </entry>
  <entry>
    <title>Aid workers hurt near Dara</title>
    <link rel="enclosure" href="https://orbe-monitor.example/2.mp3"/>
    <link href="https://orbe-monitor.example/2"/>
    <id>tag:orbe-monitor.example,2024:2</id>
    <updated>2024-04-07</updated>
    <summary>Two aid workers were wounded near Dara, the agency said.</summary>
  </entry>
</feed>
"""


@pytest.mark.parametrize("name", ["news.rss", "news.xml"])
def test_rss_items(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(RSS, encoding="utf-8")
    items = list(iter_articles([path]))
    assert summary(items) == [("article", "nd-2024-0001"), ("skip", 2), ("article", f"{name}:3")]
    varn, skip, selm = items
    assert isinstance(varn, Article) and isinstance(selm, Article) and isinstance(skip, Skip)
    assert (varn.title, varn.url, varn.date, varn.outlet) == (
        "Shelling in Varn & Selm", "https://norland-daily.example/varn", "2024-04-02", "Norland Daily")
    assert varn.text == "Officials in Varn said 7 people were killed on Monday.\n\nThe army of Norland denied it."
    assert skip.reason == "item 2: no text" and skip.path == str(path)
    assert (selm.url, selm.date, selm.outlet) == ("https://www.aljazeera.com/news/selm", "2024-04-03", "Al Jazeera")
    assert selm.text.startswith("Aid convoys reached")  # content:encoded before the teaser


def test_atom_entries(tmp_path: Path) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM, encoding="utf-8")
    items = list(iter_articles([path]))
    assert summary(items) == [("article", "tag:orbe-monitor.example,2024:1"),
                              ("article", "tag:orbe-monitor.example,2024:2")]
    first, second = (i for i in items if isinstance(i, Article))
    assert (first.title, first.url, first.date, first.outlet) == (
        "Ceasefire holds in Orbe", "https://orbe-monitor.example/1", "2024-04-05", "Orbe Monitor")
    assert "held for a third day" in first.text and "3,000 residents" in first.text
    assert (second.url, second.date) == ("https://orbe-monitor.example/2", "2024-04-07")
    assert second.text == "Two aid workers were wounded near Dara, the agency said."


def test_rss_1_0_items(tmp_path: Path) -> None:
    path = tmp_path / "old.xml"
    path.write_text("""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://kest-herald.example/"><title>Kest Herald</title>
    <link>https://kest-herald.example/</link></channel>
  <item rdf:about="https://kest-herald.example/5"><title>Bridge at Kest reopened</title>
    <link>https://kest-herald.example/5</link><dc:date>2024-05-09T07:00:00+02:00</dc:date>
    <description>Engineers reopened the bridge at Kest after 40 days, the council said.</description></item>
</rdf:RDF>""", encoding="utf-8")
    (article,) = iter_articles([path])
    assert isinstance(article, Article)
    assert (article.doc, article.url, article.title, article.date, article.outlet) == (
        "old.xml:1", "https://kest-herald.example/5", "Bridge at Kest reopened", "2024-05-09", "Kest Herald")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    "<url><loc>https://norland-daily.example/</loc></url></urlset>", encoding="utf-8")
    assert list(iter_articles([path])) == [Skip(path=str(path), reason="not a feed: the root element is <urlset>")]


def test_malformed_feed_keeps_the_items_before(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>Norland Daily</title>"
                    "<item><description>Officials in Varn said 7 people were killed.</description></item>"
                    "<item><description>Two shops burned in Selm overnight.</description></item>"
                    "<item><description>Cut off in the mid", encoding="utf-8")
    items = list(iter_articles([path]))
    assert summary(items) == [("article", "broken.rss:1"), ("article", "broken.rss:2"), ("skip", None)]
    assert isinstance(items[-1], Skip) and items[-1].reason.startswith("malformed XML after item 2")


BOMB = '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {name} "{("&" + inner + ";") * 10}">' for inner, name in zip("abcdefg", "bcdefgh", strict=True)) + "]>"
EXTERNAL = '<!DOCTYPE rss [<!ENTITY h SYSTEM "file:///etc/hostname">]>'


@pytest.mark.parametrize("doctype", [BOMB, EXTERNAL], ids=["entity-bomb", "external-entity"])
def test_hostile_feed_is_refused(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "hostile.rss"
    path.write_text(f'<?xml version="1.0"?>{doctype}<rss><channel><item><description>&h;</description>'
                    "</item></channel></rss>", encoding="utf-8")
    items = list(iter_articles([path]))
    assert len(items) == 1 and isinstance(items[0], Skip) and items[0].reason.startswith("malformed XML")


# --- dispatch, limits, docs ---------------------------------------------------------------


def test_folder_walk_reads_the_new_formats(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(jsonl_lines(1)[0].encode()))
    write_warc(tmp_path / "b.WARC.GZ", CRAWL[1:2], compress=True)
    (tmp_path / "c.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "d.gz").write_bytes(gzip.compress(b"not read: an unknown suffix"))
    docs = [i.doc if isinstance(i, Article) else ("skip", Path(i.path).name) for i in iter_articles([tmp_path])]
    assert docs[0] == "a.jsonl.gz:1" and docs[1].startswith("urn:uuid:")
    assert docs[2:] == ["nd-2024-0001", ("skip", "c.rss"), "c.rss:3"]
    assert [suffix_of(tmp_path / n) for n in ("x.jsonl.gz", "x.NDJSON", "x.warc.gz", "x.tar.gz", ".warc.gz")] == [
        ".jsonl.gz", ".ndjson", ".warc.gz", ".gz", ".gz"]


def test_article_size_limit_applies_to_new_readers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", 60)
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(iter_articles([path]))
    assert all(isinstance(i, Skip) for i in items)
    assert [(i.line, i.reason.split(":")[0]) for i in items if isinstance(i, Skip)] == [
        (None, "too large"),  # item 1: its doc is its guid, which holds no item number
        (2, "item 2"),
        (3, "too large"),
    ]


@pytest.mark.parametrize("name", ["counterclaim.ingest", "counterclaim.ingest.html"])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
