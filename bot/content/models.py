"""Typed content: one model per knowledge/*.yaml file, validated at load."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl, StringConstraints, field_validator, model_validator

from bot.content.base import Id, StrictModel, Text

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


class EmergencyNumbersFile(StrictModel):
    numbers: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")], Text] = Field(
        default_factory=dict
    )


class CrisisLinesFile(StrictModel):
    """Crisis lines by country (two-letter ISO code); `fallback` for every other country."""

    lines: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")], Text] = Field(
        default_factory=dict
    )
    fallback: Text


class Intent(StrictModel):
    command: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,20}$")]
    label: Text
    phrasings: list[Text] = Field(min_length=3)


class IntentsFile(StrictModel):
    intents: list[Intent] = Field(default_factory=list)
