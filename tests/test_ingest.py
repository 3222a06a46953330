"""Tests for counterclaim.ingest: readers, cleaning, metadata, offsets, skips."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.ingest import iter_articles, read
from counterclaim.ingest.clean import SEPARATOR, clean_text, read_byline
from counterclaim.ingest.header import parse_date, split_header
from counterclaim.ingest.outlets import outlet_for_url, registry
from counterclaim.ingest.text import DecodeError, decode
from counterclaim.model import Article, Skip

DATA = Path(__file__).parent / "data" / "ingest"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def only_article(path: Path) -> Article:
    """The single article a file yields (fails on a skip)."""
    items = list(iter_articles([path]))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_offsets_map_back(article: Article, original: str) -> None:
    """Every kept character maps to the same character of the original."""
    covered = set()
    for seg in article.segments:
        clean = article.text[seg.clean_start : seg.clean_start + seg.length]
        assert clean == original[seg.original_start : seg.original_start + seg.length]
        covered.update(range(seg.clean_start, seg.clean_start + seg.length))
    separators = set(range(len(article.text))) - covered
    assert all(article.text[i] == "\n" for i in separators)
    rng = random.Random(article.id)
    for i in rng.sample(sorted(covered), min(200, len(covered))):
        assert article.text[i] == original[article.original_offset(i)]


# --- header line ------------------------------------------------------------------------

BODY = "Border guards said on Monday that 12 people were detained at the crossing."


@pytest.mark.parametrize(
    ("content", "date", "url", "first_line"),
    [
        pytest.param(
            f" date 2024-05-06 https://www.reuters.com/world/x\n\n{BODY}",
            "2024-05-06",
            "https://www.reuters.com/world/x",
            BODY,
            id="date+url",
        ),
        pytest.param(
            f" date unknown https://kyivindependent.com/x\n\n{BODY}",
            None,
            "https://kyivindependent.com/x",
            BODY,
            id="date-unknown+url",
        ),
        pytest.param(
            f" date https://meduza.io/en/x\n\n{BODY}",
            None,
            "https://meduza.io/en/x",
            BODY,
            id="url-only",
        ),
        pytest.param(
            f"https://meduza.io/en/x\n\n{BODY}", None, "https://meduza.io/en/x", BODY, id="bare-url"
        ),
        pytest.param(f" date 2024-01-26\n\n{BODY}", "2024-01-26", None, BODY, id="date-only"),
        pytest.param(
            f" date 2024-01-26 {BODY}\n\nA second paragraph follows here.",
            "2024-01-26",
            None,
            BODY,
            id="text-on-header-line",
        ),
        pytest.param(
            f" date 2024-01-26 https://rt.com/x {BODY}",
            "2024-01-26",
            "https://rt.com/x",
            BODY,
            id="url-then-text",
        ),
        pytest.param(f" date unknown {BODY}", None, None, BODY, id="unknown-then-text"),
        pytest.param(
            f" date 2024-02-30 https://rt.com/y\n\n{BODY}",
            None,
            "https://rt.com/y",
            BODY,
            id="impossible-date",
        ),
        pytest.param(f"Dates and figures\n\n{BODY}", None, None, "Dates and figures", id="none"),
        pytest.param(f"date palms burned\n\n{BODY}", None, None, "date palms burned", id="word"),
    ],
)
def test_header_variants(tmp_path, content, date, url, first_line):
    article = only_article(write(tmp_path, "a.txt", content))
    assert article.date == date
    assert article.url == url
    assert article.text.split(SEPARATOR)[0] == first_line
    assert_offsets_map_back(article, content)


def test_text_on_header_line_is_the_lead_not_a_title(tmp_path):
    content = f" date 2024-01-26 {BODY}\n\nSecond paragraph, also prose."
    article = only_article(write(tmp_path, "a.txt", content))
    assert article.title is None
    assert article.text == f"{BODY}\n\nSecond paragraph, also prose."
    assert content[article.original_offset(0) :].startswith("Border guards")


def test_split_header_offsets():
    assert split_header(" date 2024-01-26 Text").body_start == len(" date 2024-01-26 ")
    assert split_header("No header").body_start == 0


# --- cleaning -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def furniture() -> Article:
    return only_article(DATA / "furniture.txt")


def test_furniture_removed_and_prose_kept(furniture):
    assert furniture.text.split(SEPARATOR) == [
        "Drone strike on Marisk market kills 17, officials say",
        "Regional governor says rescue work will continue through the night",
        "A drone strike hit the covered market in Marisk on Thursday, killing at least 17 "
        "people and wounding 40, regional governor Ilsa Brandt said.",
        '"We are still pulling people out from under the roof," Brandt told reporters.',
        "The defence ministry of the neighbouring Korvan Republic denied any involvement and "
        "said its aircraft had flown no missions over the region since Monday.",
    ]


def test_furniture_reasons():
    original = (DATA / "furniture.txt").read_text(encoding="utf-8")
    cleaned = clean_text(original, start=split_header(original).body_start)
    reasons = {d.text: d.reason for d in cleaned.dropped}
    assert reasons["News – Eastern Valdoria and the Korvan Border"] == "section label"
    assert reasons["Home | World | Eastern Valdoria"] == "navigation"
    assert reasons["Listen to this article"] == "call to action"
    assert reasons["Table of Contents"] == "call to action"
    assert reasons["09:15 - 14/02/2025 Friday"] == "timestamp"
    assert reasons["File photo"] == "photo caption"
    assert reasons["Subscribe to our daily newsletter"] == "call to action"
    assert reasons["Share this"] == "call to action"
    assert reasons["Popular"] == "navigation"
    assert reasons["Latest Stories"] == "navigation"
    assert reasons["By Anna Keller"] == "byline"
    assert reasons["Donate to Example Daily"] == "call to action"
    assert reasons["Join the conversation about the war in Valdoria"] == "after closing byline"
    assert cleaned.date == "2025-02-14"  # from the timestamp line
    assert sum(d.reason == "repeated line" for d in cleaned.dropped) == 1


def test_closing_byline_ends_the_article_unless_a_paragraph_follows():
    body = [f"Paragraph {n} says what the officials said about the shelling." for n in range(4)]
    tail = ["By Jane Doe", "More coverage of the war in the north"]
    assert clean_text("\n".join(body + tail)).text.split(SEPARATOR) == body
    later = "Update: " + " ".join(["the shelling of the port continued"] * 5) + "."
    assert clean_text("\n".join(body + tail + [later])).text.split(SEPARATOR) == [*body, later]


def test_headline_kept_and_title_set(furniture):
    assert furniture.title == "Drone strike on Marisk market kills 17, officials say"
    assert furniture.text.startswith(furniture.title)
    assert furniture.date == "2025-02-14"
    assert furniture.outlet == "Example Daily"  # host unknown: from the staff byline
    assert furniture.url == "https://www.example-daily.test/world/valdoria-market-strike"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["Ceasefire collapses", "Fighting resumed on Monday."], "Ceasefire collapses"),
        (["Gaza: 53 killed", "Officials said so."], "Gaza: 53 killed"),
        (["Site Name", "Shelling kills 4 in Dorvik", "Four died."], "Shelling kills 4 in Dorvik"),
        (["The strike killed four people, officials said."], None),
    ],
)
def test_short_headlines_kept(lines, title):
    cleaned = clean_text("\n\n".join(lines))
    assert cleaned.title == title
    if title:
        assert cleaned.text.startswith(title)


@pytest.mark.parametrize(
    "line",
    [
        "Israel Strikes Gaza On October 7 Anniversary",  # Title Case with a date
        "Search for survivors continues in Dorvik",  # opens with a menu word
        "Ukraine – Russia talks collapse again",  # dashed, but a verb
        "Rebels Say They Shot Down 2 Helicopters",
        "Residents of the town are also suffering from hunger and di",  # cut mid-word
    ],
)
def test_headings_that_look_like_furniture_are_kept(line):
    text = f"{line}\n\nThe army said on Monday that the fighting had stopped."
    assert clean_text(text).text.split(SEPARATOR)[0] == line


def test_prose_is_never_dropped_for_its_words():
    # Lines that mention furniture words inside real sentences stay.
    text = (
        "Related talks in Geneva ended without agreement on Sunday, the mediators said.\n"
        "Sources said 40 people were killed in the strike.\n"
        "By Monday, 40 people had died.\n"
        "The ministry said its latest figures showed 212 wounded.\n"
    )
    assert clean_text(text).text.split(SEPARATOR) == text.strip().split("\n")


def test_leading_indentation_and_blank_runs(tmp_path):
    content = "Headline with several words here\n\n\n\n    Indented prose line one.\n\t\tTwo.\n"
    article = only_article(write(tmp_path, "a.txt", content))
    assert article.text == "Headline with several words here\n\nIndented prose line one.\n\nTwo."
    assert_offsets_map_back(article, content)


# --- outlets ---------------------------------------------------------------------------


def test_outlet_from_host(tmp_path):
    article = only_article(
        write(tmp_path, "a.txt", f" date unknown https://www.timesofisrael.com/x/\n\n{BODY}")
    )
    assert article.outlet == "The Times of Israel"
    assert outlet_for_url("https://edition.cnn.com/x").name == "CNN"  # subdomain
    assert outlet_for_url("https://sputnikglobe.com/x").ownership == "state"
    assert outlet_for_url("https://unknown.example/x") is None
    assert outlet_for_url("not a url") is None


def test_outlet_from_source_byline():
    article = only_article(DATA / "source_byline.txt")
    assert article.outlet == "Example Wire"
    assert "Source" not in article.text
    assert article.title == "Rebels say they took 3 border posts"
    assert read_byline("Source @South Front").outlet == "South Front"


def test_outlet_from_reuters_dateline():
    article = only_article(DATA / "dateline_wire.txt")
    assert article.outlet == "Reuters"
    assert article.date is None  # "March 3" has no year: never guessed
    assert article.text.startswith("Port Calder, March 3 (Reuters)")  # the lead is kept


def test_mid_article_source_line_is_not_the_outlet():
    text = "\n".join(
        ["A long first paragraph about the shelling of the port, with several details."]
        + ["Source: Ministry of Health"]
        + [f"Paragraph {n} goes on about the war and what the officials said." for n in range(6)]
    )
    assert clean_text(text).outlet is None


def test_registry_is_well_formed():
    table = registry()
    assert len(table) >= 60
    assert {o.ownership for o in table.values()} <= {"state", "public", "private", "wire"}
    assert table["ochaopt.org"].name == "UN OCHA oPt"


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("10:47 - 20/11/2023 Pazartesi", "2023-11-20"),
        ("Published 3 March 2024, 10:00 GMT", "2024-03-03"),
        ("July 27, 2024", "2024-07-27"),
        ("2024-07-28T10:00", "2024-07-28"),
        ("Bamako, July 27 (Reuters)", None),
        ("04/05/2024", None),
        ("31/02/2024", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


# --- identity -----------------------------------------------------------------------------


def test_id_stable_and_equal_for_identical_text(tmp_path):
    a = only_article(write(tmp_path, "a.txt", f"Headline words for the story\n\n{BODY}"))
    b = only_article(
        write(tmp_path, "b.txt", f" date 2024-01-01\n\nHeadline words for the story\n\n{BODY}\n")
    )
    c = only_article(write(tmp_path, "c.txt", f"Headline words for the story\n\n{BODY} More."))
    assert a.id == b.id != c.id
    assert re.fullmatch(r"[0-9a-f]{16}", a.id)
    assert (a.doc, b.doc) == ("a.txt", "b.txt")
    assert only_article(tmp_path / "a.txt").id == a.id


# --- JSON Lines ---------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines():
    items = list(iter_articles([DATA / "records.jsonl"]))
    articles = [i for i in items if isinstance(i, Article)]
    skips = {i.line: i.reason for i in items if isinstance(i, Skip)}
    assert [a.doc for a in articles] == ["rec-1", "records.jsonl:8"]
    first = articles[0]
    assert (first.date, first.title, first.outlet) == (
        "2024-05-06",
        "Shelling hits Dorvik",
        "Al Jazeera",
    )
    assert "newsletter" not in first.text
    assert articles[1].outlet == "Example Monitor"
    assert skips[2].startswith("line 2: not JSON")
    assert skips[3] == "line 3: not a JSON object but list"
    assert skips[4] == "line 4: missing 'text'"
    assert skips[5] == "line 5: 'text' is int, not a string"
    assert skips[7] == "line 7: empty 'text'"
    assert skips[9] == "line 9: no text after cleaning"
    assert 6 not in skips  # a blank line is not a record


# --- folders and skips --------------------------------------------------------------------


def test_folder_with_binary_and_empty_files(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    write(folder, "b_good.txt", f"Headline words for the story\n\n{BODY}")
    write(folder / "sub", "c_good", f"Another headline for a story\n\n{BODY} Again.")
    write(folder, "a_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(folder, "d_empty.txt", b"  \n\n")
    write(folder, "e_latin.txt", "Caf\xe9 owners said 3 shops burned.".encode("cp1252"))
    write(folder, "f_junk.txt", b"abc \x81\x9d\x02 broken")
    write(folder, "ignored.pdf", b"%PDF-1.4")
    write(folder, ".hidden.txt", "Hidden file with words in it.")
    items = list(iter_articles([folder]))
    summary = [
        (Path(i.path).name, i.reason) if isinstance(i, Skip) else Path(i.source_path).name
        for i in items
    ]
    assert summary == [
        ("a_binary.txt", "binary file (NUL bytes)"),
        "b_good.txt",
        ("d_empty.txt", "empty file"),
        "e_latin.txt",
        ("f_junk.txt", "not UTF-8: byte 0x81 at offset 4, and no other text encoding fits"),
        "c_good",
    ]
    assert [a.doc for a in read(folder)] == ["b_good.txt", "e_latin.txt", "c_good"]


def test_named_files_unknown_suffix_and_missing(tmp_path):
    pdf = write(tmp_path, "report.pdf", b"%PDF-1.4")
    items = list(iter_articles([pdf, tmp_path / "nope.txt"]))
    assert items == [
        Skip(path=str(pdf), reason="unknown file type '.pdf'"),
        Skip(path=str(tmp_path / "nope.txt"), reason="no such file or folder"),
    ]


def test_furniture_only_file_is_skipped(tmp_path):
    path = write(tmp_path, "a.txt", "Share this\nAdvertisement\nSubscribe to our newsletter\n")
    assert list(iter_articles([path])) == [Skip(path=str(path), reason="no text after cleaning")]


def test_decode_variants():
    assert decode("\ufeffTexte".encode()) == "Texte"
    assert decode("Über 30 Tote".encode("utf-16")) == "Über 30 Tote"
    with pytest.raises(DecodeError, match="binary"):
        decode(b"abc\x00def")


# --- HTML ---------------------------------------------------------------------------------


def test_html_title_date_url_outlet():
    pytest.importorskip("trafilatura", reason="trafilatura (with lxml_html_clean) not importable")
    article = only_article(DATA / "page.html")
    assert article.title == "Ceasefire in Terhova holds for a third day"
    assert article.date == "2024-04-02"
    assert article.url == "https://www.theguardian.com/world/2024/apr/02/terhova-ceasefire-holds"
    assert article.outlet == "The Guardian"
    assert "some 3,000 residents were still sheltering" in article.text
    assert "newsletter" not in article.text and "Sport" not in article.text


# --- offsets (property) -------------------------------------------------------------------

LINE_KINDS = st.sampled_from(
    [
        "Share this",
        "Subscribe to our newsletter",
        "File photo",
        "  Indented prose line that ends properly.",
        "Strike kills 9 in the capital",
        "Home | World",
        "10:00 - 01/02/2024",
        "By Jane Doe",
        "“A quoted sentence,” he said.\u00a0",
        "",
        "   ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LINE_KINDS, st.text(min_size=1, max_size=40)), max_size=25))
def test_cleaned_text_is_made_of_original_slices(lines):
    original = "\n".join(lines)
    cleaned = clean_text(original)
    rebuilt = SEPARATOR.join(
        original[s.original_start : s.original_start + s.length] for s in cleaned.segments
    )
    assert rebuilt == cleaned.text
    if cleaned.text:
        article = Article(id="x", doc="x", text=cleaned.text, segments=cleaned.segments)
        assert_offsets_map_back(article, original)


# --- the real corpus ----------------------------------------------------------------------

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared corpus not present")


def _gold(name: str) -> list[dict]:
    return [json.loads(line) for line in (SHARED / "gold" / name).read_text().splitlines() if line]


@pytest.fixture(scope="module")
def real_articles() -> dict[str, Article]:
    items = list(iter_articles([SHARED / "corpus" / "seeds", SHARED / "corpus" / "news"]))
    assert all(isinstance(i, Article) for i in items), items
    return {i.doc: i for i in items if isinstance(i, Article)}


@needs_shared
def test_real_corpus_keeps_every_gold_claim(real_articles):
    assert len(real_articles) == 12
    claims = _gold("seeds.claims.jsonl") + _gold("news.claims.jsonl")
    missing = [
        (c["doc"], c["text"]) for c in claims if c["text"] not in real_articles[c["doc"]].text
    ]
    assert missing == []


@needs_shared
def test_real_corpus_metadata_matches_gold(real_articles):
    for doc in _gold("seeds.docs.jsonl") + _gold("news.docs.jsonl"):
        article = real_articles[doc["doc"]]
        assert article.date == doc["date"], doc["doc"]  # gold null: the file gives none
        assert article.url == doc["url"], doc["doc"]
        original = Path(article.source_path or "").read_text(encoding="utf-8")
        if doc["title"] and doc["title"] in original:
            assert article.title and doc["title"] in article.title, doc["doc"]
        assert_offsets_map_back(article, original)


@needs_shared
def test_real_corpus_outlets(real_articles):
    outlets = {doc[:3]: a.outlet for doc, a in real_articles.items()}
    assert outlets == {
        "000": None,
        "001": "All Israel News",  # staff byline
        "002": None,
        "003": "Sputnik",  # host
        "004": "South Front",  # "Source @…" byline
        "101": "Sputnik",
        "103": "UN OCHA oPt",
        "106": "Yeni Safak",
        "110": None,  # host not in the registry, no byline
        "112": "The Irrawaddy",
        "115": "Reuters",  # dateline; the host is not in the registry
        "118": "Addis Standard",  # "Source …" byline
    }


@needs_shared
def test_real_seeds_lose_their_furniture(real_articles):
    furniture = re.compile(
        r"donate|subscribe|newsletter|mailing list|readers like you|table of contents"
        r"|listen to this article|leave a comment|scroll to top|popular articles|latest stories"
        r"|staff is a team|^source\b",
        re.I | re.M,
    )
    for doc, article in real_articles.items():
        assert not furniture.search(article.text), doc
