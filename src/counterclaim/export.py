"""Records for the files a user takes away: JSON Lines, CSV, parquet and the terminal's
tables, from the command line and from the web app alike.

`render(records, format, output, layout=...)` is the one way the command line writes
claims (`CLAIMS`), figures (`FIGURES`) and framing terms (`TERMS`); the web app's
downloads use the same `jsonl_lines` and `claim_csv_lines`.

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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

from counterclaim.model import CLAIM_FIELDS, Claim, figure_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from counterclaim.compare import Figure

# The columns in the order a reader scans them; a field of Claim not named here comes
# after them, so that no field is left out of an export.
COLUMN_ORDER = ("doc", "conflict", "figure", "scope", "part_of", "review", "value", "value_high", "qualifier", "unit",
                "measure", "counted", "counted_group", "group_category", "group_owner",
                "claimant", "claimant_id", "claimant_party", "party", "claimant_link", "optional", "text", "start",
                "end", "sentence_start", "date", "period_start", "period_end", "cumulative", "place", "place_id",
                "country", "lat", "lon", "place_link", "outlet", "url", "article", "id", "sentence",
                "claimant_aliases", "reasons")
CSV_FIELDS = COLUMN_ORDER + tuple(name for name in CLAIM_FIELDS if name not in COLUMN_ORDER)
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
        yield json_line(claim_record(claim))


def json_line(record: Mapping[str, object]) -> str:
    """A record as one line of JSON Lines (tuples as arrays, text as it is).

    >>> json_line({"claimant": "Marant", "value": 14, "aliases": ("Ilse Marant",)})
    '{"claimant": "Marant", "value": 14, "aliases": ["Ilse Marant"]}\\n'
    """
    return json.dumps(record, ensure_ascii=False) + "\n"


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


class Format(StrEnum):
    """What `render` writes: a table for the terminal, JSON Lines, CSV, or a parquet file."""

    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"

    @property
    def binary(self) -> bool:
        """Whether its output is a binary file (parquet) rather than text."""
        return self is Format.parquet


def _itself(record: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    return (record,)


@dataclass(frozen=True)
class Layout:
    """How one kind of record is written besides JSON Lines.

    `columns` are its CSV columns (and a parquet file's when there are no records), `rows`
    the CSV rows one record gives (the record itself by default), and `table` what the
    terminal shows of all the records.
    """

    columns: tuple[str, ...]
    table: Callable[[Sequence[Mapping[str, Any]]], Iterable[RenderableType]]
    rows: Callable[[Mapping[str, Any]], Iterable[Mapping[str, Any]]] = _itself


def render(records: Iterable[Mapping[str, Any]], format: Format, output: IO[Any], *, layout: Layout) -> int:
    """Write `records` to `output` in `format`; how many there were.

    JSON Lines and CSV are written as the records come; a table and a parquet file once
    all have. A parquet file needs a binary `output`, the other formats a text one; a
    list, tuple or dict in a parquet cell is written as JSON text, as in CSV.
    """
    if format is Format.jsonl:
        return _written(output, (json_line(record) for record in records))
    if format is Format.csv:
        count = 0

        def rows() -> Iterator[Mapping[str, Any]]:
            nonlocal count
            for record in records:
                count += 1
                yield from layout.rows(record)

        _written(output, csv_lines(layout.columns, rows()))
        return count
    listed = list(records)
    if format is Format.parquet:
        import pandas as pd

        cells = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | tuple | dict) else v
                  for k, v in record.items()} for record in listed]
        frame = pd.DataFrame.from_records(cells, columns=None if cells else list(layout.columns))
        frame.to_parquet(output, index=False)
    else:
        from rich.console import Console

        console = Console(file=output)
        for shown in layout.table(listed):
            console.print(shown)
    return len(listed)


def _written(output: IO[str], lines: Iterable[str]) -> int:
    count = 0
    for line in lines:
        output.write(line)
        count += 1
    return count


def value_text(record: Mapping[str, Any]) -> str:
    """A claim record's figure as a reader says it (`model.figure_text`): "about 1,200".

    >>> value_text({"value": 1200.0, "value_high": None, "qualifier": "approx"})
    'about 1,200'
    """
    return figure_text(record["value"], record["value_high"], record["qualifier"], record.get("unit") or "count")


def _claims_table(records: Sequence[Mapping[str, Any]]) -> Iterator[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    table = Table("doc", "figure", "measure", "claimant", "evidence", show_lines=False)
    for record in records:
        table.add_row(*(Text(str(cell or "")) for cell in (record["doc"], value_text(record), record["measure"],
                                                             record["claimant"], record["text"])))
    yield table


def figure_record(figure: Figure) -> dict[str, Any]:
    """A figure as the JSON object `compare --format jsonl` prints: whole numbers without `.0`."""
    record = asdict(figure)
    record["claims"] = [_plain_numbers(c) for c in record["claims"]]
    for views in ("by_party", "voices"):
        record[views] = {p: _plain_numbers(v) for p, v in record[views].items()}
    return record


def _plain_numbers(record: dict[str, Any]) -> dict[str, Any]:
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in record.items()}


def _figures_table(records: Sequence[Mapping[str, Any]]) -> Iterator[RenderableType]:
    """Per figure: its label, spread and sources, then a row per claim."""
    from rich.table import Table
    from rich.text import Text

    for record in records:
        spread = f"spread {record['spread']:g}×" if record["spread"] else "no spread"
        sources = record["independent_sources"]
        yield Text.assemble((record["label"], "bold"),
                            f" ({spread}; {sources} independent source{'s' if sources != 1 else ''})")
        yield Text(f"  figure {record['figure']}" + (f", part of {record['part_of']}" if record["part_of"] else ""))
        table = Table("party", "claimant", "value", "article date", "period", "outlet")
        for claim in record["claims"]:
            period = f"{claim['period_start'] or '…'} – {claim['period_end'] or '…'}" if (
                claim["period_start"] or claim["period_end"]) else "-"
            value = value_text(claim) + (" (revised down)" if claim["revised_down"] else "")
            table.add_row(*(Text(cell) for cell in (claim["party"], claim["claimant"], value, claim["date"] or "-",
                                                    period, claim["outlet"] or "-")))
        yield table


def _figure_rows(record: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """A figure in CSV: a row per party."""
    for party, view in record["by_party"].items():
        yield {**record, **view, "party": party}


def _terms_table(records: Sequence[Mapping[str, Any]]) -> Iterator[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    table = Table("actor", "outlet", "term", "class", "count", "quoted", "log-odds z")
    for r in records:
        z = f"{r['log_odds_z']:+.2f}" if r["log_odds_z"] is not None else ""
        table.add_row(*(Text(str(cell)) for cell in (r["actor"], r["outlet"], r["term"], r["term_class"], r["count"],
                                                     r["quoted_count"], z)))
    yield table


CLAIMS = Layout(CSV_FIELDS, _claims_table)
FIGURES = Layout(("figure", "label", "party", "latest", "low", "high", "claims", "spread", "independent_sources"),
                 _figures_table, _figure_rows)
TERMS = Layout(("actor", "outlet", "term", "term_class", "count", "quoted_count", "log_odds_z", "examples"),
               _terms_table)
