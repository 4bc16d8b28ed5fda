"""The command line: a thin layer over the services. Errors become one line and a non-zero exit."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from sqlalchemy import Engine
from sqlmodel import Session

from factcheck.errors import FactcheckError, InputError
from factcheck.services import articles, claims, memory, verdicts
from factcheck.services.loading import load_input
from factcheck.store import create_store_engine, session_scope
from factcheck.text.document import Document, prepare_document

T = TypeVar("T")

app = typer.Typer(
    name="factcheck",
    help="A terminal workbench for fact-checkers: import articles, check claims, keep an audit trail.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Options given before the command (`factcheck --db X claims`) apply to it.
_root_options: dict[str, str | None] = {}

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="FACTCHECK_DB", help="Database: SQLAlchemy URL or SQLite path [default: ./claims.db]"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ByOption = Annotated[
    str | None, typer.Option("--by", envvar="FACTCHECK_USER", help="Who does this [default: your login name].")
]


def actor(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def open_engine(db: str | None) -> Engine:
    # `factcheck --db X command` and `factcheck command --db X` both work.
    return create_store_engine(db or _root_options.get("db"))


def in_store(db: str | None, use_case: Callable[[Session], T]) -> T:
    """Run one use case in one transaction on the chosen database."""
    with session_scope(open_engine(db)) as session:
        return use_case(session)


def read_document(source: str, title: str | None, lang: str | None) -> tuple[Document, str]:
    loaded = load_input(source)
    doc = prepare_document(loaded.data, name=loaded.name, content_type=loaded.content_type, title=title, language=lang)
    return doc, loaded.origin


def parse_id(value: str, what: str) -> int:
    try:
        number = int(value.lstrip("#"))
    except ValueError:
        raise InputError(f"{what} id must be a number, got {value!r}") from None
    if number <= 0:
        raise InputError(f"{what} id must be positive, got {value!r}")
    return number


@app.callback(invoke_without_command=True)
def _root(ctx: typer.Context, db: DbOption = None) -> None:
    """Without a command: open the workbench on the article list."""
    _root_options["db"] = db
    if ctx.invoked_subcommand is None:
        launch_tui(db, None)


@app.command("import")
def import_(
    source: Annotated[str, typer.Argument(help="File (.txt, .md, .html), http(s) URL, or - for stdin.")],
    title: Annotated[str | None, typer.Option(help="Title (default: detected).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language, de or en (default: detected).")] = None,
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import an article and extract its claims (the same text twice yields the same article)."""
    doc, origin = read_document(source, title, lang)
    result = in_store(db, lambda session: articles.import_document(session, doc, origin=origin, actor=actor(by)))
    if as_json:
        emit_json(result.to_dict())
    else:
        verb = "imported" if result.created else "already imported"
        typer.echo(f"{verb}: article {result.article_id} “{result.title}” ({result.language}), {result.claims} claims")


