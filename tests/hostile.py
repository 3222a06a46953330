"""Hostile inputs for the robustness tests: every kind of dirty file a real corpus holds.

`write_hostile(folder)` writes them and returns, for each file, whether the reader must
report it (a `Skip` with a reason) or read it (it is odd but holds text). Nothing here
is article text from anywhere: the words are made up.
"""

from __future__ import annotations

import codecs
import gzip
import html
import json
import os
from pathlib import Path

GOOD_JSON = {"text": "Officials in Varn said 7 people were killed on Monday.", "url": "https://x.example/a"}


def write_hostile(folder: Path, *, bomb_megabytes: int = 128, item_megabytes: int = 8) -> dict[str, bool]:
    """Write the hostile files into `folder`; {file name: must be skipped}. The newline bomb
    unpacks to `bomb_megabytes` of blank lines, the huge feed item holds `item_megabytes`."""
    folder.mkdir(parents=True, exist_ok=True)
    numbers = ("Figures\n\nThe list read 1,2,3,4,5,6,7,8,9,10,11 and 10^100 and NaN and " + "9" * 400
               + " people, officials said 12 were killed.")
    long_sentence = "Headline here\n\n" + "word " * 20_000 + "and 14 people were killed."
    arabic = "\u0648\u0632\u0627\u0631\u0629 \u0627\u0644\u0635\u062d\u0629"
    rtl = f"Headline about Dara\n\nThe ministry ({arabic}) said \u200f12 people were killed in \u202eDara\u202c."
    deep = b"<html><body>" + b"<div>" * 100_000 + b"Said 9 killed." + b"</div>" * 100_000 + b"</body></html>"
    scripts = b"<html><head><script>var a = 1;</script></head><body><script>alert(1)</script></body></html>"
    files: dict[str, tuple[bytes, bool]] = {
        "empty.txt": (b"", True),
        "whitespace.txt": (b"   \n\t\n  \r\n", True),
        "binary.txt": (bytes(range(256)) * 8, True),
        "invalid-utf8.txt": (b"Headline\n\nSaid 4 \xff\xfe\x00 killed \x80\x81", True),
        "cp1252.txt": ("Caf\xe9 owners in L\xe9ry said 3 shops burned \u2013 officials.".encode("cp1252"), False),
        "utf16.txt": (codecs.BOM_UTF16_LE + "Officials said 5 people were killed in Orbe.".encode("utf-16-le"), False),
        "huge.txt": (b"The council said 3 were hurt. " * (50 * 1024 * 1024 // 30), True),
        "deep.html": (deep, True),
        "scripts-only.html": (scripts, True),
        "numbers.txt": (numbers.encode(), False),
        "long-sentence.txt": (long_sentence.encode(), False),
        "control-chars.txt": (b"Headline\x07\n\nOfficials said 6 were \x1b[31mkilled\x1b[0m.", False),
        "rtl.txt": (rtl.encode(), False),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    lines = [json.dumps(GOOD_JSON), "{not json", json.dumps({"text": 42}), json.dumps({"url": "https://x.example/b"}),
             json.dumps(["a", "list"]), json.dumps({"text": ""}), '{"text": "truncated line']
    (folder / "broken.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A line nested far deeper than a parser recurses, between two good lines.
    deep = "[" * 200_000 + "]" * 200_000
    (folder / "nested.jsonl").write_text(f"{_json(12)}\n{deep}\n{_json(13)}\n", encoding="utf-8")
    # Gigabytes of blank lines compress to almost nothing: a bomb, after one good line.
    with gzip.open(folder / "newlines.jsonl.gz", "wb", compresslevel=9) as bomb:
        bomb.write(_json(14).encode() + b"\n")
        for _ in range(bomb_megabytes // 16):
            bomb.write(b"\n" * 16_000_000)
    # One feed item of many megabytes between two good ones.
    (folder / "huge-item.rss").write_bytes(feed_with_huge_item(item_megabytes))
    expected = {name: skipped for name, (_, skipped) in files.items()}
    # Their bad lines or items are skipped; their good ones read.
    expected |= {"broken.jsonl": True, "nested.jsonl": True, "newlines.jsonl.gz": True, "huge-item.rss": True}
    return expected


BROKEN_JSONL_LINES = 6  # the bad lines of broken.jsonl


def _json(killed: int) -> str:
    return json.dumps({"text": f"Officials in Orbe said {killed} people were killed on Tuesday."})


def feed_with_huge_item(megabytes: int) -> bytes:
    """An RSS feed of three items, the second with `megabytes` of escaped HTML."""
    def item(number: int, body: str) -> str:
        return (f"<item><title>Report {number}</title><guid>https://x.example/feed/{number}</guid>"
                f"<description>{html.escape(body)}</description></item>")

    sentence = "The council of Varn said 3 people were hurt. "
    huge = "<p>" + sentence * (megabytes * 1_000_000 // len(sentence)) + "</p>"
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Varn wire</title>'
            + item(1, "<p>Officials in Varn said 15 people were killed on Monday.</p>") + item(2, huge)
            + item(3, "<p>Officials in Varn said 16 people were killed on Tuesday.</p>")
            + "</channel></rss>").encode()


def write_hostile_entries(folder: Path, outside: Path) -> dict[str, bool]:
    """Entries of a folder that are hostile by their names or kinds, not their bytes: a name
    that is not UTF-8, a name with a terminal escape, a link out of the folder (to a file in
    `outside`), a broken link, a FIFO. {name as stored and listed: must be skipped}."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    text = b"Shelling in Varn\n\nOfficials in Varn said 5 people were killed on Monday.\n"
    (folder / os.fsdecode(b"bad\xffname.txt")).write_bytes(text)
    (folder / "red\x1b[31mname.txt").write_bytes(text.replace(b"5 people", b"6 people"))
    secret = outside / "secret.txt"
    secret.write_bytes(b"Officials said 99 secrets were kept.\n")
    (folder / "out-link.txt").symlink_to(secret)
    (folder / "dangling.txt").symlink_to(outside / "gone.txt")
    os.mkfifo(folder / "pipe.txt")
    return {"bad\\xffname.txt": False, "red\\x1b[31mname.txt": False, "out-link.txt": True, "dangling.txt": True,
            "pipe.txt": True}
