"""How one language is read: stemmer, letter folds, texting shorthand, stop and common words.

Every brain reads its messages in its own language. Rather than pass the language through every
function that normalises or stems a word, the brain sets the dialect for the turn (`speaking`),
and `normalize`/`stem` follow it. Each turn runs in its own asyncio task, so concurrent turns in
different languages never see each other's dialect.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

from bot.content.models import LanguageFile, ReminderWords
from bot.language.matching import common_words
from bot.language.question_words import QuestionWords
from bot.language.word_set import WordSet


@dataclass(frozen=True, eq=False)
class Dialect:
    code: str
    stemmer: str = "english"
    """A Snowball algorithm name (PyStemmer, the C build of the Snowball stemmers)."""
    folds: tuple[tuple[str, str], ...] = ()
    """Letter groups written several ways, folded to one ("blære", "blaere" -> "blare")."""
    shorthand: dict[str, str] | None = None
    """Whole-word rewrites of texting and dialect forms; None keeps the English defaults."""
    stop_words: frozenset[str] | None = None
    """Words that carry no topic; None keeps the English defaults."""
    common_words: WordSet | frozenset[str] = field(default_factory=frozenset)
    """Frequent words that are meant as typed: never "corrected" into a knowledge-base word."""
    english_grammar: bool = True
    """English contractions ("don't" -> "do not") apply."""
    reminder_words: ReminderWords | None = None
    """How reminders are asked for in words; None: the English built into language/commands."""
    question_words: QuestionWords | None = None
    """What makes a sentence a question; None: the English in language/question_words."""
    stem: Callable[[str], str] = field(init=False, repr=False)
    """word -> stem, cached."""
    _fold_pattern: re.Pattern[str] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # The C stemmer (PyStemmer): a word never seen before costs about a microsecond, so a
        # message of hundreds of new words no longer holds the event loop (bench/reliability.py).
        stemmer = Stemmer.Stemmer(self.stemmer)
        object.__setattr__(self, "stem", lru_cache(maxsize=65536)(stemmer.stemWord))
        pattern = "|".join(re.escape(letters) for letters, _ in self.folds)
        object.__setattr__(self, "_fold_pattern", re.compile(pattern) if pattern else None)

    def __reduce__(self):
        """Pickled as its fields (the build cache): the cached stemmer is rebuilt on load."""
        fields = (self.code, self.stemmer, self.folds, self.shorthand, self.stop_words)
        grammar = (self.english_grammar, self.reminder_words, self.question_words)
        return Dialect, (*fields, self.common_words, *grammar)

    def fold(self, text: str) -> str:
        if self._fold_pattern is None:
            return text
        table = dict(self.folds)
        return self._fold_pattern.sub(lambda m: table[m.group(0)], text)


ENGLISH = Dialect("en")
_current: ContextVar[Dialect] = ContextVar("dialect", default=ENGLISH)


def current() -> Dialect:
    return _current.get()


@contextmanager
def speaking(dialect: Dialect) -> Iterator[None]:
    """Within this block, `normalize` and `stem` read text as `dialect`."""
    token = _current.set(dialect)
    try:
        yield
    finally:
        _current.reset(token)


def stem(word: str) -> str:
    return _current.get().stem(word)


def dialect_of(profile: LanguageFile, code: str) -> Dialect:
    """The dialect a language.yaml describes; its word lists are folded like the text will be."""
    folds = tuple(sorted(profile.folds.items(), key=lambda pair: -len(pair[0])))
    plain = Dialect(code, profile.stemmer, folds, english_grammar=profile.english_grammar)

    def folded(word: str) -> str:
        return plain.fold(word.lower())

    common = frozenset(folded(w) for w in profile.common_words)
    asking = profile.question_words
    questions = (
        QuestionWords(
            starts=frozenset(folded(w) for w in asking.starts),
            fillers=frozenset(folded(w) for w in asking.fillers),
            phrases=tuple(folded(p) for p in asking.phrases),
        )
        if asking is not None
        else None
    )
    if profile.english_grammar:
        shipped = common_words.load()
        # The shipped set itself when it holds them all: one copy for the dialect and the
        # crisis screen's spelling check.
        common = shipped if all(w in shipped for w in common) else WordSet([*shipped, *common])
    else:
        common = WordSet(common)
    return Dialect(
        code,
        profile.stemmer,
        folds,
        shorthand={folded(k): folded(v) for k, v in profile.shorthand.items()} or None,
        stop_words=frozenset(folded(w) for w in profile.stop_words) or None,
        common_words=common,
        english_grammar=profile.english_grammar,
        reminder_words=profile.reminder_words,
        question_words=questions,
    )
