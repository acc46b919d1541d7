"""Content validated by pydantic: each record class's pydantic model, built from its declaration
on first use, and the validated model copied into records (bot/content/record.py).

Imported only when content is validated (a cold start, `check`, a reload), never by a start that
reads the build cache.
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pydantic
from pydantic import BaseModel, ConfigDict

from bot.content.record import (
    _MISSING,
    FieldSpec,
    Record,
    StringConstraints,
    Validator,
    _restore,
)


class _Strict(BaseModel):
    """Unknown keys are errors, so a typo in a YAML field name is caught by `check`."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_models: dict[type[Record], type[BaseModel]] = {}
_records: dict[type[BaseModel], type[Record]] = {}
_stand_ins: dict[str, type] = {}
"""pydantic's type name -> the class declarations use for it (bot.settings.SecretStr)."""


def validate(cls: type[Record], data: Any) -> Any:
    """`data` validated by the pydantic model of `cls`, as records (else ValidationError)."""
    return to_records(model_for(cls).model_validate(_as_input(data)))


def _as_input(value: Any) -> Any:
    """Records inside what is validated (`Pose(frames=[frame, ...])`) as the mappings they hold."""
    if isinstance(value, Record):
        return {field: _as_input(getattr(value, field)) for field in value._fields}
    if type(value) is list:
        return [_as_input(item) for item in value]
    if type(value) is dict:
        return {key: _as_input(item) for key, item in value.items()}
    return value


def model_for(cls: type[Record]) -> type[BaseModel]:
    """The pydantic model declared by record class `cls` (same name, fields, validators)."""
    known = _models.get(cls)
    if known is not None:
        return known
    hints = typing.get_type_hints(cls, include_extras=True)
    namespace: dict[str, Any] = {
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "__doc__": cls.__doc__,
        "__annotations__": {field: _translated(hints[field]) for field in cls._fields},
    }
    for field, default in cls._defaults.items():
        namespace[field] = _field(default) if isinstance(default, FieldSpec) else default
    for name, validator in cls._validators.items():
        namespace[name] = _decorated(validator)
    for klass in cls.__mro__[: cls.__mro__.index(Record)]:  # methods validators may call
        for name, value in vars(klass).items():
            if isinstance(value, types.FunctionType) and not name.startswith("__"):
                namespace.setdefault(name, value)
    model = type(_Strict)(cls.__name__, (_Strict,), namespace)
    _models[cls] = model
    _records[model] = cls
    return model


def to_records(value: Any) -> Any:
    """A validated pydantic object, its lists and dicts, as records, lists and dicts."""
    cls = _records.get(type(value))
    if cls is not None:
        return _restore(cls, tuple(to_records(getattr(value, field)) for field in cls._fields))
    if type(value) is list:
        return [to_records(item) for item in value]
    if type(value) is dict:
        return {key: to_records(item) for key, item in value.items()}
    if isinstance(value, pydantic.AnyUrl):
        return str(value)
    if isinstance(value, pydantic.SecretStr):
        return _stand_ins["SecretStr"](value.get_secret_value())
    return value


def _translated(hint: Any) -> Any:
    """A declared type with record classes and stand-ins replaced by pydantic's."""
    if isinstance(hint, type) and issubclass(hint, Record):
        return model_for(hint)
    stand_in = getattr(hint, "_pydantic_type", None) if isinstance(hint, type) else None
    if stand_in is not None:  # HttpUrl, the settings' SecretStr
        _stand_ins[stand_in] = hint
        return getattr(pydantic, stand_in)
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        return Annotated[(_translated(args[0]), *map(_metadata, hint.__metadata__))]
    if origin is Literal or not args:
        return hint
    if origin is Union or origin is types.UnionType:
        return Union[tuple(_translated(arg) for arg in args)]  # noqa: UP007 - built from a tuple
    return origin[tuple(_translated(arg) for arg in args)]


def _metadata(item: Any) -> Any:
    if isinstance(item, FieldSpec):
        return _field(item)
    if isinstance(item, StringConstraints):
        return pydantic.StringConstraints(**item.constraints)
    return item


def _field(spec: FieldSpec) -> Any:
    extra: dict[str, Any] = {}
    if spec.default_factory is not None:
        extra["default_factory"] = spec.default_factory
    elif spec.default is not _MISSING:
        extra["default"] = spec.default
    return pydantic.Field(**extra, **spec.constraints)


def _decorated(validator: Validator) -> Any:
    if validator.kind == "field":
        return pydantic.field_validator(*validator.fields, mode=validator.mode)(validator.function)
    return pydantic.model_validator(mode=validator.mode)(validator.function)
