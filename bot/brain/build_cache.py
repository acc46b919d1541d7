"""The built languages on disk, so that a restart reads them instead of building them again.

Building every language (YAML, dialects, safety screens, matchers) takes seconds; reading the
result back takes a fraction of that. The file is keyed by a hash of every knowledge file, of
the bot's own code and of the Python and library versions: any change means a fresh build. It
is written whole (a temporary file, then a rename), and an unreadable, truncated or foreign
file is ignored and replaced, so a crash mid-write or a corrupt file costs one build, no more.
Pickle runs what the file says: it lives in the bot's data folder, which only the bot writes
(whoever can write there can change the database as well).
"""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import os
import pickle
import re
import sys
import tempfile
from array import array
from importlib import metadata
from pathlib import Path

import bot
from bot.brain.built import BuiltLanguage, build_language, remember
from bot.content.loader import Content, load_library
from bot.settings import data_root

log = logging.getLogger(__name__)

PREFIX = ".build-cache-"
FORMAT = 8
"""Raised when what the file holds changes shape."""
LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "rapidfuzz", "PyStemmer")
"""Whose objects the file holds, or whose results it stores: another version means a build."""


def load_built_library(knowledge_dir: Path, folder: Path | None) -> dict[str, Content]:
    """load_library's result, with every language built and remembered for the assistant:
    read from `folder`'s cache when it is fresh, else built and written there (None: no cache).
    Content problems raise ContentError, as load_library does."""
    key = cache_key(knowledge_dir) if folder is not None else ""
    path = folder / f"{PREFIX}{key}.pickle" if folder is not None else None
    built = _read(path, key) if path is not None else None
    if built is None:
        library = load_library(knowledge_dir)
        built = {code: build_language(content, code) for code, content in library.items()}
        if path is not None:
            _write(path, key, built)
    for language in built.values():
        remember(language)
    return {code: language.content for code, language in built.items()}


