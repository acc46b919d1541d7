"""Command line: run (default) | console | ask | check | eval | unanswered | safety-report."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable

from pydantic import ValidationError

from bot.content.loader import ContentError, load_content
from bot.settings import Settings

EXIT_CONFIG = 2
log = logging.getLogger("bot")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        return _bad_settings(error)
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    command: Callable[[Settings, argparse.Namespace], int] = args.handler
    try:
        return command(settings, args)
    except ContentError as error:
        print("The knowledge base has problems; fix them and try again:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="run_bot.py", description=__doc__)
    parser.set_defaults(handler=_run)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Callable, help_text: str) -> argparse.ArgumentParser:
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        sub_parser.set_defaults(handler=handler)
        return sub_parser

    command("run", _run, "start the Telegram bot (the console chat if no token is set)")
    command("console", _console, "chat with the bot in this terminal")
    ask = command("ask", _ask, "print the reply to TEXT, or to each line of standard input")
    ask.add_argument("text", nargs="*", help="the message; read stdin lines when omitted")
    ask.add_argument("--json", action="store_true", help="one JSON object per line")
    command("check", _check, "validate every file in the knowledge folder")
    evaluate = command("eval", _eval, "accuracy of FAQ matching and safety triage on tests/data")
    evaluate.add_argument("--misses", action="store_true", help="list every wrong answer")
    unanswered = command("unanswered", _unanswered, "most frequent questions without an answer")
    unanswered.add_argument("--limit", type=int, default=20)
    report = command("safety-report", _safety_report, "summary of safety escalations")
    report.add_argument("--days", type=int, default=30)
    return parser


def _bad_settings(error: ValidationError) -> int:
    print("The settings (environment or .env) have problems:", file=sys.stderr)
    for problem in error.errors():
        name = ".".join(str(part) for part in problem["loc"]).upper()
        print(f"  - {name}: {problem['msg'].removeprefix('Value error, ')}", file=sys.stderr)
    return EXIT_CONFIG


def _run(settings: Settings, args: argparse.Namespace) -> int:
    if settings.telegram_bot_token is None:
        content = load_content(settings.knowledge_dir)
        print(content.messages.general.console_hint.strip(), end="\n\n")
        return _console(settings, args, content=content)
    from bot.telegram.app import run_telegram

    return run_telegram(settings)


def _console(settings: Settings, args: argparse.Namespace, content=None) -> int:
    from bot.console import chat
    from bot.runtime import open_runtime

    async def go() -> None:
        runtime = await open_runtime(settings, content=content)
        try:
            await chat(runtime.assistant)
        finally:
            await runtime.close()

    asyncio.run(go())
    return 0


def _ask(settings: Settings, args: argparse.Namespace) -> int:
    from bot.ask import ask_all
    from bot.runtime import open_runtime

    messages = [" ".join(args.text)] if args.text else (line.rstrip("\n") for line in sys.stdin)

    async def go() -> None:
        runtime = await open_runtime(settings, database=":memory:")
        try:
            await ask_all(runtime.assistant, messages, sys.stdout, args.json)
        finally:
            await runtime.close()

    asyncio.run(go())
    return 0


def _check(settings: Settings, args: argparse.Namespace) -> int:
    content = load_content(settings.knowledge_dir)
    print(
        f"OK: {len(content.faq)} FAQ entries, {len(content.exercises)} exercises, "
        f"{len(content.goals)} goals, {len(content.products)} products, "
        f"{len(content.safety.rules)} safety rules, {len(content.synonyms)} synonym groups."
    )
    return 0


def _eval(settings: Settings, args: argparse.Namespace) -> int:
    from bot.evaluation import run_all

    print(run_all(load_content(settings.knowledge_dir), show_misses=args.misses))
    return 0


def _unanswered(settings: Settings, args: argparse.Namespace) -> int:
    from bot.store import Store

    async def go() -> None:
        store = await Store.open(settings.database_path)
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


def _safety_report(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import UTC, datetime, timedelta

    from bot.store import Store

    async def go() -> None:
        since = datetime.now(UTC) - timedelta(days=args.days)
        store = await Store.open(settings.database_path)
        try:
            tiers = await store.escalations.by_tier(since)
            rules = await store.escalations.by_rule(since)
        finally:
            await store.close()
        print(f"Safety escalations in the last {args.days} days")
        for tier in ("emergency", "urgent", "stop", "soreness"):
            print(f"  {tier:<10} {tiers.get(tier, 0):>6}")
        if rules:
            print("\nBy rule:")
            for tier, rule, count in rules:
                print(f"  {count:>6}  {tier:<10} {rule}")

    asyncio.run(go())
    return 0
