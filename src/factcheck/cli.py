"""The command line: a thin layer over the services. Errors become one line and a non-zero exit."""

from __future__ import annotations

import contextlib
import difflib
import errno
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from factcheck.errors import FactcheckError, InputError, NotFound
from factcheck.text.control import json_safe, terminal_safe

try:  # typer >= 0.22 carries its own copy of click
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover - older typer uses the click package
    from click.exceptions import ClickException  # type: ignore[no-redef]

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import Engine
    from sqlmodel import Session

    from factcheck.store.reader import Reader
    from factcheck.text.document import Document

# Start-up time matters for a command people type dozens of times an hour: `--help` must not load
# SQLAlchemy, the extraction engine or numpy. So this module imports only typer at the top; each
# command imports the services it needs (benchmarks/startup.py measures it).

T = TypeVar("T")


def _plain_argument_help() -> None:
    """Show arguments as `PATH` / `[CLAIM]` in help, without typer's `{path}` and `<str>` decorations.

    Typer (0.2x) prints required arguments in braces and appends the Python type; people reading
    `factcheck import --help` want the metavar only. Left alone when typer's internals differ.
    """
    argument = getattr(getattr(typer, "core", None), "TyperArgument", None)
    if argument is None or not hasattr(argument, "_usage_display_name"):
        return

    def usage_name(self: Any) -> str:
        name = str(self.display_name_raw)
        return name if self.required else f"[{name}]"

    argument._usage_display_name = usage_name
    argument.display_type_rich = lambda self, ctx: None


_plain_argument_help()

app = typer.Typer(
    name="factcheck",
    help="A terminal workbench for fact-checkers: import articles, check claims, keep an audit trail.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Options given before the command (`factcheck --db X claims`) apply to it.
_root_options: dict[str, object] = {}

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="FACTCHECK_DB",
        metavar="URL|PATH",
        help="Database: SQLAlchemy URL or SQLite path [default: ./claims.db]",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ByOption = Annotated[
    str | None,
    typer.Option("--by", envvar="FACTCHECK_USER", metavar="NAME", help="Who does this [default: your login name]."),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="de|en",
        help="Language, de or en (default: detected; also imports text that looks like another language).",
    ),
]
TitleOption = Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Title (default: detected).")]
ExpectVersionOption = Annotated[
    int | None,
    typer.Option(
        "--expect-version",
        metavar="N",
        min=1,
        help="Refuse the change if the claim is no longer at version N (as `show` printed it).",
    ),
]


def actor(by: str | None) -> str:
    """`--by` (or FACTCHECK_USER), else the login name; an empty name is a mistake, not "nobody"."""
    if by is not None:
        if not by.strip():
            raise InputError("--by needs a name (leave it out to use your login name)")
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def emit_json(data: Any) -> None:
    # ensure_ascii=False keeps umlauts readable. json.dumps then escapes C0 only: C1 controls and
    # bidi overrides are written as \\uXXXX too (still the same JSON value), so a terminal never acts on them.
    dumped = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    typer.echo(json_safe(dumped))


def say(line: str = "", *, err: bool = False) -> None:
    """Print one human-readable line; anything control-like in it is shown escaped, never executed."""
    typer.echo(terminal_safe(line, one_line=True), err=err)


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _typed(name: str) -> bool:
    """Whether the running command's option `name` was typed (not taken from the environment)."""
    try:
        from typer._click.core import ParameterSource
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - older typer: the click package
        from click.core import ParameterSource  # type: ignore[no-redef]
        from click.globals import get_current_context  # type: ignore[no-redef]
    ctx = get_current_context(silent=True)
    return ctx is not None and ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE


def chosen_db(db: str | None) -> str | None:
    # `factcheck --db X command` and `factcheck command --db X` both work; a typed --db (either place)
    # wins over FACTCHECK_DB, which typer also hands to the command's own option.
    root = _root_options.get("db")
    root = root if isinstance(root, str) else None
    if root is not None and _root_options.get("db_typed") and not _typed("db"):
        db = root
    chosen = db if db is not None else root
    if chosen is not None and not chosen.strip():
        raise InputError("--db is empty: give a SQLite path or a database URL")
    return chosen


def open_engine(db: str | None) -> Engine:
    from factcheck.store import create_store_engine

    return create_store_engine(chosen_db(db))


def in_store(db: str | None, use_case: Callable[[Session], T], *, must_exist: bool = False) -> T:
    """Run one use case in one transaction on the chosen database.

    `must_exist`: a command that only reads refuses a SQLite file that is not there (a mistyped --db)
    instead of creating an empty database.
    """
    from factcheck.store import session_scope

    if must_exist:
        require_database(db)
    with session_scope(open_engine(db)) as session:
        return use_case(session)


def require_database(db: str | None) -> None:
    from factcheck.store.reader import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(chosen_db(db)))
    if path is not None and not os.path.exists(path):
        raise InputError(f"no database at {path} (import an article first, or check --db)")


def database_files(db: str | None) -> list[Path]:
    """The SQLite file in use, which no output may replace (services.outputs)."""
    from pathlib import Path

    from factcheck.store.reader import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(chosen_db(db)))
    return [Path(path)] if path else []


def in_reader(db: str | None, read: Callable[[Reader], T], *, must_exist: bool = False) -> T:
    """Run a read-only use case; on a current SQLite file without loading the ORM (store/reader.py)."""
    from factcheck.store.reader import Reader, open_sqlite_reader

    if must_exist:
        require_database(db)
    reader = open_sqlite_reader(chosen_db(db))
    if reader is None:  # PostgreSQL, or a database to create or migrate: the ORM route decides
        return in_store(db, lambda session: read(Reader.of_session(session)))
    try:
        return read(reader)
    finally:
        reader.close()