def cache_key(knowledge_dir: Path) -> str:
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    for name in LIBRARIES:
        digest.update(f" {name}={metadata.version(name)}".encode())
    code = Path(bot.__file__).parent
    for root, files in ((code, _files(code)), (knowledge_dir, _files(knowledge_dir))):
        for file in files:
            digest.update(str(file.relative_to(root)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:32]


def _files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def _read(path: Path, key: str) -> dict[str, BuiltLanguage] | None:
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects, none garbage: no need to scan them
    try:
        with path.open("rb") as file:
            found_format, found_key, built = pickle.load(file)  # noqa: S301 - our own file
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 - any unreadable cache just means a build
        log.warning("build cache %s unreadable (%s); building afresh", path, error)
        return None
    finally:
        if collecting:
            gc.enable()
    if (found_format, found_key) != (FORMAT, key) or not isinstance(built, dict):
        return None
    return built


def cache_folder(database: Path | str) -> Path | None:
    """Next to a SQLite database file; none in memory; for PostgreSQL in `data/` under the
    data root, where the default SQLite file would be: in the image that is the volume /data
    (the working directory /app is not the bot's to write)."""
    if isinstance(database, Path):
        return database.parent
    return None if database == ":memory:" else data_root() / "data"


def _write(path: Path, key: str, built: dict[str, BuiltLanguage]) -> None:
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=PREFIX, suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(_pickled((FORMAT, key, built)))
        os.replace(temporary, path)
    except Exception as error:  # noqa: BLE001 - no cache is slower, never wrong
        log.warning("build cache not written to %s (%s); every start will build", path, error)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return
    for stale in path.parent.glob(f"{PREFIX}*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)


def _pickled(value: object) -> bytes:
    """The shared pickle of `value`, keeping in the memo only what is read more than once.

    The pickler memoizes every object it writes, and the reader keeps each one in its memo until
    the end: the transient ones too (the state dict of every object, the arguments of every
    call), so they were freed only once everything was read, leaving about 6 MB of holes among
    the objects that stay (200,000 memo entries; 55,000 are ever read back).
    pickletools.optimize drops the memo entries nobody reads (about 1 s on a cold start)."""
    import pickletools  # a large module only a cold start needs

    written = io.BytesIO()
    _SharingPickler(written, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return pickletools.optimize(written.getvalue())


class _SharingPickler(pickle._Pickler):  # noqa: SLF001 - the Python pickler, for its save()
    """Writes each value once: equal strings, numbers, bytes and tuples or frozensets of them
    are written as one object that every place shares, so reading the file back makes one copy
    of each (tens of thousands of rule words, grams and weights recur across the indexes and
    the two languages: about 4 MB less in memory). Only immutable values of exact built-in types
    are shared, and only with values of the same type (1, 1.0 and True stay apart; so do 0.0
    and -0.0), so no object the program can change or tell apart by identity is merged. The
    Python pickler is slower than the C one (about 1.5 s more on a cold start); reading is
    unchanged.

    Compiled regular expressions are written with their compiled program (see _pattern), so
    reading them back does not parse and compile them again."""

    def __init__(self, file, protocol: int) -> None:
        super().__init__(file, protocol=protocol)
        self._canonical: dict[object, object] = {}

    def save(self, obj, save_persistent_id=True) -> None:  # noqa: ANN001, FBT002 - as in pickle
        kind = type(obj)
        if kind in _SHAREABLE:
            key = _value_key(obj)
            if key is not None:
                obj = self._canonical.setdefault(key, obj)
        super().save(obj, save_persistent_id)

    def reducer_override(self, obj: object) -> object:
        if type(obj) is re.Pattern:
            return _compiled_pattern(obj)
        return NotImplemented

    def _save_int(self, obj: int) -> None:
        """pickle writes numbers in place, never as one shared object: each of the indexes' row
        numbers (tens of thousands) would come back as an object of its own. Written once and
        put in the memo, an int is read back shared, like any remembered object, and with no
        temporary objects in between (rebuilding it by a call, int("1234"), left a string and
        a tuple per number behind as holes among the objects read: about 3 MB of RSS)."""
        pickle._Pickler.save_long(self, obj)  # noqa: SLF001 - the Python pickler's own writer
        if not _CACHED_INTS[0] <= obj <= _CACHED_INTS[1]:
            self.memoize(obj)

    dispatch = {**pickle._Pickler.dispatch, int: _save_int}  # noqa: SLF001


_SHAREABLE = frozenset({str, int, float, bytes, tuple, frozenset})
_CACHED_INTS = (-5, 256)
"""The small integers Python keeps one object of anyway."""


def _value_key(obj: object) -> object:
    """A key equal only for values of the same types all through; None if `obj` holds
    anything that is not a shareable value (a list, a model)."""
    kind = type(obj)
    if kind is str or kind is int or kind is bytes:
        return (kind, obj)
    if kind is float:
        return (kind, obj.hex())  # 0.0 and -0.0 differ; every nan is alike
    if kind is tuple or kind is frozenset:
        keys = [_value_key(item) for item in obj]
        if None in keys:
            return None
        return (kind, tuple(keys) if kind is tuple else frozenset(keys))
    return None


def _compiled_pattern(pattern: re.Pattern) -> object:
    """How to rebuild `pattern` from its compiled program, or NotImplemented (pickle's own way,
    which compiles it again on reading) when this Python compiles it differently."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        code = array("I", _compiler._code(parsed, pattern.flags))  # noqa: SLF001
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        args = (
            pattern.pattern,
            pattern.flags | parsed.state.flags,
            code,
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        rebuilt = _pattern(*args)
        same = (rebuilt.groups, rebuilt.groupindex) == (pattern.groups, pattern.groupindex)
        if rebuilt != pattern or not same:  # equal patterns have the same flags and program
            return NotImplemented
    except Exception:  # noqa: BLE001 - another Python's internals: pickle's own way is right
        return NotImplemented
    return _pattern, args


def _pattern(
    text: str | bytes,
    flags: int,
    code: array,
    groups: int,
    groupindex: dict[str, int],
    indexgroup: tuple[str | None, ...],
) -> re.Pattern:
    """A compiled regular expression from its compiled program, as re.compile makes it: the
    long crisis-phrase alternations took 0.1-0.3 s to compile at every warm start. The file is
    only read by the Python that wrote it (its version is in the key)."""
    import _sre

    return _sre.compile(text, flags, code.tolist(), groups, groupindex, indexgroup)