@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="File, URL or - for stdin.")],
    title: Annotated[str | None, typer.Option(help="Title (default: detected).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="de or en (default: detected).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Extract claims without touching the database."""
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
        typer.echo(f"{i:>3} {mark} {','.join(c.kinds):<24} {c.text}")


@app.command("articles")
def articles_(
    search: Annotated[str, typer.Option(help="Only titles containing this.")] = "",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List imported articles, newest first."""
    rows = in_store(db, lambda session: articles.list_articles(session, search=search))
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    for r in rows:
        typer.echo(f"{r.id:>5}  {r.language}  {r.claims:>4} claims  {r.checked_percent:>5.1f}% checked  {r.title}")


@app.command("claims")
def claims_(
    article: Annotated[str | None, typer.Argument(help="Article id (default: all articles).")] = None,
    status: Annotated[str | None, typer.Option(help="open, in-progress, checked or dismissed.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include sentences that are not check-worthy.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List claims with id, kinds, status and text."""
    article_id = parse_id(article, "article") if article else None
    rows = in_store(
        db, lambda session: claims.list_claims(session, article_id=article_id, status=status, checkworthy_only=not all_)
    )
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    for r in rows:
        state = r.verdict.label_en if r.verdict else r.status
        typer.echo(f"{r.id:>6}  {','.join(r.kinds):<28} {state:<14} {r.text}")


@app.command()
def show(
    claim: Annotated[str, typer.Argument(help="Claim id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one claim with its fields, verdicts, notes, sources and history."""
    claim_id = parse_id(claim, "claim")
    detail = in_store(db, lambda session: claims.claim_detail(session, claim_id))
    if as_json:
        emit_json(detail.to_dict())
        return
    c = detail.claim
    typer.echo(f"claim {c.id} · article {c.article_id} “{detail.article_title}” · {c.status} · v{c.version}")
    typer.echo(c.text)
    typer.echo(f"kinds: {', '.join(c.kinds) or '-'}   check-worthiness: {c.checkworthiness:.2f}")
    for d in c.dates:
        typer.echo(f"date: {d['text']} → {d.get('value') or '(relative)'}")
    for q in c.quotes:
        typer.echo(f"quote: „{q['text']}“ — {q.get('speaker') or 'unknown speaker'}")
    if c.speakers:
        typer.echo(f"speakers: {', '.join(c.speakers)}")
    for v in detail.verdicts:
        typer.echo(f"verdict: {v.label_en} / {v.label_de} by {v.checker} at {v.created_at}: {v.rationale}")
    for n in detail.notes:
        typer.echo(f"note by {n.author} at {n.created_at}: {n.body}")


@app.command()
def verdict(
    claim: Annotated[str, typer.Argument(help="Claim id.")],
    rating: Annotated[str, typer.Argument(help="Rating, English or German label (e.g. false, falsch).")],
    rationale: Annotated[str, typer.Option(help="Why; required for anything but true.")] = "",
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a verdict on a claim (appended; the latest verdict is current)."""
    claim_id = parse_id(claim, "claim")
    result = in_store(
        db, lambda session: verdicts.set_verdict(session, claim_id, rating, rationale=rationale, actor=actor(by))
    )
    if as_json:
        emit_json(result.__dict__)
    else:
        typer.echo(f"claim {claim_id}: {result.label_en} / {result.label_de}")


@app.command()
def note(
    claim: Annotated[str, typer.Argument(help="Claim id.")],
    text: Annotated[str, typer.Argument(help="The note.")],
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Attach a note to a claim."""
    claim_id = parse_id(claim, "claim")
    result = in_store(db, lambda session: verdicts.add_note(session, claim_id, text, actor=actor(by)))
    if as_json:
        emit_json(result.__dict__)
    else:
        typer.echo(f"claim {claim_id}: note {result.id} added")


checked_app = typer.Typer(help="The memory of claims already checked.", no_args_is_help=True)
app.add_typer(checked_app, name="checked")


@checked_app.command("import")
def checked_import(
    path: Annotated[str, typer.Argument(help="ClaimReview JSON/JSON-LD, CSV, or a CLEF TSV/JSONL file.")],
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import fact-checks done elsewhere into the checked-claim memory (all or nothing)."""
    from factcheck.checked.formats import CheckedFileError, parse_checked_file

    try:
        records = parse_checked_file(Path(path))
    except CheckedFileError as exc:
        raise InputError(str(exc)) from None
    result = in_store(db, lambda session: memory.add_checked(session, records, actor=actor(by), origin_name=path))
    if as_json:
        emit_json(result.to_dict())
    else:
        typer.echo(f"{result.added} checked claims added, {result.skipped} already known")


@app.command()
def similar(
    claim: Annotated[str | None, typer.Argument(help="Claim id (or use --text).")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Match this text instead of a stored claim.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of --text, de or en.")] = None,
    top: Annotated[int, typer.Option(help="How many matches.", min=1, max=100)] = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Claims already checked that look like this one, best first."""
    if (claim is None) == (text is None):
        raise InputError("give either a claim id or --text")
    engine = open_engine(db)
    with session_scope(engine) as session:
        if claim is not None:
            matches = memory.similar_to_claim(session, parse_id(claim, "claim"), top=top)
        else:
            assert text is not None
            matches = memory.find_similar(session, text, language=lang, top=top)
    if as_json:
        emit_json([m.to_dict() for m in matches])
        return
    if not matches:
        typer.echo("no similar checked claims")
    for m in matches:
        where = m.url or (f"claim {m.claim_id}" if m.claim_id else "")
        typer.echo(f"{m.score:.2f}  {m.label_en:<16} {m.published or '':<10}  {m.text}  {where}")
        if m.matched_terms:
            typer.echo(f"      matched: {', '.join(m.matched_terms)}")


@app.command("open")
def open_(
    target: Annotated[str, typer.Argument(help="File, URL, - for stdin, or an article id.")],
    db: DbOption = None,
    by: ByOption = None,
) -> None:
    """Import if needed and open the article in the workbench."""
    engine = open_engine(db)
    if target.isdigit():
        article_id = int(target)
        with session_scope(engine) as session:
            articles.get_article(session, article_id)
    else:
        doc, origin = read_document(target, None, None)
        with session_scope(engine) as session:
            article_id = articles.import_document(session, doc, origin=origin, actor=actor(by)).article_id
    launch_tui(db, article_id)


@app.command()
def tui(db: DbOption = None) -> None:
    """Open the workbench on the article list."""
    launch_tui(db, None)


def launch_tui(db: str | None, article_id: int | None) -> None:
    engine = open_engine(db)
    if not sys.stdout.isatty() or os.environ.get("FACTCHECK_NO_TUI"):
        # No terminal to draw on (pipes, CI): print what the workbench would show.
        with session_scope(engine) as session:
            if article_id is None:
                for r in articles.list_articles(session):
                    typer.echo(f"{r.id:>5}  {r.language}  {r.claims:>4} claims  {r.title}")
                return
            for r in claims.list_claims(session, article_id=article_id, checkworthy_only=True):
                typer.echo(f"{r.id:>6}  {','.join(r.kinds):<28} {r.status:<12} {r.text}")
        return
    from factcheck.tui.app import make_app

    make_app(engine, article_id=article_id).run()


def main() -> None:
    try:
        app(prog_name="factcheck")
    except FactcheckError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("aborted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)


if __name__ == "__main__":
    main()
