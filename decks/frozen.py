"""Quick pickling for the frozen, slotted dataclasses a bank cache holds by the hundred thousand.

For a frozen dataclass with slots, Python pickles the field values and, to unpickle, calls
`dataclasses.fields` and `object.__setattr__` for each field in a Python loop: two thirds of
reading a cached bank went there (bench/README.md, *Question banks*). `quick_pickle` gives the
class a state read by one C getter and written back by `object.__setattr__` mapped in C.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import fields
from itertools import repeat
from operator import attrgetter
from typing import Any, TypeVar

_Class = TypeVar("_Class", bound=type)
_consume: Callable[[Iterable[object]], None] = deque[object](maxlen=0).extend
"""Runs an iterator to its end without keeping anything, in C."""


def quick_pickle(cls: _Class) -> _Class:
    """The dataclass `cls`, pickled as the tuple of its fields in their order."""
    names = tuple(field.name for field in fields(cls))
    read = attrgetter(*names)
    single = len(names) == 1

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return (read(self),) if single else read(self)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        _consume(map(object.__setattr__, repeat(self), names, state))

    for name, method in (("__getstate__", __getstate__), ("__setstate__", __setstate__)):
        setattr(cls, name, method)  # replacing the dataclass's own
    return cls
