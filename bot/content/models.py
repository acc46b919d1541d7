"""Typed content: one model per knowledge/*.yaml file, validated at load."""

from __future__ import annotations

from typing import Annotated, Literal

from bot.content.base import Id, StrictModel, Text
from bot.content.record import Field, HttpUrl, StringConstraints, field_validator, model_validator

LEVELS = ("beginner", "intermediate", "advanced")
Level = Literal["beginner", "intermediate", "advanced"]
ExerciseKind = Literal["stabilisation", "strength", "flexibility", "mobility"]


def _unique_ids(items: list, what: str) -> list:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate id {item.id!r}: every {what} needs its own id")
        seen.add(item.id)
    return items


class FaqEntry(StrictModel):
    id: Id
    question: Text
    phrasings: list[Text] = Field(min_length=5)
    answer: Text
    related: list[Id] = Field(default_factory=list, max_length=4)
    products: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_related_to_itself(self) -> FaqEntry:
        if self.id in self.related:
            raise ValueError("an entry cannot list itself as related")
        return self


class FaqFile(StrictModel):
    entries: list[FaqEntry] = Field(min_length=1)

    _ids = field_validator("entries")(lambda cls, v: _unique_ids(v, "FAQ entry"))


class Variation(StrictModel):
    name: Text
    how: Text
    """One or two sentences: what changes against the standard exercise."""
    steps: list[Text] = Field(min_length=2)
    """The variation done from the start, step by step (a card shows these, not the base's)."""


class PerLevel(StrictModel):
    beginner: Text
    intermediate: Text
    advanced: Text


class MinutesPerLevel(StrictModel):
    beginner: int = Field(ge=1, le=15)
    intermediate: int = Field(ge=1, le=15)
    advanced: int = Field(ge=1, le=15)


class SecondsPerLevel(StrictModel):
    beginner: int = Field(ge=1, le=120)
    intermediate: int = Field(ge=1, le=120)
    advanced: int = Field(ge=1, le=120)


class Exercise(StrictModel):
    id: Id
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    described_as: list[Text] = Field(default_factory=list)
    """How people describe the movement when they do not know its name ("the one on all fours
    reaching out an arm and the other leg"): matched like phrasings, never taken as a name."""
    goals: list[Id] = Field(min_length=1)
    kind: ExerciseKind
    muscles: list[Text] = Field(min_length=1)
    equipment: Text = "none"
    steps: list[Text] = Field(min_length=2)
    dosing: PerLevel
    minutes: MinutesPerLevel
    hold_seconds: SecondsPerLevel | None = None
    """For exercises held still: how long one hold lasts at each level (the session's timer)."""
    cues: list[Text] = Field(min_length=1)
    mistakes: list[Text] = Field(min_length=1)
    easier: Variation
    harder: Variation
    safety: Text
    video: HttpUrl | None = None
    products: list[Id] = Field(default_factory=list)


class ExercisesFile(StrictModel):
    exercises: list[Exercise] = Field(min_length=1)

    _ids = field_validator("exercises")(lambda cls, v: _unique_ids(v, "exercise"))


class Goal(StrictModel):
    id: Id
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    phrasings: list[Text] = Field(default_factory=list)
    """Requests for this goal's exercises in people's own words ("something for my stiff
    hips after a day at the desk"), matched beside the request templates filled with names."""
    summary: Text
    why: Text


class LevelInfo(StrictModel):
    id: Level
    name: Text
    summary: Text


class GoalsFile(StrictModel):
    goals: list[Goal] = Field(min_length=1)
    levels: list[LevelInfo] = Field(min_length=3, max_length=3)

    _ids = field_validator("goals")(lambda cls, v: _unique_ids(v, "goal"))


class Product(StrictModel):
    id: Id
    name: Text
    summary: Text
    mention: Text
    url: HttpUrl
    goals: list[Id] = Field(default_factory=list)
    exercises: list[Id] = Field(default_factory=list)


class ProductsFile(StrictModel):
    products: list[Product] = Field(default_factory=list)

    _ids = field_validator("products")(lambda cls, v: _unique_ids(v, "product"))


class SynonymsFile(StrictModel):
    synonyms: dict[Text, list[Text]] = Field(default_factory=dict)

    @field_validator("synonyms")
    @classmethod
    def _each_variant_once(cls, groups: dict[str, list[str]]) -> dict[str, list[str]]:
        owner: dict[str, str] = {}
        for canonical, variants in groups.items():
            for variant in variants:
                if variant in owner and owner[variant] != canonical:
                    raise ValueError(
                        f"{variant!r} is listed under both {owner[variant]!r} and {canonical!r}"
                    )
                owner[variant] = canonical
        return groups


Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


class EmergencyNumbersFile(StrictModel):
    numbers: dict[Country, Text] = Field(default_factory=dict)
    translations: dict[Language, dict[Country, Text]] = Field(default_factory=dict)
    """Per language, numbers whose wording differs ("999 eller 112"); the rest as in `numbers`."""


class CrisisLinesTranslation(StrictModel):
    lines: dict[Country, Text] = Field(default_factory=dict)
    fallback: Text | None = None