def read_document(source: str, title: str | None, lang: str | None) -> tuple[Document, str]:
    from factcheck.services.loading import load_input
    from factcheck.text.document import prepare_document

    loaded = load_input(source)
    doc = prepare_document(loaded.data, name=loaded.name, content_type=loaded.content_type, title=title, language=lang)
    for warning in getattr(doc, "warnings", ()):
        say(f"warning: {warning}", err=True)
    return doc, loaded.origin


MAX_ID = 2**63 - 1  # the largest id SQLite and PostgreSQL (bigint) can store; larger ones name nothing


def parse_id(value: str, what: str) -> int:
    try:
        number = int(value.lstrip("#"))
    except ValueError:
        raise InputError(f"{what} id must be a number, got {value!r}") from None
    if number <= 0:
        raise InputError(f"{what} id must be positive, got {value!r}")
    if number > MAX_ID:
        raise NotFound(f"no {what} with id {number}")
    return number


@app.callback(invoke_without_command=True)
def _root(ctx: typer.Context, db: DbOption = None) -> None:
    """Without a command: open the workbench on the article list."""
    _root_options["db"] = db
    _root_options["db_typed"] = _typed("db")
    if ctx.invoked_subcommand is None:
        launch_tui(db, None, None)


@app.command("import")
def import_(
    source: Annotated[
        str, typer.Argument(metavar="PATH|URL|-", help="File (.txt, .md, .html), http(s) URL, or - for stdin.")
    ],
    title: TitleOption = None,
    lang: LangOption = None,
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import an article and extract its claims (the same text twice yields the same article)."""
    from factcheck.services import articles

    doc, origin = read_document(source, title, lang)
    result = in_store(db, lambda session: articles.import_document(session, doc, origin=origin, actor=actor(by)))
    if as_json:
        emit_json(result.to_dict())
    else:
        verb = "imported" if result.created else "already imported"
        claims_count = plural(result.claims, "claim")
        say(f"{verb}: article {result.article_id} “{result.title}” ({result.language}), {claims_count}")


@app.command()
def extract(
    source: Annotated[str, typer.Argument(metavar="PATH|URL|-", help="File, URL or - for stdin.")],
    title: TitleOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Extract claims without touching the database."""
    from factcheck.services import articles

    doc, _origin = read_document(source, title, lang)
    extracted = articles.extract_document(doc)
    if as_json:
        emit_json(
            {
                "article": {"title": doc.title, "language": doc.language, "sha256": doc.sha256},
                "claims": [c.to_dict() for c in extracted],
            }
        )
        return
    for i, c in enumerate(extracted, 1):
        mark = " " if c.checkworthy else "·"
        say(f"{i:>3} {mark} {','.join(c.kinds):<24} {c.text}")


@app.command("articles")
def articles_(
    search: Annotated[str, typer.Option(metavar="TEXT", help="Only titles containing this.")] = "",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List imported articles, newest first."""
    from factcheck.services import articles

    rows = in_store(db, lambda session: articles.list_articles(session, search=search))
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    if not rows:
        say(f"no article title contains {search!r}" if search else "no articles yet (factcheck import PATH adds one)")
    for r in rows:
        dismissed = f", {r.dismissed} dismissed" if getattr(r, "dismissed", 0) else ""
        say(
            f"{r.id:>5}  {r.language}  {plural(r.claims, 'claim'):>10}  {r.checked:>4} checked"
            f" ({r.checked_percent:.1f} %){dismissed}  {r.title}"
        )


@app.command("claims")
def claims_(
    article: Annotated[str | None, typer.Argument(metavar="ARTICLE", help="Article id (default: all).")] = None,
    status: Annotated[
        str | None, typer.Option(metavar="STATUS", help="open, in-progress, checked or dismissed.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include sentences that are not check-worthy.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List claims with id, kinds, status and text."""
    from factcheck.services import listing

    article_id = parse_id(article, "article") if article else None
    rows = in_reader(
        db, lambda reader: listing.list_claims(reader, article_id=article_id, status=status, checkworthy_only=not all_)
    )
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    print_claim_rows(rows)


def print_claim_rows(rows: Iterable[Any]) -> None:
    for r in rows:
        state = r.verdict.label_en if r.verdict else r.status
        say(f"{r.id:>6}  {','.join(r.kinds):<28} {state:<14} {r.text}")


@app.command()
def show(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="Claim id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one claim with its fields, verdicts, notes, sources, history and its span in the raw text."""
    from factcheck.services import claims, history

    claim_id = parse_id(claim, "claim")
    if as_json:
        emit_json(in_store(db, lambda session: claims.claim_detail(session, claim_id), must_exist=True).to_dict())
        return
    detail, entries = in_store(
        db,
        lambda session: (claims.claim_detail(session, claim_id), history.claim_history(session, claim_id)),
        must_exist=True,
    )
    print_claim_detail(detail)
    say(f"history ({plural(len(entries), 'event')}, oldest first):")
    print_history(entries, "en", indent="  ")


def print_claim_detail(detail: Any) -> None:
    c = detail.claim
    say(f"claim {c.id} · article {c.article_id} “{detail.article_title}” · {c.status} · v{c.version}")
    say(c.text)
    say(f"kinds: {', '.join(c.kinds) or '-'}   check-worthiness: {c.checkworthiness:.2f}")
    raw = getattr(detail, "raw", None)
    span = f"raw text [{detail.raw_start}:{detail.raw_end}]"
    say(f"{span}: {raw.text}" if raw is not None else span)
    for d in c.dates:
        from factcheck.extract.dates import year_inferred, year_unknown

        inferred = " (year inferred)" if year_inferred(d) else ""
        unknown = "(year unknown)" if year_unknown(d) else "(relative)"
        say(f"date: {d.get('text', '')} → {d.get('value') or unknown}{inferred}")
    for q in c.quotes:
        say(f"quote: „{q.get('text', '')}“ — {q.get('speaker') or 'unknown speaker'}")
    if c.speakers:
        say(f"speakers: {', '.join(c.speakers)}")
    if c.time_cues:
        cues = ", ".join(f"{t.get('family')} “{t.get('text')}”" for t in c.time_cues)
        say(f"time-sensitive: holds as of {c.as_of or 'an unknown day'} ({cues}); check it still does")
    if not detail.verdicts:
        say("verdict: none yet")
    for v in detail.verdicts:
        review = f"review {v.review_state}" + (f" by {v.reviewer}" if v.reviewer else "")
        say(f"verdict: {v.label_en} / {v.label_de} by {v.checker} at {v.created_at} · {review}")
        if v.rationale:  # the checker's words, on their own line: not to be read as the reviewer's
            say(f"  rationale: {v.rationale}")
        if getattr(v, "review_comment", None):
            say(f"  review comment by {v.reviewer}: {v.review_comment}")
    for n in detail.notes:
        say(f"note by {n.author} at {n.created_at}: {n.body}")
    if not detail.sources:
        say("sources: none yet")
    for s in detail.sources:
        status = f"HTTP {s.http_status}" if s.http_status else getattr(s, "state", "not fetched")
        fetched = f", fetched {s.fetched_at}" if s.fetched_at else ""
        moved = f" → {s.final_url}" if getattr(s, "final_url", None) and s.final_url != s.url else ""
        title = f" “{s.title}”" if s.title else ""
        snapshots = getattr(s, "snapshots", None)
        count = f", {plural(len(snapshots), 'snapshot')}" if snapshots else ""
        say(f"source {s.id}: {s.url}{moved}{title} ({status}{fetched}{count}, added by {s.added_by})")
        if getattr(s, "error", None):
            say(f"  failed: {s.error}")
        print_checks(getattr(s, "checks", None), indent="  ")


def print_history(entries: list[Any], lang: str, *, indent: str = "", with_claim: bool = False) -> None:
    """One line per event: time, actor, [claim,] what changed (factcheck.history_words), "(undone)"."""
    from factcheck.history_words import CHANGE_PHRASES, pick

    # names as shown (a stored control character as its visible escape), so the padding fits what is printed
    names = [terminal_safe(e.actor, one_line=True) for e in entries]
    width = min(max(map(len, names), default=0), 16)
    undone = pick(CHANGE_PHRASES["undone"], lang)
    for e, name in zip(entries, names, strict=True):
        where = ""
        if with_claim:
            where = f"{'#' + str(e.claim_id) if e.claim_id is not None else '':<6} "
        mark = f" ({undone})" if e.undone else ""
        say(f"{indent}{e.at}  {name:<{width}}  {where}{'; '.join(e.lines(lang))}{mark}")


@app.command("history")
def history_(
    target: Annotated[str, typer.Argument(metavar="CLAIM|ARTICLE", help="Claim id; with --article an article id.")],
    article: Annotated[
        bool, typer.Option("--article", help="TARGET is an article: its import and the events of all its claims.")
    ] = False,
    by_actor: Annotated[str | None, typer.Option("--actor", metavar="NAME", help="Only this person's events.")] = None,
    action: Annotated[
        str | None,
        typer.Option("--action", metavar="ACTION", help="Only this action (verdict.set) or family (verdict)."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", metavar="de|en", help="Language of the lines.")] = "en",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """What happened to a claim (or an article), oldest first: who changed what, in words."""
    from factcheck.services import history

    history.check_language(lang)
    if article:
        article_id = parse_id(target, "article")
        entries = in_reader(
            db,
            lambda reader: history.article_history(reader, article_id, actor=by_actor, action=action),
            must_exist=True,
        )
    else:
        claim_id = parse_id(target, "claim")
        entries = in_reader(
            db, lambda reader: history.claim_history(reader, claim_id, actor=by_actor, action=action), must_exist=True
        )
    if as_json:
        emit_json([e.to_dict(lang) for e in entries])
        return
    if not entries:
        say("no events match" if by_actor is not None or action is not None else "no events")
    print_history(entries, lang, with_claim=article)


@app.command()
def timeline(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="Article id.")],
    memory: Annotated[
        bool, typer.Option("--memory/--no-memory", help="Add checked claims from the memory that match (second lane).")
    ] = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The article's dated claims in chronological order, with conflicts and the memory's checked claims."""
    from factcheck.services.timeline import article_timeline

    article_id = parse_id(article, "article")
    result = in_reader(db, lambda reader: article_timeline(reader, article_id, memory=memory), must_exist=True)
    if as_json:
        emit_json(result.to_dict())
        return
    print_timeline(result)


def print_timeline(result: Any) -> None:
    from factcheck.ratings import BY_KEY

    whose = "its own date" if result.article_date_from == "article" else "the day it was imported"
    say(f"article date {result.article_date or 'unknown'} ({whose}); {plural(len(result.entries), 'entry', 'entries')}")
    marker_shown = result.article_date is None
    for e in result.entries:
        if not marker_shown and e.start.isoformat() > result.article_date:
            say(f"{result.article_date:<23} ── article date ──")
            marker_shown = True
        rating = BY_KEY[e.rating].en if e.rating in BY_KEY else e.rating
        if e.lane == "memory":
            who = f"memory #{e.checked_id}"
            state = f"checked: {rating}"
        else:
            who = f"claim {e.claim_id}"
            state = f"verdict: {rating}" if rating else (e.status or "")
        say(f"{e.value:<12} {e.precision:<6} {who:<12} {state:<22} {e.text}")
        if e.relative and e.resolved_against:
            say(f"{'':<13}“{e.words}” resolved against {e.resolved_against}")
        if e.time_sensitive:
            say(f"{'':<13}time-sensitive: holds as of {e.as_of or 'the article date'}")
        for conflict in e.conflicts:
            say(f"{'':<13}! conflict: {conflict.text()}")
    if not marker_shown:
        say(f"{result.article_date:<23} ── article date ──")


@app.command()
def recheck(
    older_than: Annotated[
        str, typer.Option("--older-than", metavar="AGE", help="How old the as-of date must be: 30d, 2w, 6m, 1y.")
    ] = "30d",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Verdicts on time-sensitive claims ("der letzte …", "so far", records) whose as-of date is older than AGE."""
    from factcheck.services.recheck import parse_age, stale_verdicts

    days = parse_age(older_than)
    found = in_reader(db, lambda reader: stale_verdicts(reader, older_than_days=days), must_exist=True)
    if as_json:
        emit_json([s.to_dict() for s in found])
        return
    if not found:
        say(f"no verdict on a time-sensitive claim is older than {days} days")
        return
    say(f"{plural(len(found), 'verdict')} on time-sensitive claims older than {days} days: check they still hold")
    for s in found:
        say(f"{s.claim_id:>6}  as of {s.as_of} ({s.age_days} days)  {s.rating:<14} {', '.join(s.cues):<18} {s.text}")


@app.command()
def verdict(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="Claim id.")],
    rating: Annotated[str, typer.Argument(metavar="RATING", help="English or German label (e.g. false, falsch).")],
    rationale: Annotated[str, typer.Option(metavar="TEXT", help="Why; required for anything but true.")] = "",
    expect_version: ExpectVersionOption = None,
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a verdict on a claim (appended; the latest verdict is current)."""
    from factcheck.services import verdicts

    claim_id = parse_id(claim, "claim")
    result = in_store(
        db,
        lambda session: verdicts.set_verdict(
            session, claim_id, rating, rationale=rationale, actor=actor(by), expected_version=expect_version
        ),
    )
    if as_json:
        emit_json(result.__dict__)
    else:
        say(f"claim {claim_id}: {result.label_en} / {result.label_de}")


@app.command()
def note(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="Claim id.")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    expect_version: ExpectVersionOption = None,
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Attach a note to a claim."""
    from factcheck.services import verdicts

    claim_id = parse_id(claim, "claim")
    result = in_store(
        db,
        lambda session: verdicts.add_note(session, claim_id, text, actor=actor(by), expected_version=expect_version),
    )
    if as_json:
        emit_json(result.__dict__)
    else:
        say(f"claim {claim_id}: note {result.id} added")


@app.command()
def review(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="Claim id.")],
    decision: Annotated[
        str, typer.Argument(metavar="approve|reject", help="Approve or reject the verdict (or freigeben, ablehnen).")
    ],
    comment: Annotated[
        str, typer.Option("--comment", metavar="TEXT", help="What the reviewer says; a rejection needs one.")
    ] = "",
    expect_version: ExpectVersionOption = None,
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Sign off a claim's verdict; a rejection sends the claim back to in-progress. Nobody reviews their own
    verdict unless FACTCHECK_SINGLE_PERSON=1."""
    from factcheck.services import reviews

    claim_id = parse_id(claim, "claim")
    result = in_store(
        db,
        lambda session: reviews.review_verdict(
            session, claim_id, decision, actor=actor(by), comment=comment, expected_version=expect_version
        ),
    )
    if as_json:
        emit_json(result.__dict__)
    else:
        back = ", claim back to in-progress" if result.review_state == "rejected" else ""
        say(f"claim {claim_id}: verdict {result.label_en} {result.review_state} by {result.reviewer}{back}")


source_app = typer.Typer(
    help="Sources of a claim: add a URL or file (fetched and checked), list them, refresh one.", no_args_is_help=True
)
app.add_typer(source_app, name="source")

TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        help="Give up a fetch after this long in all [default: FACTCHECK_FETCH_TIMEOUT, else 30].",
    ),
]


class FetchFailed(FactcheckError):
    """The source is stored, but fetching or reading it failed (the reason is stored with it)."""

    exit_code = 4


OUTCOME_WORDS = {
    "verbatim": "found verbatim",
    "differences": "found with differences",
    "not-found": "not found",
    "no-quote": "no quote to check",
}


@source_app.command("add")
def source_add(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="Claim id.")],
    target: Annotated[str, typer.Argument(metavar="URL|PATH", help="http(s) URL, file: URL or a local file.")],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="What this source is.")] = None,
    archive: Annotated[
        str | None, typer.Option("--archive", metavar="URL", help="An archived copy (e.g. on the Wayback Machine).")
    ] = None,
    no_fetch: Annotated[bool, typer.Option("--no-fetch", help="Attach only; fetch later with refresh.")] = False,
    timeout: TimeoutOption = None,
    expect_version: ExpectVersionOption = None,
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Attach a source to a claim, fetch it and check the claim's quotes, dates and numbers against it."""
    from factcheck.services import sources
    from factcheck.sources.fetch import FetchLimits
    from factcheck.store import session_scope

    claim_id = parse_id(claim, "claim")
    limits = FetchLimits.from_env(timeout)
    who = actor(by)
    engine = open_engine(db)
    with session_scope(engine) as session:
        added = sources.add_source(
            session, claim_id, target, actor=who, expected_version=expect_version, note=note, archive_url=archive
        )
    view = added if no_fetch else sources.fetch_and_check(engine, added.id, actor=who, limits=limits)
    if as_json:
        emit_json(view.to_dict())
    else:
        say(f"source {view.id} added to claim {claim_id}: {view.url}")
        print_source(view, snapshots=False)
    _fetch_failed(view)


@source_app.command("list")
def source_list(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="Claim id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A claim's sources: state, final URL, title, snapshots, and how its quotes, dates and numbers fared."""
    from factcheck.services import sources

    claim_id = parse_id(claim, "claim")
    views = in_store(db, lambda session: sources.list_sources(session, claim_id), must_exist=True)
    if as_json:
        emit_json([v.to_dict() for v in views])
        return
    if not views:
        say(f"claim {claim_id} has no sources (factcheck source add {claim_id} URL|PATH adds one)")
    for view in views:
        print_source(view, snapshots=True)


@source_app.command("refresh")
def source_refresh(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="Source id (source list shows them).")],
    timeout: TimeoutOption = None,
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Fetch a source again: a new snapshot (the earlier ones are kept), saying whether the content changed."""
    from factcheck.services import sources
    from factcheck.sources.fetch import FetchLimits

    source_id = parse_id(source, "source")
    limits = FetchLimits.from_env(timeout)
    who = actor(by)
    require_database(db)
    view = sources.refresh_source(open_engine(db), source_id, actor=who, limits=limits)
    if as_json:
        emit_json(view.to_dict())
    else:
        latest, earlier = view.snapshots[-1], view.snapshots[:-1]
        if latest.state == "failed":
            change = "the fetch failed; the evidence of the earlier snapshots stands"
        elif view.changed is None:
            change = "nothing earlier to compare with" if not earlier else "no earlier content to compare with"
        else:
            change = "the content changed" if view.changed else "the content is unchanged"
        kept = plural(len(earlier), "earlier snapshot")
        say(f"source {view.id} refreshed: snapshot {latest.id} ({change}; {kept} kept)")
        print_source(view, snapshots=False)
    _fetch_failed(view)


def _fetch_failed(view: Any) -> None:
    if view.state == "failed":
        reason = view.error or (f"HTTP {view.http_status}" if view.http_status else "no answer")
        raise FetchFailed(
            f"source {view.id} is attached, but it could not be fetched: {reason}"
            f" (factcheck source refresh {view.id} tries again)"
        )


def _size(size: int | None) -> str:
    if size is None:
        return "-"
    return f"{size} B" if size < 1024 else f"{size / 1024:.1f} KiB" if size < 1 << 20 else f"{size / 2**20:.1f} MiB"


def print_source(view: Any, *, snapshots: bool) -> None:
    """A source in lines: state, address, what its latest snapshot holds and how the claim fared."""
    latest = view.latest
    status = f"HTTP {view.http_status}" if view.http_status else ("file" if view.url.startswith("file:") else "")
    head = [f"source {view.id}", view.state, status, latest.kind if latest and latest.kind else ""]
    title = f" “{view.title}”" if view.title else ""
    say(" · ".join(x for x in head if x) + title)
    say(f"  url: {view.url}")
    if view.final_url and view.final_url != view.url:
        say(f"  final url: {view.final_url}")
    if latest is not None and latest.redirects:
        # each hop: its address, status and where it pointed (a refused target is named too)
        hops = " → ".join(f"{hop.get('url')} ({hop.get('status')})" for hop in latest.redirects)
        last = latest.redirects[-1].get("location") if latest.state == "failed" else latest.final_url
        say(f"  redirects: {hops} → {last}")
    if view.archive_url:
        say(f"  archive: {view.archive_url}")
    if view.note:
        say(f"  note: {view.note}")
    if view.fetched_at:
        count = plural(len(view.snapshots), "snapshot")
        say(f"  fetched {view.fetched_at} · {count} · added by {view.added_by}")
    else:
        say(f"  not fetched yet · added by {view.added_by}")
    if latest is not None:
        about = [
            f"by {latest.author}" if latest.author else "",
            f"published {latest.published}" if latest.published else "",
            _size(latest.size) if latest.size is not None else "",
            f"sha256 {latest.sha256[:16]}…" if latest.sha256 else "",
        ]
        if any(about):
            say("  " + " · ".join(x for x in about if x))
    if view.error:
        say(f"  failed: {view.error}")
    print_checks(view.checks, indent="  ")
    if snapshots and view.snapshots:
        say(f"  snapshots ({len(view.snapshots)}, oldest first):")
        for snap in view.snapshots:
            changed = {True: "changed", False: "unchanged", None: ""}[snap.changed]
            outcome = snap.outcome or ""
            score = _best_score(snap.checks)
            if outcome and score is not None:
                outcome += f" {score:.2f}"
            status = f"HTTP {snap.http_status}" if snap.http_status else snap.state
            parts = [f"#{snap.id}", snap.fetched_at or "", status, _size(snap.size), changed, outcome]
            if snap.error:
                parts.append(f"failed: {snap.error}")
            say("    " + "  ".join(x for x in parts if x))


def _best_score(checks: dict[str, Any] | None) -> float | None:
    if not isinstance(checks, dict):
        return None
    score = checks.get("best_quote_score")
    if score is None:
        scores = [q.get("score") for q in checks.get("quotes") or [] if isinstance(q, dict) and q.get("score")]
        score = max(scores) if scores else None
    return score if isinstance(score, int | float) else None


def print_checks(checks: dict[str, Any] | None, *, indent: str) -> None:
    """The quote, date and number checks of a snapshot (factcheck.evidence.SourceCheck.to_dict())."""
    if not isinstance(checks, dict):
        return
    for q in checks.get("quotes") or []:
        if not isinstance(q, dict):
            continue
        score = q.get("score")
        shown = f" ({score:.2f})" if isinstance(score, int | float) else ""
        outcome = OUTCOME_WORDS.get(str(q.get("outcome")), str(q.get("outcome")))
        say(f"{indent}quote „{q.get('quote', '')}“: {outcome}{shown}")
        if q.get("outcome") != "not-found" and q.get("passage"):
            say(f"{indent}  passage: „{q.get('passage')}“")
            _context(q, indent)
        if q.get("outcome") == "differences" and q.get("diff"):
            say(f"{indent}  diff: {diff_text(q.get('diff'))}")
    if not checks.get("quotes") and checks.get("outcome") == "no-quote":
        say(f"{indent}quotes: the claim quotes no one")
    for what, items in (("date", checks.get("dates")), ("number", checks.get("numbers"))):
        for item in items or []:
            if not isinstance(item, dict):
                continue
            value = item.get("value")
            shown = f" ({value})" if value not in (None, "", item.get("text")) else ""
            found = "present" if item.get("found") else "not present"
            where = f" as „{item.get('passage')}“" if item.get("found") and item.get("passage") else ""
            say(f"{indent}{what} {item.get('text', '')}{shown}: {found}{where}")
            if item.get("found"):
                _context(item, indent)


def _context(item: dict[str, Any], indent: str) -> None:
    """The words around a passage found in the source, when they say more than the passage."""
    context, passage = item.get("context"), item.get("passage")
    if isinstance(context, str) and context.strip() and context.strip() != (passage or "").strip():
        say(f"{indent}  in: “{' '.join(context.split())}”")


def diff_text(diff: Any) -> str:
    """A word-level diff as one line: [-removed-] {+added+}."""
    if isinstance(diff, str):
        return diff
    if not isinstance(diff, list | tuple):
        return str(diff)
    parts = []
    for op in diff:
        if isinstance(op, dict):
            kind, text = op.get("op") or op.get("kind") or op.get("tag"), op.get("text", "")
        elif isinstance(op, list | tuple) and len(op) == 2:
            kind, text = op
        else:
            parts.append(str(op))
            continue
        if kind in ("delete", "removed", "-", "quote", "missing"):
            parts.append(f"[-{text}-]")
        elif kind in ("insert", "added", "+", "source", "extra"):
            parts.append(f"{{+{text}+}}")
        else:
            parts.append(str(text))
    return " ".join(p for p in parts if p)


checked_app = typer.Typer(help="The memory of claims already checked.", no_args_is_help=True)
app.add_typer(checked_app, name="checked")


@checked_app.command("import")
def checked_import(
    path: Annotated[
        str,
        typer.Argument(metavar="FILE|-", help="ClaimReview JSON/JSON-LD, CSV, or a CLEF TSV/JSONL file; - for stdin."),
    ],
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import fact-checks done elsewhere into the checked-claim memory (all or nothing)."""
    from factcheck.services import memory
    from factcheck.terminal_progress import progress_bar

    with progress_bar() as progress:  # on stderr, for a person at a terminal and a large file only
        result = in_store(db, lambda session: memory.import_checked(session, path, actor=actor(by), progress=progress))
    if result.added >= memory.SETTLE_FROM:
        memory.settle_memory(open_engine(db))  # PostgreSQL: searches read the new postings from the index alone
    if as_json:
        emit_json(result.to_dict())
    else:
        say(f"{plural(result.added, 'checked claim')} added, {result.skipped} already known")


@checked_app.command("labels")
def checked_labels(
    mappings: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="LABEL=RATING",
            help='Store what a publisher label means, e.g. --map "Spin zone=misleading" (repeatable).',
        ),
    ] = None,
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Publisher labels no rating was found for, most frequent first; --map gives them one."""
    from factcheck.services import checked_labels as labels

    if mappings:
        mapped = in_store(db, lambda session: labels.map_labels(session, mappings, actor=actor(by)))
        if as_json:
            emit_json([m.to_dict() for m in mapped])
            return
        for m in mapped:
            was = f" (was {m.previous})" if m.previous and m.previous != m.rating else ""
            say(f"“{m.label}” → {m.label_en} / {m.label_de}{was}: {plural(m.updated, 'checked claim')} updated")
        return
    unmapped = in_store(db, labels.unmapped_labels)
    if as_json:
        emit_json([u.to_dict() for u in unmapped])
        return
    if not unmapped:
        say("no unmapped labels: every imported fact-check has a rating")
        return
    for u in unmapped:
        say(f"{u.count:>7}  {u.label}")
    say('map one with: factcheck checked labels --map "LABEL=RATING"')


@app.command()
def similar(
    claim: Annotated[str | None, typer.Argument(metavar="CLAIM", help="Claim id (or use --text).")] = None,
    text: Annotated[
        str | None, typer.Option("--text", metavar="TEXT", help="Match this text instead of a stored claim.")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="de|en", help="Language of --text.")] = None,
    top: Annotated[int, typer.Option(metavar="N", help="How many matches (1–100).", min=1, max=100)] = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Claims already checked that look like this one, best first."""
    from factcheck.services import search
    from factcheck.services.recheck import STALE_AFTER_DAYS

    if (claim is None) == (text is None):
        raise InputError("give either a claim id or --text")
    if lang is not None and lang not in ("de", "en"):
        raise InputError(f"unsupported language {lang!r}: use de or en")
    if claim is not None:
        claim_id = parse_id(claim, "claim")
        matches = in_reader(db, lambda reader: search.similar_to_claim(reader, claim_id, top=top), must_exist=True)
    else:
        query = text or ""
        matches = in_reader(db, lambda reader: search.find_similar(reader, query, language=lang, top=top))
    if as_json:
        emit_json([m.to_dict() for m in matches])
        return
    if not matches:
        say("no similar checked claims")
    for m in matches:
        where = m.url or (f"claim {m.claim_id}" if m.claim_id else "")
        say(f"{m.score:.2f}  {m.label_en:<16} {m.published or '':<10}  {m.text}  {where}")
        if m.claim_date:
            say(f"      claimed: {m.claim_date}")
        if m.possibly_outdated:
            say(f"      possibly outdated: it held as of {m.as_of}, more than {STALE_AFTER_DAYS} days ago")
        if m.matched_terms:
            say(f"      matched: {', '.join(m.matched_terms)}")


@app.command()
def report(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="Article id.")],
    format_: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="md, html, json, csv or claimreview (default: from FILE, else md)."
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (default: standard output).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", metavar="de|en", help="Report language (default: the article's).")
    ] = None,
    only: Annotated[
        str, typer.Option("--only", metavar="checked|all", help="Claims with a verdict, or all claims.")
    ] = "all",
    include_notes: Annotated[bool, typer.Option("--include-notes", help="Include the checkers' notes.")] = False,
    publisher: Annotated[
        str | None,
        typer.Option("--publisher", envvar="FACTCHECK_PUBLISHER", metavar="NAME", help="Publishing organisation."),
    ] = None,
    publisher_url: Annotated[
        str | None,
        typer.Option("--publisher-url", envvar="FACTCHECK_PUBLISHER_URL", metavar="URL", help="Its web address."),
    ] = None,
    url_base: Annotated[
        str, typer.Option("--url-base", metavar="URL", help="Where the report is published (ClaimReview url).")
    ] = "",
    include_unreviewed: Annotated[
        bool,
        typer.Option("--include-unreviewed", help="ClaimReview: also verdicts not yet approved (never rejected ones)."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE even if it is not a report file.")] = False,
    db: DbOption = None,
) -> None:
    """Write a verification report of an article (Markdown, HTML, JSON, CSV or ClaimReview)."""
    from pathlib import Path

    from factcheck.report.render import ReportOptions, format_for_path
    from factcheck.services import reports

    article_id = parse_id(article, "article")
    to_file = output is not None and output != "-"
    chosen = format_ or (format_for_path(output) if to_file and output else None) or "md"
    options = ReportOptions(
        format=chosen,
        lang=lang,
        publisher=publisher,
        publisher_url=publisher_url,
        url_base=url_base,
        include_unreviewed=include_unreviewed,
    )
    report = in_store(
        db,
        lambda session: reports.build_and_render(session, article_id, options, only=only, include_notes=include_notes),
        must_exist=True,
    )
    for warning in report.warnings:
        say(f"warning: {warning}", err=True)
    if not to_file:
        # Every renderer has shown control characters as escapes already; a terminal gets text only.
        sys.stdout.write(report.text)
        return
    written = reports.save_report(report.text, Path(str(output)), force=force, protect=database_files(db))
    say(f"report written to {written}", err=True)


@app.command("open")
def open_(
    target: Annotated[str, typer.Argument(metavar="PATH|URL|-|ARTICLE", help="File, URL, - for stdin, or an id.")],
    db: DbOption = None,
    by: ByOption = None,
) -> None:
    """Import if needed and open the article in the workbench."""
    from factcheck.services import articles
    from factcheck.store import session_scope

    engine = open_engine(db)
    if target.isdigit():
        article_id = int(target)
        with session_scope(engine) as session:
            articles.get_article(session, article_id)
    else:
        doc, origin = read_document(target, None, None)
        with session_scope(engine) as session:
            article_id = articles.import_document(session, doc, origin=origin, actor=actor(by)).article_id
    launch_tui(db, article_id, by)


@app.command()
def tui(db: DbOption = None, by: ByOption = None) -> None:
    """Open the workbench on the article list."""
    launch_tui(db, None, by)


def launch_tui(db: str | None, article_id: int | None, by: str | None) -> None:
    from factcheck.services import articles, claims
    from factcheck.store import session_scope

    engine = open_engine(db)
    if not sys.stdout.isatty() or os.environ.get("FACTCHECK_NO_TUI"):
        # No terminal to draw on (pipes, CI): print what the workbench would show.
        with session_scope(engine) as session:
            if article_id is None:
                rows = articles.list_articles(session)
                if not rows:
                    say("no articles yet (factcheck import PATH adds one)")
                for r in rows:
                    say(f"{r.id:>5}  {r.language}  {plural(r.claims, 'claim'):>10}  {r.title}")
                return
            print_claim_rows(claims.list_claims(session, article_id=article_id, checkworthy_only=True))
        return
    from factcheck.tui.app import make_app

    make_app(engine, article_id=article_id, actor=actor(by)).run()


def usage_error_line(exc: ClickException) -> str:
    """One line for a usage mistake, with the nearest command when a name was mistyped."""
    message = exc.format_message()
    if message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else ""
        group = getattr(getattr(exc, "ctx", None), "command", None)
        names = sorted(getattr(group, "commands", {}) or {})
        close = difflib.get_close_matches(name, names, n=2, cutoff=0.5)
        hint = f"did you mean {' or '.join(close)}?" if close else f"commands: {', '.join(names)}"
        return f"no such command '{name}'; {hint} (factcheck --help lists them)"
    return message[:1].lower() + message[1:]


audit_app = typer.Typer(help="Verify and anchor the audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify(
    checkpoint: Annotated[
        str | None,
        typer.Option(
            "--checkpoint",
            metavar="FILE",
            help="Also check a head written by `audit checkpoint` (a file, or - for stdin).",
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check every event's hash and link, every verdict/note/source/claim row against its event."""
    from factcheck.audit.chain import Checkpoint, audit_key
    from factcheck.services import audit_log

    anchor = None
    if checkpoint is not None:
        try:
            anchor = Checkpoint.from_json(_read_small_text(checkpoint))
        except ValueError as exc:
            raise InputError(f"{checkpoint}: {exc}") from None
    report = in_reader(db, lambda reader: audit_log.verify(reader, key=audit_key(), checkpoint=anchor), must_exist=True)
    if as_json:
        emit_json(report.to_dict())
    elif report.ok:
        keyed = ", keyed (HMAC)" if report.keyed else ""
        anchored = f", checkpoint at event {anchor.event_id} holds" if anchor else ""
        say(f"audit log verifies: {plural(report.events, 'event')}, {plural(report.rows, 'row')}{keyed}{anchored}")
    if not report.ok:
        raise audit_log.AuditFailed(f"audit log does not verify: {report.finding}")


@audit_app.command("checkpoint")
def audit_checkpoint(
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (default: standard output).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE even if it is not a file of this kind.")] = False,
    db: DbOption = None,
) -> None:
    """Write the verified head of the log (event id, hash, time) to keep outside the database."""
    from pathlib import Path

    from factcheck.audit.chain import audit_key
    from factcheck.services import audit_log
    from factcheck.services.outputs import write_output

    head = in_reader(db, lambda reader: audit_log.checkpoint(reader, key=audit_key()), must_exist=True)
    if output is None or output == "-":
        sys.stdout.write(head.to_json())
        return
    written = write_output(head.to_json(), Path(output), force=force, protect=database_files(db))
    say(f"checkpoint at event {head.event_id} written to {written}", err=True)


@audit_app.command("export")
def audit_export(
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (default: standard output).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE even if it is not a file of this kind.")] = False,
    db: DbOption = None,
) -> None:
    """The audit log as JSON Lines (one event per line, with its hashes), oldest first."""
    from pathlib import Path

    from factcheck.services import audit_log
    from factcheck.services.outputs import write_output

    text = in_reader(db, lambda reader: "".join(audit_log.export_lines(reader)), must_exist=True)
    if output is None or output == "-":
        sys.stdout.write(json_safe(text))
        return
    written = write_output(text, Path(output), force=force, protect=database_files(db))
    say(f"audit log written to {written}", err=True)


db_app = typer.Typer(help="Look after a database: copy, upgrade, check, back up.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("copy")
def db_copy(
    source: Annotated[str, typer.Option("--from", metavar="URL|PATH", help="The database to copy (read only).")],
    target: Annotated[str, typer.Option("--to", metavar="URL|PATH", help="The database to copy into.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite a target that holds data (its rows are deleted first).")
    ] = False,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Copy a whole store (e.g. claims.db into the desk's PostgreSQL, or back), ids and audit chain kept."""
    from factcheck.services import database
    from factcheck.terminal_progress import progress_bar

    who = actor(by)
    with progress_bar() as report:
        counted = {"done": 0, "total": 0}

        def totals(rows: dict[str, int]) -> None:
            counted["total"] = sum(rows.values())

        def copied(_table: str, rows: int) -> None:
            counted["done"] += rows
            if report is not None:
                report("copying", counted["done"], counted["total"])

        result = database.copy_database(source, target, actor=who, replace=replace, on_totals=totals, progress=copied)
    if as_json:
        emit_json(result.to_dict())
        return
    if result.replaced:
        say(f"replaced what {result.target} held: {plural(sum(result.replaced.values()), 'row')}")
    say(
        f"copied {plural(result.total, 'row')} ({plural(result.rows.get('article', 0), 'article')}, "
        f"{plural(result.rows.get('claim', 0), 'claim')}, {plural(result.rows.get('event', 0), 'event')}) "
        f"from {result.source} to {result.target} in {result.seconds:.1f} s"
    )


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Bring the schema to this version's newest revision (every command also does this on open)."""
    from factcheck.services import database

    result = database.upgrade(chosen_db(db))
    if as_json:
        emit_json(result.to_dict())
    elif result.before == result.after:
        say(f"{result.database} is at revision {result.after}, the newest: nothing to do")
    else:
        say(f"{result.database} upgraded from revision {result.before or 'none'} to {result.after}")


@db_app.command("check")
def db_check(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Check a database without changing it: schema, integrity, memory index, audit log."""
    from factcheck.audit.chain import audit_key
    from factcheck.services import database

    report = database.check(chosen_db(db), key=audit_key())
    if as_json:
        emit_json(report.to_dict())
    else:
        say(f"database {report.database}")
        for item in report.checks:
            say(f"  {item.status:<7} {item.name}: {item.detail}")
        if report.rows:
            say("  rows: " + ", ".join(f"{n} {name}" for name, n in report.rows.items()))
    if not report.ok:
        raise database.CheckFailed("the database check found problems (see above)")


@db_app.command("backup")
def db_backup(
    output: Annotated[
        str | None,
        typer.Argument(metavar="[FILE]", help="Where to write the copy [default: NAME-backup-DATE-TIME.db beside it]."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Back up a SQLite database while others work (SQLite's online backup); for PostgreSQL, print the pg_dump line."""
    from factcheck.services import database
    from factcheck.terminal_progress import progress_bar

    with progress_bar() as report:
        result = database.backup(chosen_db(db), output, force=force, pages=report)
    if as_json:
        emit_json(result.to_dict())
    elif result.command is not None:
        say("PostgreSQL is backed up with its own tool; run:")
        say(f"  {result.command}")
        say("(restore with pg_restore --dbname=URL FILE; the password, if any, comes from PGPASSWORD or ~/.pgpass)")
    else:
        say(f"backed up {result.database} to {result.path} ({_size(result.bytes)}, {result.seconds:.1f} s)")


def _read_small_text(path: str) -> str:
    """A small text file (a checkpoint), or stdin for "-": one-line errors for what cannot be read."""
    from factcheck.services.loading import read_regular_file, read_stdin

    data = read_stdin(sys.stdin.buffer, 1 << 20) if path == "-" else read_regular_file(path, cap=1 << 20)
    return data.decode("utf-8", "replace")


def main() -> None:
    try:
        result = app(prog_name="factcheck", standalone_mode=False)
    except FactcheckError as exc:
        say(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except ClickException as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            # `factcheck checked` alone asks for its help, not an error.
            typer.echo(ctx.get_help())
            sys.exit(0)
        say(f"error: {usage_error_line(exc)}", err=True)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        say("aborted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except UnicodeEncodeError as exc:
        # the last line of defence: an argument with bytes that are not UTF-8 reached a place that needs text
        say(f"error: an argument holds bytes that are not UTF-8 ({exc.object[exc.start : exc.end]!r})", err=True)
        sys.exit(1)
    except OSError as exc:
        # stdout to a full disk or a closed terminal: say so in one line instead of a traceback
        if exc.filename is None and exc.errno in (errno.ENOSPC, errno.EIO, errno.EBADF):
            with contextlib.suppress(OSError):
                say(f"error: cannot write the output: {exc.strerror}", err=True)
            sys.exit(1)
        raise
    except Exception as exc:  # a bug, or a value edited into the database by hand: one line, not a traceback
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        detail = terminal_safe(str(exc).splitlines()[0] if str(exc) else "")[:300]
        say(
            f"error: unexpected {type(exc).__name__}{': ' + detail if detail else ''} — if the database was edited"
            " by hand, `factcheck audit verify` names the spot; FACTCHECK_DEBUG=1 shows the traceback",
            err=True,
        )
        sys.exit(70)  # EX_SOFTWARE
    if isinstance(result, int) and result:
        sys.exit(result)


if __name__ == "__main__":
    main()
