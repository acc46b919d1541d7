"""One build cache per test run, copied next to each test bot's database, so that bot starts as a
restarted bot does (reading the cache) instead of building its content for seconds at every test.
The cold start itself is tested on its own (tests/brain/test_build_cache.py)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from bot.brain.build_cache import PREFIX, load_built_library

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@cache
def _built_file() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="backcare-test-cache-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    load_built_library(KNOWLEDGE, folder)
    (path,) = folder.glob(f"{PREFIX}*.pickle")
    return path


def place_build_cache(database: Path) -> None:
    """A copy, not a link: a test that damages its bot's cache must not damage the others'.
    Nothing is placed where no folder can be (a test of an unusable database path)."""
    source = _built_file()
    target = database.parent / source.name
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(source, target)
    except OSError:
        return