class CrisisLinesFile(StrictModel):
    """Crisis lines by country (two-letter ISO code); `fallback` for every other country."""

    lines: dict[Country, Text] = Field(default_factory=dict)
    fallback: Text
    translations: dict[Language, CrisisLinesTranslation] = Field(default_factory=dict)
    """Per language, the same lines worded for that language's readers ("på 116 123")."""


class Intent(StrictModel):
    command: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,20}$")]
    label: Text
    phrasings: list[Text] = Field(min_length=3)


class IntentsFile(StrictModel):
    intents: list[Intent] = Field(default_factory=list)


class QuestionWordsFile(StrictModel):
    """What makes a sentence ask something, so a question is found inside a long message."""

    starts: list[Text] = Field(min_length=5)
    """First words that make a sentence a question ("hva", "hvordan", "kan")."""
    fillers: list[Text] = Field(default_factory=list)
    """Words skipped before the first word is judged ("og", "så", "forresten")."""
    phrases: list[Text] = Field(default_factory=list)
    """Phrases anywhere in a sentence that ask indirectly ("lurer på")."""


class ReminderWords(StrictModel):
    """How reminders are asked for in words ("minn meg på mandag og torsdag kl 7.30").

    Phrases are matched as whole words; a trailing `*` lets a word go on ("minn*": "minne",
    "minner")."""

    days: list[list[Text]] = Field(min_length=7, max_length=7)
    """Monday first: every way to write each weekday."""
    day_groups: dict[str, list[Annotated[int, Field(ge=0, le=6)]]] = Field(default_factory=dict)
    every_day: list[Text] = Field(default_factory=list)
    numbers: dict[str, Annotated[int, Field(ge=0, le=12)]] = Field(default_factory=dict)
    """Clock hours in words."""
    clock_words: list[Text] = Field(default_factory=list)
    """Words before an hour ("kl 7")."""
    half_before: list[Text] = Field(default_factory=list)
    """Words for half an hour before the hour named next ("halv åtte" is 7.30)."""
    quarter_past: list[Text] = Field(default_factory=list)
    quarter_to: list[Text] = Field(default_factory=list)
    """ "kvart over sju" is 7.15, "kvart på åtte" 7.45."""
    evening: list[Text] = Field(default_factory=list)
    """Words that put an hour from 1 to 11 in the afternoon or evening ("kl 7 om kvelden")."""
    subject: list[Text] = Field(min_length=1)
    stop: list[Text] = Field(min_length=1)
    pause: list[Text] = Field(min_length=1)
    resume: list[Text] = Field(min_length=1)
    change: list[Text] = Field(min_length=1)
    summary: list[Text] = Field(min_length=1)
    """Words that name the weekly summary ("ukeoppsummering*")."""


class LanguageFile(StrictModel):
    """How the bot reads and names one language (knowledge/<lang>/language.yaml)."""

    name: Text
    """The language's name in itself, shown on the language buttons ("Norsk", "English")."""
    telegram_codes: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]]
    """Telegram `language_code` values that mean this language (the first message's default)."""
    stemmer: str
    home_country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    """Where nearly everyone who writes this language lives: their emergency number and crisis
    line when their timezone does not tell (Bokmål: Norway, 113). None: ask the timezone only."""
    english_grammar: bool = False
    """English contractions apply ("don't" -> "do not"); the English list of stop words is used."""
    folds: dict[str, str] = Field(default_factory=dict)
    """Letters typed several ways, folded to one spelling before anything else reads the text."""
    shorthand: dict[str, str] = Field(default_factory=dict)
    """Texting and dialect forms, rewritten word by word ("ikkje" -> "ikke")."""
    stop_words: list[str] = Field(default_factory=list)
    """Words that carry no topic (unless english_grammar, where the built-in list applies)."""
    exercise_requests: list[Annotated[str, StringConstraints(pattern=r".*\{\}.*")]] = Field(
        default_factory=list
    )
    """How people ask for one exercise, `{}` standing for its name ("vis meg {}"); empty: the
    English built into the matcher."""
    goal_requests: list[Annotated[str, StringConstraints(pattern=r".*\{\}.*")]] = Field(
        default_factory=list
    )
    """How people ask for a goal's exercises ("øvelser for {}")."""
    closings: list[str] = Field(default_factory=list)
    """How letters are signed off ("kind regards", «vennlig hilsen»): with the names after it,
    the last line is a signature, not part of the question (bot/language/signature.py)."""
    reminder_words: ReminderWords | None = None
    """None: the English words built into bot/language/commands.py."""
    question_words: QuestionWordsFile | None = None
    """None: the English words built into bot/language/question_words.py."""
    common_words: list[str] = Field(min_length=20)
    """Frequent words of the language: they tell a message's language, and are never taken for
    typos of a knowledge-base word."""

    @field_validator("stemmer")
    @classmethod
    def _known_stemmer(cls, name: str) -> str:
        import Stemmer

        if name not in Stemmer.algorithms():
            raise ValueError(f"unknown stemmer {name!r}; PyStemmer has {Stemmer.algorithms()}")
        return name
