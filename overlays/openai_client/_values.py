"""Immutable value classes written out by hand: what `attrs.frozen` gives, without building a class at import.

attrs compiles each class's methods when the module is imported (about 3.5 M instructions a class, a third
of what importing the facade's own modules costs), and dataclasses cost more; the facade imports a handful
of such classes on every start. A subclass names its fields in order in `_fields` (also its `__slots__`) and sets
them in `__init__` with `object.__setattr__`; equality, hashing, repr, pickling and `_replace` follow from them.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self, cast, dataclass_transform

__all__ = ["FrozenValue"]


# Tells type checkers that a subclass's fields are read-only, as they were on the attrs.frozen classes
# (`frozen_default` is read by type checkers; Python 3.11's dataclass_transform takes it as an extra).
@dataclass_transform(frozen_default=True)
class FrozenValue:
    """A value compared, hashed and shown by its `_fields`, which cannot be set after `__init__`."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()  # the fields in order: of __init__'s arguments and of the repr

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def _replace(self, **changes: Any) -> Self:
        """A copy with `changes` applied, built through `__init__` so that its checks run again."""
        build = cast(Any, type(self))  # each subclass's own __init__ takes its fields by name
        return cast(Self, build(**{**dict(zip(self._fields, self._values(), strict=True)), **changes}))

    def __setattr__(self, name: str, value: object) -> None:
        from attrs.exceptions import FrozenInstanceError  # the error attrs classes raise here; only on misuse

        raise FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        from attrs.exceptions import FrozenInstanceError

        raise FrozenInstanceError()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FrozenValue) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.__class__, *self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({fields})"

    def __reduce__(self) -> tuple[type[Self], tuple[object, ...]]:
        return type(self), self._values()
