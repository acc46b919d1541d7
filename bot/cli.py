"""Command line: run (default) | console | ask | check | eval | unanswered | safety-report."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from bot.content.loader import DEFAULT_LANGUAGE, ContentError, load_library
from bot.content.models import LEVELS
from bot.logs import configure_logging
from bot.settings import Settings
from bot.settings_check import SettingsProblem, configured_names, load_settings, misspellings
from bot.startup import StartupError

EXIT_CONFIG = 2
NO_TOKEN_NO_TERMINAL = (
    "No TELEGRAM_BOT_TOKEN is set and there is no terminal to chat in, so the bot cannot run. "
    "To connect Telegram: message @BotFather, send /newbot, and set the token it gives you as "
    "TELEGRAM_BOT_TOKEN (in .env or the environment; see .env.example). To chat in a terminal "
    "instead, run the `console` command from one."
)
log = logging.getLogger("bot")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except SettingsProblem as problem:
        for line in problem.lines:
            print(line, file=sys.stderr)
        return EXIT_CONFIG
    configure_logging(settings)
    for warning in misspellings(configured_names()):
        log.warning(warning)
    command: Callable[[Settings, argparse.Namespace], int] = args.handler
    try:
        return command(settings, args)
    except ContentError as error:
        print("The knowledge base has problems; fix them and try again:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_CONFIG
    except StartupError as error:
        print(error, file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backcare-bot", description=__doc__)
    parser.set_defaults(handler=_run)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Callable, help_text: str) -> argparse.ArgumentParser:
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        sub_parser.set_defaults(handler=handler)
        return sub_parser

    command("run", _run, "start the Telegram bot (the console chat if no token is set)")
    console = command("console", _console, "chat with the bot in this terminal")
    console.add_argument("--lang", help="the chat's language, as Telegram's app language (nb, en)")
    ask = command("ask", _ask, "print the reply to TEXT, or to each line of standard input")
    ask.add_argument("--lang", help="each message's user has this app language (nb, en)")
    ask.add_argument("text", nargs="*", help="the message; read stdin lines when omitted")
    ask.add_argument("--json", action="store_true", help="one JSON object per line")
    command("check", _check, "validate every file in the knowledge folder")
    command("healthcheck", _healthcheck, "exit 0 if the running bot's /healthz says healthy")
    guide = command("guide", _guide, "write the printable programme for a goal and level as a PDF")
    guide.add_argument("--goal", default="prevention", help="a goal id from goals.yaml")
    guide.add_argument("--level", default="beginner", choices=LEVELS)
    guide.add_argument("-o", "--output", type=Path, default=Path("back-care-guide.pdf"))
    guide.add_argument("--week", type=_iso_date, help="a date in the week to plan (YYYY-MM-DD)")
    guide.add_argument("--lang", help="the guide's language, a folder of knowledge/ (en, nb)")
    pictures = command(
        "pictures", _pictures, "draw every exercise picture from knowledge/poses.yaml into DIR"
    )
    pictures.add_argument("-o", "--output", type=Path, default=Path("pictures"))
    evaluate = command(
        "eval", _eval, "accuracy of FAQ matching and safety triage on bot/evaluation/data"
    )
    evaluate.add_argument("--misses", action="store_true", help="list every wrong answer")
    evaluate.add_argument(
        "--blind",
        metavar="SET",
        help="only the blind set SET (e.g. faq3_tune, nb3_holdout); misses for _tune halves only",
    )
    unanswered = command("unanswered", _unanswered, "most frequent questions without an answer")
    unanswered.add_argument("--limit", type=int, default=20)
    report = command("safety-report", _safety_report, "summary of safety escalations")
    report.add_argument("--days", type=int, default=30)
    migrate = command(
        "migrate-db",
        _migrate_db,
        "copy every table of a SQLite database into PostgreSQL and compare the counts "
        "(safe to run again; stop the bot first)",
    )
    migrate.add_argument("source", help="sqlite:///path/to/bot.sqlite3")
    migrate.add_argument("target", help="postgresql://user:password@host:5432/database")
    backup = command("backup", _backup, "copy the database to TARGET, safely while the bot runs")
    backup.add_argument(
        "target", type=Path, help="the new file, e.g. backups/bot-2026-01-31.sqlite3"
    )
    return parser


def _run(settings: Settings, args: argparse.Namespace) -> int:
    if settings.telegram_bot_token is None:
        content = load_library(settings.knowledge_dir)
        if not sys.stdin.isatty():
            # Docker or systemd with no token: the console would read end-of-file and exit 0,
            # and the supervisor would restart it forever.
            print(NO_TOKEN_NO_TERMINAL, file=sys.stderr)
            return EXIT_CONFIG
        hint = _in_language(content, settings.default_language).messages.general.console_hint
        print(hint.strip(), end="\n\n")
        return _console(settings, args, content=content)
    from telegram.error import InvalidToken

    from bot.faces.telegram.app import run_telegram
    from bot.startup import prepare

    content = prepare(settings)  # content and database problems end here, before Telegram
    # What start-up built lives as long as the process: the collector need never scan it again.
    gc.freeze()
    try:
        return run_telegram(settings, content)
    except InvalidToken:
        print(
            "Telegram rejected TELEGRAM_BOT_TOKEN. Copy the token again from @BotFather "
            "(/mybots, API Token) into .env, or revoke it there and use the new one.",
            file=sys.stderr,
        )
        return EXIT_CONFIG


def _console(settings: Settings, args: argparse.Namespace, content=None) -> int:
    from bot.faces.console import chat
    from bot.runtime import open_runtime

    async def go() -> None:
        runtime = await open_runtime(settings, content=content)
        try:
            await chat(runtime.assistant, language=getattr(args, "lang", None))
        finally:
            await runtime.close()

    asyncio.run(go())
    return 0


def _ask(settings: Settings, args: argparse.Namespace) -> int:
    from bot.faces.ask import ask_all
    from bot.runtime import open_runtime

    messages = [" ".join(args.text)] if args.text else (line.rstrip("\n") for line in sys.stdin)

    async def go() -> None:
        runtime = await open_runtime(settings, database=":memory:")
        try:
            await ask_all(runtime.assistant, messages, sys.stdout, args.json, args.lang)
        finally:
            await runtime.close()

    asyncio.run(go())
    return 0


def _in_language(library: dict, code: str):
    """One language's content; an unknown code is a settings error that names the choices."""
    if code not in library:
        raise StartupError(
            f"No language {code!r} in the knowledge folder; there are: {', '.join(library)}."
        )
    return library[code]


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-01-05") from error


