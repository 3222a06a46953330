"""Claims as records for the files a user takes away: JSON Lines and CSV, from the command
line and from the web app alike.

The CLI's CSV and the web app's download are the same bytes for the same claims: one list of
columns (`CSV_FIELDS`), lists written as JSON arrays, `true`/`false`, whole numbers
without `.0` (`csv_cell`).

A CSV file is opened in a spreadsheet, and a spreadsheet reads a cell that starts with
`=`, `+`, `-` or `@` (or a tab or carriage return) as a formula: article text is written by
strangers, and every claim an article states in its own voice has the claimant `@author`.
Such cells are written with a leading apostrophe, as OWASP recommends for CSV injection, so
that no spreadsheet evaluates them; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence

from counterclaim.model import CLAIM_FIELDS, Claim

CSV_FIELDS = ("doc", "conflict", "figure", "scope", "part_of", "value", "value_high", "qualifier", "unit", "measure",
              "counted", "counted_group", "group_category", "group_owner",
              "claimant", "claimant_id", "claimant_party", "claimant_link", "optional", "text", "start",
              "end", "date", "period_start", "period_end", "cumulative", "place", "place_id", "country", "lat",
              "lon", "place_link", "outlet", "url", "article", "sentence", "claimant_aliases", "reasons")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def claim_record(claim: Claim) -> dict[str, object]:
    """A claim as the JSON object of SCHEMA.md, plus provenance fields."""
    # A shallow copy: every field is a plain value or a tuple of strings, and asdict's deep
    # copy of them was three quarters of the time of a download.
    record = {name: getattr(claim, name) for name in CLAIM_FIELDS}
    record["claimant_aliases"] = list(claim.claimant_aliases)
    record["reasons"] = list(claim.reasons)
    for key in ("value", "value_high"):
        value = record[key]
        if isinstance(value, float) and value.is_integer():
            record[key] = int(value)
    return record


def jsonl_lines(claims: Iterable[Claim]) -> Iterator[str]:
    """One JSON line per claim, as they come."""
    for claim in claims:
        yield json.dumps(claim_record(claim), ensure_ascii=False) + "\n"


def csv_lines(fields: Sequence[str], records: Iterable[Mapping[str, object]]) -> Iterator[str]:
    """A header line, then one line per record (its `fields` in order), every cell as
    `csv_cell` writes it.

    >>> list(csv_lines(["claimant", "value", "aliases"], [{"claimant": "@author", "value": -3.0, "aliases": ["a"]}]))
    ['claimant,value,aliases\\r\\n', '\\'@author,-3,"[""a""]"\\r\\n']
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows: Iterator[list[object]] = itertools.chain([list(fields)],
                                                   ([record.get(field) for field in fields] for record in records))
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def claim_csv_lines(claims: Iterable[Claim]) -> Iterator[str]:
    """The claims as CSV lines with the columns of `CSV_FIELDS`."""
    return csv_lines(CSV_FIELDS, (claim_record(claim) for claim in claims))


def csv_cell(value: object) -> object:
    """A value as a CSV cell that any reader takes back as it was: a list as a JSON array, a
    truth value as `true`/`false` (as in JSON Lines), a whole number without `.0`, nothing
    for None, and a text a spreadsheet would read as a formula behind an apostrophe.

    >>> [csv_cell(v) for v in (("a", "b"), True, 53.0, 2.5, None)]
    ['["a", "b"]', 'true', 53, 2.5, '']
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None:
        return ""
    return spreadsheet_cell(value)


def spreadsheet_cell(value: object) -> object:
    """`value`, with an apostrophe before a text that a spreadsheet would read as a formula.

    >>> spreadsheet_cell("=HYPERLINK(\\"x\\")"), spreadsheet_cell("@author"), spreadsheet_cell(-4)
    ('\\'=HYPERLINK("x")', "'@author", -4)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
