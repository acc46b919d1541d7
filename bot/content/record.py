"""Content entries as light read-only objects, declared like pydantic models but not made of them.

A content class is written as a pydantic model would be (`name: Text`, `Field(min_length=2)`,
`@field_validator`), with these stand-ins in place of pydantic's names. Its objects keep one
slot per field and nothing else, and this module imports no pydantic: a start from the build
cache reads content without loading pydantic at all (about 10 MB of the idle bot). Validation
still is pydantic's: `model_validate` builds the matching pydantic model from the declaration on
first use (bot/content/validation.py), validates with it, and copies the result into records, so
error messages and locations are pydantic's own.
"""

from __future__ import annotations

import functools
import json
import types
import typing
from typing import Any, ClassVar, Union, get_args, get_origin

_MISSING: Any = object()


class FieldSpec:
    """What `Field(...)` declares: a default or default factory, and pydantic constraints."""

    __slots__ = ("constraints", "default", "default_factory")

    def __init__(self, default: Any, default_factory: Any, constraints: dict[str, Any]) -> None:
        self.default = default
        self.default_factory = default_factory
        self.constraints = constraints


def Field(default: Any = _MISSING, *, default_factory: Any = None, **constraints: Any) -> Any:  # noqa: N802 - pydantic's name
    """As pydantic's Field: a default (or factory) and constraints (min_length, ge, pattern...)."""
    return FieldSpec(default, default_factory, constraints)


class StringConstraints:
    """As pydantic's StringConstraints, inside `Annotated[str, ...]`."""

    __slots__ = ("constraints",)

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints


class HttpUrl(str):
    """An http(s) address, validated as pydantic's HttpUrl and kept as its text."""

    _pydantic_type = "HttpUrl"


class Validator:
    """A validator declared in a content class, handed to pydantic when its model is built."""

    __slots__ = ("fields", "function", "kind", "mode")

    def __init__(self, kind: str, fields: tuple[str, ...], mode: str, function: Any) -> None:
        self.kind, self.fields, self.mode, self.function = kind, fields, mode, function


def field_validator(*fields: str, mode: str = "after") -> Any:
    """As pydantic's field_validator."""
    return lambda function: Validator("field", fields, mode, function)


def model_validator(*, mode: str) -> Any:
    """As pydantic's model_validator."""
    return lambda function: Validator("model", (), mode, function)


class _RecordType(type):
    """Turns annotated fields into slots, keeping defaults and validators for the schema."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]):  # noqa: N804
        own = [
            field
            for field in namespace.get("__annotations__", {})
            if not field.startswith("_") and not _is_classvar(namespace["__annotations__"][field])
        ]
        defaults = {field: namespace.pop(field) for field in own if field in namespace}
        validators = {
            key: namespace.pop(key)
            for key, value in list(namespace.items())
            if isinstance(value, Validator)
        }
        namespace["__slots__"] = tuple(own)
        cls = super().__new__(mcs, name, bases, namespace)
        inherited = [f for base in reversed(cls.__mro__[1:]) for f in getattr(base, "_fields", ())]
        cls._fields = (*dict.fromkeys(inherited), *own)
        cls._defaults = {**getattr(cls, "_defaults", {}), **defaults}
        cls._validators = {**getattr(cls, "_validators", {}), **validators}
        return cls


def _is_classvar(annotation: object) -> bool:
    return str(annotation).startswith(("ClassVar", "typing.ClassVar"))


class Record(metaclass=_RecordType):
    """A validated content entry: read-only, one slot per field. The pydantic names that code
    and tests use on content (model_validate, model_copy, model_dump_json) work as they did."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]
    _defaults: ClassVar[dict[str, Any]]
    _validators: ClassVar[dict[str, Validator]]

    def __init__(self, **values: Any) -> None:
        validated = type(self).model_validate(values)
        for field in self._fields:
            object.__setattr__(self, field, getattr(validated, field))

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """Validated by the pydantic model of this class (pydantic's ValidationError if not)."""
        from bot.content.validation import validate

        return validate(cls, data)

    @classmethod
    def model_validate_json(cls, text: str | bytes) -> Any:
        return cls.model_validate(json.loads(text))

    @classmethod
    def from_json(cls, text: str | bytes) -> Any:
        """Back from model_dump_json's text, unvalidated: for content that was validated when
        it was loaded (the picture cache keys poses by their JSON), without loading pydantic."""
        return _rebuilt(json.loads(text), cls)

    def model_copy(self, update: dict[str, Any] | None = None) -> Any:
        """A copy with some fields replaced, unvalidated (as pydantic's model_copy)."""
        values = {field: getattr(self, field) for field in self._fields}
        return _restore(type(self), tuple({**values, **(update or {})}.values()))

    def model_dump(self) -> dict[str, Any]:
        """Fields as plain values; numbers declared float as floats (0 written as 0.0)."""
        return _plain(self, type(self))

    def model_dump_json(self) -> str:
        """The same text as pydantic's model_dump_json (compact, fields in declared order)."""
        return json.dumps(self.model_dump(), ensure_ascii=False, separators=(",", ":"))

    def _values(self) -> tuple:
        return tuple(getattr(self, field) for field in self._fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only content")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only content")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{field}={getattr(self, field)!r}" for field in self._fields)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple:
        return _restore, (type(self), self._values())


def _restore(cls: type[Record], values: tuple) -> Any:
    """A record from its field values, in declared order (reading the build cache, copies)."""
    record = object.__new__(cls)
    for field, value in zip(cls._fields, values, strict=True):
        object.__setattr__(record, field, value)
    return record


def _plain(value: Any, hint: Any) -> Any:
    """`value` as pydantic dumps a value declared `hint`."""
    if isinstance(value, Record):
        hints = _hints(type(value))
        return {field: _plain(getattr(value, field), hints[field]) for field in value._fields}
    origin, args = get_origin(hint), get_args(hint)
    if origin is Union or origin is types.UnionType:
        kinds = [arg for arg in args if arg is not type(None)]
        return _plain(value, kinds[0] if len(kinds) == 1 else Any)
    if isinstance(value, list | tuple):
        return [_plain(item, args[0] if args else Any) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item, args[1] if args else Any) for key, item in value.items()}
    if hint is float and type(value) is int:
        return float(value)
    return value


def _rebuilt(value: Any, hint: Any) -> Any:
    """`value` (as model_dump gives it) as the declared `hint`: mappings of record fields as
    records, the rest as it is."""
    if isinstance(hint, type) and issubclass(hint, Record) and type(value) is dict:
        hints = _hints(hint)
        return _restore(hint, tuple(_rebuilt(value[field], hints[field]) for field in hint._fields))
    origin, args = get_origin(hint), get_args(hint)
    if origin is Union or origin is types.UnionType:
        kinds = [arg for arg in args if arg is not type(None)]
        return value if value is None or len(kinds) != 1 else _rebuilt(value, kinds[0])
    if origin is list and type(value) is list:
        return [_rebuilt(item, args[0]) for item in value]
    if origin is dict and type(value) is dict:
        return {key: _rebuilt(item, args[1]) for key, item in value.items()}
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
