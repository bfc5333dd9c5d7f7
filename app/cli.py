"""The ``jiebang`` command: serve, import, reindex, follow, demo, schedule, deliver, create-db."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from app.config import get_settings

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.services.imports import ImportReport

__all__ = [
    "DEMO_DIR",
    "DEMO_ORDER",
    "DEV_WARNING",
    "bench",
    "cli",
    "create_admin",
    "create_api_key",
    "deliver",
    "demo",
    "evaluate",
    "follow",
    "generate_secret",
    "import_file",
    "main",
    "reindex",
    "schedule",
    "serve",
]

cli = typer.Typer(help="Jiebang 揭榜 — postdoc–enterprise matchmaking", no_args_is_help=True)

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_ORDER = ("stations", "enterprises", "postdocs", "challenges")


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="bind address")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes")] = 1,
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from app.runtime import build_runtime

    settings = get_settings()
    try:
        settings.session_secret  # noqa: B018 (fail here, before the indexes are built)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if settings.env == "dev":
        typer.echo(DEV_WARNING, err=True)
    # Build (and snapshot) the indexes once here, so N workers start from the snapshot.
    build_runtime(settings, progress=True).close()
    uvicorn.run("app.asgi:app", host=host, port=port, workers=workers, log_level="info")


@cli.command("import")
def import_file(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=".jsonl or .csv")],
    kind: Annotated[
        str, typer.Option(help="stations | enterprises | postdocs | challenges (default: file name)")
    ] = "",
) -> None:
    """Import rows from a file; bad rows are listed by line number, good rows are kept."""
    from app.runtime import build_runtime

    kind = kind or _kind_from_name(file)
    runtime = build_runtime(get_settings(), progress=True)
    try:
        report = _import(runtime, kind, file.read_bytes(), _format_of(file))
        runtime.save_snapshots()
    finally:
        runtime.close()
    typer.echo(f"{kind}: {report.created} created of {report.rows} rows, {len(report.errors)} errors")
    for err in report.errors[:50]:
        typer.echo(f"  line {err.line}: {err.message}")
    for note in report.normalised[:50]:
        typer.echo(f"  line {note.line} (stored, normalised): {note.message}")


@cli.command()
def reindex() -> None:
    """Rebuild every index from SQL (encoding only text with no stored vector)."""
    from app.runtime import build_runtime

    runtime = build_runtime(get_settings(), open_indexes=False)
    try:
        runtime.models.rebuild(progress=True)
        typer.echo(json.dumps({str(n): i.size for n, i in runtime.models.current().indexes.items()}))
    finally:
        runtime.close()


@cli.command()
def follow(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="first feed everything anew")] = False,
    rounds: Annotated[int, typer.Option(help="stop after N rounds (0: never)")] = 0,
) -> None:
    """The one Milvus follower: feeds the outbox into Milvus and records its watermark in SQL."""
    from app.follower import follow_command

    follow_command(get_settings(), rebuild=rebuild, rounds=rounds or None)


@cli.command()
def demo(
    serve_after: Annotated[bool, typer.Option("--serve/--no-serve", help="serve afterwards")] = True,
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
) -> None:
    """Load the bundled demo data (once; rows already there are skipped) and serve it, in the
    dev environment unless JIEBANG_ENV says otherwise (never expose a demo to a network)."""
    from app.runtime import build_runtime

    if "JIEBANG_ENV" not in os.environ:
        os.environ["JIEBANG_ENV"] = "dev"  # uvicorn's workers read the environment too
        get_settings.cache_clear()
    if get_settings().env == "dev":
        typer.echo(DEV_WARNING, err=True)
    runtime = build_runtime(get_settings(), progress=True)
    try:
        for kind in DEMO_ORDER:
            path = DEMO_DIR / f"{kind}.jsonl"
            report = _import(runtime, kind, path.read_bytes(), "jsonl")
            skipped = sum("already exists" in e.message for e in report.errors)
            typer.echo(f"{kind}: {report.created} loaded, {skipped} already there")
            for err in [e for e in report.errors if "already exists" not in e.message][:10]:
                typer.echo(f"  line {err.line}: {err.message}")
        runtime.save_snapshots()
        _demo_accounts(runtime)
        _demo_event(runtime)
    finally:
        runtime.close()
    if serve_after:
        serve(host=host, port=port, workers=1)


@cli.command()
def deliver(
    every: Annotated[float, typer.Option(help="seconds between passes; 0 = one pass and exit")] = 0.0,
) -> None:
    """Send due webhook calls and emails from the delivery log (retries included)."""
    import time

    from app.runtime import build_runtime
    from app.services.deliveries import drain

    runtime = build_runtime(get_settings(), open_indexes=False)
    try:
        while True:
            report = drain(runtime.sessions, runtime.settings)
            typer.echo(f"delivered {report.delivered}, retrying {report.retrying}, failed {report.failed}")
            if every <= 0:
                return
            time.sleep(every)
    finally:
        runtime.close()


@cli.command("generate-secret")
def generate_secret() -> None:
    """Print a fresh JIEBANG_SECRET_KEY (32 random bytes, base64url)."""
    from app.security import new_secret

    typer.echo(new_secret())


DEV_WARNING = """
******************************************************************************
*  DEV MODE (JIEBANG_ENV=dev): the session key is public, demo accounts use a  *
*  published password and cookies are not Secure. For a laptop only; never    *
*  expose this to a network. Production: JIEBANG_ENV=prod (the default) and   *
*  JIEBANG_SECRET_KEY=$(jiebang generate-secret).                             *
******************************************************************************
"""


@cli.command()
def schedule(
    event_id: Annotated[int, typer.Argument(min=1, help="the event to assign and timetable")],
    lang: Annotated[str, typer.Option(help="zh | en: the language of the diagnosis")] = "zh",
) -> None:
    """Run the event's assignment (locked meetings stay), showing each better schedule found,
    and print the report and timetable."""
    from app.runtime import build_runtime
    from app.services import event_exports, event_planning
    from models import Event

    runtime = build_runtime(get_settings())
    try:
        with runtime.session() as session:
            event = session.get(Event, event_id)
            if event is None:
                raise typer.BadParameter(f"no event {event_id}", param_hint="EVENT_ID")
            stored = event_planning.run_schedule(
                session, runtime.view(), runtime.settings, event, progress=typer.echo
            )
            report = event_planning.report_in(stored, lang)
            assert report is not None
            summary = f"{report['status']}: {report['meetings']} meetings, objective {report['objective']}"
            typer.echo(f"{summary}, gap {report['gap']}")
            for finding in report["findings"]:
                typer.echo(f"  [{finding['group']}] {finding['message']}")
            for row in event_exports.timetable_rows(session, event, runtime.settings.event_zone):
                typer.echo("\t".join(str(v) for v in row))
    finally:
        runtime.close()


@cli.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Option(help="the admin's sign-in email")],
    name: Annotated[str, typer.Option(help="display name")] = "管理员",
    password: Annotated[
        str,
        typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, envvar="JIEBANG_ADMIN_PASSWORD"),
    ] = "",
) -> None:
    """Create an admin account (the first one has to come from here)."""
    from app.errors import JiebangError
    from app.runtime import build_runtime
    from app.services.accounts import create_account
    from models import Role

    runtime = build_runtime(get_settings(), open_indexes=False)
    try:
        with runtime.session() as session:
            account = create_account(session, email=email, name=name, role=Role.admin, password=password)
            typer.echo(f"admin account {account.id} created for {account.email}")
    except JiebangError as exc:
        raise typer.BadParameter(exc.message, param_hint=f"--{exc.field or 'email'}") from exc
    finally:
        runtime.close()


@cli.command("create-api-key")
def create_api_key(
    email: Annotated[str, typer.Option(help="the account that will own the key")],
    name: Annotated[str, typer.Option(help="what the key is for")] = "cli",
) -> None:
    """Issue an API key for an account and print it (shown once; only its sha256 is stored)."""
    from app.runtime import build_runtime
    from app.services.accounts import find_account, issue_api_key

    runtime = build_runtime(get_settings(), open_indexes=False)
    try:
        with runtime.session() as session:
            account = find_account(session, email)
            if account is None:
                raise typer.BadParameter(f"no account with email {email}", param_hint="--email")
            typer.echo(issue_api_key(session, account, name)[1])
    finally:
        runtime.close()


def _import(runtime: Runtime, kind: str, content: bytes, fmt: str) -> ImportReport:
    from app.services.imports import import_rows

    view = runtime.models.current()
    max_rows = runtime.settings.max_import_rows
    return import_rows(runtime.sessions, view, kind, content, fmt, max_rows=max_rows, progress=True)


def _demo_event(runtime: Runtime) -> None:
    from app.services.event_demo import ensure_demo_event

    with runtime.session() as session:
        event = ensure_demo_event(session, runtime.view(), runtime.settings)
        if event is None:
            typer.echo("demo event: already there")
            return
        report = event.solve_report or {}
        typer.echo(
            f"demo event {event.id}: {report.get('meetings', 0)} meetings ({report.get('status')}); "
            f"timetable at /ui/events/{event.id}"
        )


def _demo_accounts(runtime: Runtime) -> None:
    """Demo sign-ins with a published password: only ever in the dev environment."""
    from app.services.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_demo_accounts

    if runtime.settings.env != "dev":
        typer.echo(f"demo accounts: not created (env={runtime.settings.env}; they exist in dev only)")
        return
    with runtime.session() as session:
        created = ensure_demo_accounts(session)
    typer.echo(f"demo accounts: {len(created)} created; sign in at /ui/login with password {DEMO_PASSWORD}")
    for email, _, role in DEMO_ACCOUNTS:
        typer.echo(f"  {role.value:<10} {email}")


@cli.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def bench(ctx: typer.Context) -> None:
    """Benchmark import, index build, rank latency and memory against txtai (scripts/bench.py --help)."""
    import runpy

    script = Path(__file__).resolve().parent.parent / "scripts" / "bench.py"
    runpy.run_path(str(script), run_name="jiebang_bench")["main"](ctx.args)


def _kind_from_name(file: Path) -> str:
    for kind in DEMO_ORDER:
        if kind in file.name.lower():
            return kind
    raise typer.BadParameter("cannot tell the kind from the file name; pass --kind", param_hint="--kind")


def _format_of(file: Path) -> str:
    return "csv" if file.suffix.lower() == ".csv" else "jsonl"


@cli.command()
def evaluate(
    benchmark: Annotated[str, typer.Option(help="all | zh,en,xling | a benchmark directory")] = "all",
    split: Annotated[str, typer.Option(help="all | tune | test")] = "all",
    mode: Annotated[str, typer.Option(help="hybrid | dense | lexical (default: setting)")] = "",
    fusion: Annotated[str, typer.Option(help="linear | minmax | rrf (default: setting)")] = "",
    aggregation: Annotated[str, typer.Option(help="max | topk | mean (default: setting)")] = "",
    dense_weight: Annotated[float, typer.Option(help="-1 = setting")] = -1.0,
    query_fields: Annotated[
        str, typer.Option(help="all | title | title_expertise | expertise_description | all_title_twice")
    ] = "",
    recency_half_life: Annotated[float, typer.Option(help="years; 0 = off, -1 = setting")] = -1.0,
    model: Annotated[str, typer.Option(help="encoder (default: setting)")] = "",
    glossary: Annotated[bool | None, typer.Option("--glossary/--no-glossary")] = None,
    t2s: Annotated[bool | None, typer.Option("--t2s/--no-t2s")] = None,
    cjk_bigrams: Annotated[bool | None, typer.Option("--cjk-bigrams/--no-cjk-bigrams")] = None,
    chance: Annotated[bool, typer.Option(help="also print a random ranking's expected scores")] = False,
    cache: Annotated[bool, typer.Option(help="reuse vectors in <data_dir>/eval-vectors.db")] = True,
    teams: Annotated[
        bool, typer.Option("--teams/--no-teams", help="with --benchmark all: also the team benchmark")
    ] = True,
) -> None:
    """Rank benchmark challenges/postdocs with the real pipeline; print nDCG@10, MRR, Recall@50,
    pairwise loss; with ``--benchmark all`` also the team benchmark's requirement coverage and
    the team-gap benchmark's accuracy, gap honesty and false covers (test split)."""
    from app.evaluation.benchmark import BenchmarkError
    from app.evaluation.report import format_table, resolve, timed

    overrides = {
        "ranking_mode": mode, "fusion": fusion, "aggregation": aggregation, "model": model,
        "dense_weight": None if dense_weight < 0 else dense_weight, "query_fields": query_fields,
        "aggregation_recency_half_life_years": None if recency_half_life < 0 else recency_half_life,
        "text_glossary": glossary, "text_t2s": t2s, "text_cjk_bigrams": cjk_bigrams,
    }  # fmt: skip
    from pydantic import ValidationError

    base = get_settings().model_dump()
    chosen_options = {k: v for k, v in overrides.items() if v not in ("", None)}
    try:
        settings = type(get_settings())(**{**base, **chosen_options})
    except ValidationError as exc:
        first = exc.errors()[0]
        typer.echo(f"invalid option {first['loc'][0]}: {first['msg']}", err=True)
        raise typer.Exit(2) from exc
    chosen = None if split == "all" else split
    try:
        vectors = settings.data_dir / "eval-vectors.db" if cache else None
        rows, seconds = timed(resolve(benchmark), settings, split=chosen, chance=chance, cache=vectors)
    except BenchmarkError as exc:
        typer.echo(f"invalid benchmark: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(format_table(rows))
    typer.echo(f"model={settings.model} split={split} seconds={seconds:.1f}")
    if teams and benchmark == "all":
        from app.evaluation.teams import evaluate_teams, format_team_table

        typer.echo("\nteam benchmark (data/benchmarks/teams): facet coverage, top team vs top-k individuals")
        typer.echo(format_team_table(evaluate_teams(model=settings.model), per_challenge=False))
        from app.evaluation.team_gaps import evaluate_team_gaps, format_gap_figures

        gap_split = "test" if split == "all" else split  # the calibration is fitted on tune
        typer.echo("\nteam-gap benchmark (data/benchmarks/team_gaps): is a requirement covered or a gap?")
        figs, gap_below = evaluate_team_gaps(settings, gap_split, cache=vectors)
        typer.echo(format_gap_figures(figs, gap_below, gap_split))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # libraries' start-up chatter (migrations run, faiss CPU variants tried, each BM25 build)
    for noisy in ("alembic", "faiss", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    cli()


if __name__ == "__main__":
    main()
