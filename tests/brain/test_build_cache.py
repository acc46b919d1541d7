"""The build cache: a restart reads what the first start built, and answers exactly the same;
a stale, corrupt or unwritable cache only means a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.brain.assistant import Assistant
from bot.brain.build_cache import PREFIX, cache_folder, load_built_library
from bot.brain.built import built_for
from tests.conftest import KNOWLEDGE

MESSAGES = [
    ("en", "how often should I do the plank"),
    ("en", "I can't feel my legs and I wet myself"),
    ("nb", "hvor ofte bør jeg gjøre planken"),
    ("nb", "jeg har mistet følelsen i beina"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def built(folder: Path):
    return load_built_library(KNOWLEDGE, folder)  # cold: builds and writes the file


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*.pickle"))


async def replies(library, store, clock, config) -> list:
    assistant = Assistant(library, store, clock, config)
    return [
        await assistant.reply(100 + n, text, language_code=code)
        for n, (code, text) in enumerate(MESSAGES)
    ]


def test_the_first_start_writes_one_cache_file(built, folder):
    assert list(built) == ["en", "nb"]
    assert len(cache_files(folder)) == 1


async def test_a_restart_reads_the_cache_and_answers_the_same(built, folder, store, clock, config):
    warm = load_built_library(KNOWLEDGE, folder)
    assert warm["en"] is not built["en"]  # read back from the file, not this process's objects
    assert built_for(warm["nb"], "nb").content is warm["nb"]  # and used by the assistant
    assert await replies(warm, store, clock, config) == await replies(built, store, clock, config)


async def test_a_corrupt_cache_is_rebuilt(built, folder, store, clock, config):
    (path,) = cache_files(folder)
    path.write_bytes(path.read_bytes()[:1000])  # cut off mid-write, say
    rebuilt = load_built_library(KNOWLEDGE, folder)
    assert await replies(rebuilt, store, clock, config) == await replies(
        built, store, clock, config
    )
    assert load_built_library(KNOWLEDGE, folder)["en"] is not rebuilt["en"]  # file good again


def test_a_stale_cache_is_replaced(built, folder):
    stale = folder / f"{PREFIX}0000.pickle"
    stale.write_bytes(b"from an older release")
    (folder / f"{cache_files(folder)[-1].name}").unlink()
    load_built_library(KNOWLEDGE, folder)
    assert stale not in cache_files(folder) and len(cache_files(folder)) == 1


def test_an_unwritable_folder_still_starts(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert list(load_built_library(KNOWLEDGE, blocked)) == ["en", "nb"]


def test_the_cache_sits_next_to_a_sqlite_database(tmp_path):
    assert cache_folder(tmp_path / "bot.sqlite3") == tmp_path
    assert cache_folder(":memory:") is None


def test_on_postgresql_the_cache_sits_in_the_data_folder_the_image_keeps_in_its_volume(
    tmp_path, monkeypatch
):
    """The image's working directory /app belongs to root; /app/data is the volume /data."""
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path))
    assert cache_folder("postgresql://bot@db/bot") == tmp_path / "data"
    dockerfile = (Path(__file__).parents[2] / "Dockerfile").read_text()
    assert "WORKDIR /app" in dockerfile and "ln -s /data /app/data" in dockerfile


def written_and_read(value: object) -> object:
    import io
    import pickle

    from bot.brain.build_cache import _SharingPickler

    file = io.BytesIO()
    _SharingPickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return pickle.loads(file.getvalue())  # noqa: S301 - written just above


def test_equal_values_are_read_back_as_one_object_and_only_of_the_same_type():
    words = ["".join(["neck", "pain"]), "".join(["neck", "pain"])]
    numbers = [1, 1.0, True, 0.0, -0.0, ("a", 1), ("a", 1.0), frozenset({"a"}), {"a"}, {"a"}]
    read_words, read = written_and_read((words, numbers))
    assert read_words[0] is read_words[1]
    assert [type(n) for n in read] == [type(n) for n in numbers]
    assert str(read[4]) == "-0.0" and type(read[6][1]) is float
    assert read[8] == read[9] and read[8] is not read[9]  # a set can change: never shared


def test_a_compiled_pattern_is_read_back_as_re_compile_makes_it():
    import re

    patterns = [re.compile(r"(?<!\S)(?:no (?P<what>feeling)|numb)(?!\S)"), re.compile(b"a+", re.I)]
    for pattern, read in zip(patterns, written_and_read(patterns), strict=True):
        assert read == pattern and read.groupindex == pattern.groupindex
        assert read.match("no feeling" if read.groups else b"AA")
