"""Where each setting's value comes from, and the plain values taken without pydantic.

Keyword arguments win over the environment, which wins over `.env`; names are matched in any
case (what pydantic-settings did). A value is taken as it is only when it is plainly right for
its field: text for text, digits for a number, `true`/`false` for a flag, within the field's
bounds, and every validator of the field accepts it. Anything else (a typo, `1e3`, `yes`, a
value out of bounds) goes to pydantic, which either reads it as it always did or names the
problem in its own words: pydantic stays the judge, this only spares loading it for settings
that need no judging.
"""

from __future__ import annotations

import os
import re
import typing
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from bot.content.record import _MISSING, FieldSpec, Record

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
_FLAGS = {"true": True, "false": False}


class _Unsure(Exception):
    """The value is not plainly right: pydantic decides."""


def read(settings: Record, values: dict[str, Any], env_file: Path | str | None) -> None:
    """Fill `settings` from `values`, the environment and `env_file` (pydantic's
    ValidationError names every problem)."""
    cls = type(settings)
    raw = given_values(cls._fields, values, env_file)
    try:
        taken = _plainly(cls, raw)
    except _Unsure:
        taken = cls.model_validate(raw)  # the error, or pydantic's reading of the value
    for field in cls._fields:
        object.__setattr__(settings, field, getattr(taken, field))


def given_values(
    fields: tuple[str, ...], values: dict[str, Any], env_file: Path | str | None
) -> dict[str, Any]:
    """Each setting given anywhere, by field name: arguments, environment, `.env`, in that order."""
    found: dict[str, Any] = {}
    if env_file is not None and Path(env_file).is_file():
        from dotenv import dotenv_values

        found |= {
            name.lower(): value
            for name, value in dotenv_values(env_file, encoding="utf-8").items()
            if value is not None
        }
    found |= {name.lower(): value for name, value in os.environ.items()}
    found |= values
    return {field: found[field] for field in fields if field in found}


def _plainly(cls: type[Record], raw: dict[str, Any]) -> Record:
    """The settings from `raw` when every value is plainly right; else _Unsure."""
    hints = _hints(cls)
    before, after = _validators(cls)
    record = object.__new__(cls)
    for field in cls._fields:
        declared = cls._defaults.get(field, _MISSING)
        spec = declared if isinstance(declared, FieldSpec) else None
        if field not in raw:  # defaults are not validated (as in pydantic)
            if spec is not None:
                value = spec.default_factory() if spec.default_factory else spec.default
            else:
                value = declared
            if value is _MISSING:
                raise _Unsure
        else:
            value = raw[field]
            try:
                for check in before.get(field, ()):
                    value = check(cls, value)
                value = _converted(value, hints[field], spec.constraints if spec else {})
                for check in after.get(field, ()):
                    value = check(cls, value)
            except (ValueError, TypeError) as error:
                raise _Unsure from error
        object.__setattr__(record, field, value)
    try:
        for check in _model_checks(cls):
            check(record)
    except (ValueError, TypeError) as error:
        raise _Unsure from error
    return record


def _converted(value: Any, hint: Any, constraints: dict[str, Any]) -> Any:
    if get_origin(hint) is Annotated:
        for item in hint.__metadata__:
            if isinstance(item, FieldSpec):
                constraints = {**item.constraints, **constraints}
        hint = get_args(hint)[0]
    origin, args = get_origin(hint), get_args(hint)
    if origin is Union or origin is _union_type():
        if value is None and type(None) in args:
            return None
        (hint,) = [arg for arg in args if arg is not type(None)]
        return _converted(value, hint, constraints)
    if origin is list and args == (int,):
        if type(value) is list and all(type(item) is int for item in value):
            return value
        raise _Unsure
    converted = _scalar(value, hint)
    _within(converted, constraints)
    return converted


def _scalar(value: Any, hint: Any) -> Any:
    kind = type(value)
    if hint is str and kind is str:
        return value
    if hint is bool:
        if kind is bool:
            return value
        if kind is str and value.lower() in _FLAGS:
            return _FLAGS[value.lower()]
    if hint is int:
        if kind is int:
            return value
        if kind is str and _INTEGER.fullmatch(value):
            return int(value)
    if hint is float:
        if kind is float or kind is int:
            return float(value)
        if kind is str and _DECIMAL.fullmatch(value):
            return float(value)
    if hint is Path and kind in (str, Path) and value:
        return Path(value)
    if getattr(hint, "_pydantic_type", None) == "SecretStr":
        if kind is hint:
            return value
        if kind is str:
            return hint(value)
    raise _Unsure


def _within(value: Any, constraints: dict[str, Any]) -> None:
    bounds = {
        "ge": lambda limit: value >= limit,
        "gt": lambda limit: value > limit,
        "le": lambda limit: value <= limit,
        "lt": lambda limit: value < limit,
        "pattern": lambda pattern: isinstance(value, str) and re.search(pattern, value),
    }
    for name, limit in constraints.items():
        if name not in bounds or not bounds[name](limit):
            raise _Unsure


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def _validators(cls: type[Record]) -> tuple[dict[str, list], dict[str, list]]:
    before: dict[str, list] = {}
    after: dict[str, list] = {}
    for validator in cls._validators.values():
        if validator.kind != "field":
            continue
        target = before if validator.mode == "before" else after
        if validator.mode not in ("before", "after"):
            raise _Unsure
        for field in validator.fields:
            target.setdefault(field, []).append(_plain_function(validator.function))
    return before, after


def _model_checks(cls: type[Record]) -> list:
    checks = []
    for validator in cls._validators.values():
        if validator.kind == "model":
            if validator.mode != "after":
                raise _Unsure
            checks.append(validator.function)
    return checks


def _plain_function(function: Any) -> Any:
    """A validator as `check(cls, value)`, declared as a classmethod or a plain function."""
    return function.__func__ if isinstance(function, classmethod) else function


def _union_type() -> Any:
    import types

    return types.UnionType
