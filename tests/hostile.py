"""Hostile inputs for the robustness tests: every kind of dirty file a real corpus holds.

`write_hostile(folder)` writes them and returns, for each file, whether the reader must
report it (a `Skip` with a reason) or read it (it is odd but holds text). Nothing here
is article text from anywhere: the words are made up.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

GOOD_JSON = {"text": "Officials in Varn said 7 people were killed on Monday.", "url": "https://x.example/a"}


def write_hostile(folder: Path) -> dict[str, bool]:
    """Write the hostile files into `folder`; {file name: must be skipped}."""
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
    expected = {name: skipped for name, (_, skipped) in files.items()}
    expected["broken.jsonl"] = True  # its bad lines; its first line is read
    return expected


BROKEN_JSONL_LINES = 6  # the bad lines of broken.jsonl