def _guide(settings: Settings, args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from bot.brain.coach.guide import guide_pdf

    content = _in_language(load_library(settings.knowledge_dir), args.lang or "en")
    if args.goal not in content.goals:
        print(
            f"Unknown goal {args.goal!r}. Choose one of: {', '.join(content.goals)}.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    week_of = args.week or datetime.now(ZoneInfo(settings.default_timezone)).date()
    data = guide_pdf(
        content,
        goal=args.goal,
        level=args.level,
        stages={},
        user_id=0,
        week_of=week_of,
        emergency_number=content.emergency_numbers.get(
            content.profile.home_country or "", settings.emergency_number
        ),
    )
    try:
        args.output.write_bytes(data)
    except OSError as error:
        print(f"Could not write {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    goal, level = content.goals[args.goal].name, content.levels[args.level].name
    print(f"Wrote {args.output}: {goal}, {level} ({len(data) // 1024 + 1} KB).")
    return 0


def _pictures(settings: Settings, args: argparse.Namespace) -> int:
    """Every exercise and variation as a still (PNG) and an animation (GIF), from content."""
    from bot.brain.exercises.pictures import WHICH, exercise_animation, exercise_still

    content = load_library(settings.knowledge_dir)[DEFAULT_LANGUAGE]  # poses are shared
    try:
        args.output.mkdir(parents=True, exist_ok=True)
        for exercise_id in content.exercises:
            for which in WHICH:
                for picture in (
                    exercise_still(content, exercise_id, which),
                    exercise_animation(content, exercise_id, which),
                ):
                    (args.output / picture.filename).write_bytes(picture.data)
    except OSError as error:
        print(f"Could not write to {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    count = 2 * len(WHICH) * len(content.exercises)
    print(f"Wrote {count} pictures to {args.output}/ (a PNG and a GIF per exercise and variation).")
    return 0


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from bot.runtime import open_runtime

    library = load_library(settings.knowledge_dir)  # every language, and that they hold the same

    async def links_to_code() -> None:
        # Building the brain checks what only code knows, e.g. that intents name real commands.
        runtime = await open_runtime(settings, content=library, database=":memory:")
        await runtime.close()

    asyncio.run(links_to_code())
    for code, content in library.items():
        print(
            f"OK {code}: {len(content.faq)} FAQ entries, {len(content.exercises)} exercises, "
            f"{len(content.goals)} goals, {len(content.products)} products, "
            f"{len(content.safety.rules)} safety rules, {len(content.synonyms)} synonym groups."
        )
    return 0


def _healthcheck(settings: Settings, args: argparse.Namespace) -> int:
    """For Docker's HEALTHCHECK: asks the bot's own server, wherever the settings put it."""
    from urllib.error import HTTPError
    from urllib.request import urlopen

    webhook = settings.webhook_url is not None
    listen = settings.webhook_listen if webhook else settings.metrics_listen
    port = settings.webhook_port if webhook else settings.metrics_port
    if not port:
        print("METRICS_PORT=0: the bot serves no /healthz to ask.", file=sys.stderr)
        return EXIT_CONFIG
    host = "127.0.0.1" if listen in ("0.0.0.0", "::", "") else listen
    url = f"http://{host}:{port}/healthz"
    try:
        with urlopen(url, timeout=10) as answer:  # noqa: S310 - our own local endpoint
            print(answer.read().decode())
            return 0
    except HTTPError as error:
        print(error.read().decode(), file=sys.stderr)
    except OSError as error:
        print(f"No answer from {url}: {error}", file=sys.stderr)
    return 1


def _eval(settings: Settings, args: argparse.Namespace) -> int:
    from bot.evaluation.faq import BlindSetMissing, blind_set_report, run_all

    library = load_library(settings.knowledge_dir)
    if args.blind is None:
        print(run_all(library, show_misses=args.misses))
        return 0
    try:
        print(blind_set_report(library, args.blind, args.misses))
    except BlindSetMissing as missing:
        print(missing, file=sys.stderr)
        return 2
    return 0


def _unanswered(settings: Settings, args: argparse.Namespace) -> int:
    from bot.startup import open_store

    async def go() -> None:
        store = await open_store(settings.database_path)
        try:
            misses = await store.learning.top_misses(args.limit)
            unhelpful = await store.learning.unhelpful_counts()
        finally:
            await store.close()
        if not misses:
            print("No unanswered questions recorded yet.")
        else:
            print(f"{'count':>5}  {'outcome best guess':<28}  question")
            for miss in misses:
                guess = f"{miss.best_id or '-'} ({miss.best_score or 0:.0f})"
                print(f"{miss.count:>5}  {guess:<28}  {miss.text}")
        if unhelpful:
            print("\nAnswers marked not helpful:")
            for entry_id, count in unhelpful:
                print(f"{count:>5}  {entry_id}")

    asyncio.run(go())
    return 0


def _backup(settings: Settings, args: argparse.Namespace) -> int:
    from bot.store.backup import BackupError, backup_database

    if settings.database_path == ":memory:":
        print("DATABASE_URL points at an in-memory database: nothing to back up.", file=sys.stderr)
        return EXIT_CONFIG
    if str(settings.database_path).startswith(("postgresql:", "postgres:")):
        print(
            "DATABASE_URL points at PostgreSQL: back it up with pg_dump (docs/deploy.md).",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    try:
        size = backup_database(Path(settings.database_path), args.target)
    except BackupError as error:
        print(f"No backup made: {error}.", file=sys.stderr)
        return EXIT_CONFIG
    print(f"Backed up {settings.database_path} to {args.target} ({size / 1024:.0f} KB, checked).")
    return 0


def _migrate_db(settings: Settings, args: argparse.Namespace) -> int:
    from bot.settings import database_path, redacted
    from bot.startup import StartupError, open_store
    from bot.store import database_errors
    from bot.store.copy import copy_database

    try:
        source, target = database_path(args.source), database_path(args.target)
    except ValueError as error:
        print(error, file=sys.stderr)
        return EXIT_CONFIG
    if not isinstance(source, Path) or not str(target).startswith(("postgresql:", "postgres:")):
        print("migrate-db copies a sqlite:/// file into a postgresql:// database.", file=sys.stderr)
        return EXIT_CONFIG
    if not source.exists():
        print(f"There is no database at {source}.", file=sys.stderr)
        return EXIT_CONFIG

    async def go() -> list:
        lite = await open_store(source)
        try:
            pg = await open_store(target)
            try:
                return await copy_database(lite.db, pg.db)
            finally:
                await pg.close()
        finally:
            await lite.close()

    try:
        copies = asyncio.run(go())
    except StartupError as error:
        print(error, file=sys.stderr)
        return EXIT_CONFIG
    except database_errors() as error:
        print(f"The copy failed and was rolled back, nothing kept: {error}", file=sys.stderr)
        return 1
    print(f"{'table':<18} {'sqlite':>10} {'postgresql':>10}")
    for copy in copies:
        mark = "" if copy.matches else "  <- differs"
        print(f"{copy.table:<18} {copy.source_rows:>10} {copy.target_rows:>10}{mark}")
    if all(copy.matches for copy in copies):
        print(f"Copied {source} into {redacted(str(target))}; every count matches.")
        return 0
    print(
        "Some counts differ: rows deleted from SQLite since an earlier run are still in "
        "PostgreSQL. Copy into an empty database to start over.",
        file=sys.stderr,
    )
    return 1


def _safety_report(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import UTC, datetime, timedelta

    from bot.model.tiers import TIERS
    from bot.startup import open_store

    async def go() -> None:
        since = datetime.now(UTC) - timedelta(days=args.days)
        store = await open_store(settings.database_path)
        try:
            tiers = await store.escalations.by_tier(since)
            rules = await store.escalations.by_rule(since)
        finally:
            await store.close()
        print(f"Safety escalations in the last {args.days} days")
        for tier in TIERS:
            print(f"  {tier:<10} {tiers.get(tier, 0):>6}")
        if rules:
            print("\nBy rule:")
            for tier, rule, count in rules:
                print(f"  {count:>6}  {tier:<10} {rule}")

    asyncio.run(go())
    return 0
