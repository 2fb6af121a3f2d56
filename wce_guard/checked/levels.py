"""Check levels: how much a checked loss verifies on each call.

- ``off``: straight to PyTorch.
- ``shapes`` (default): shapes, dtypes, devices and the scalar arguments. Metadata only: it
  never reads tensor data, so it never synchronises with a GPU.
- ``full``: ``shapes`` plus the values: targets in range, weights finite and >= 0, input that
  looks like softmax output. Reading values costs one host-device synchronisation per call.

The level comes from ``checks(level)`` (a context manager and decorator, local to the current
thread or asyncio task) or else from the ``WCE_GUARD_CHECKS`` environment variable, read when
wce_guard's runtime is first used.
"""

from __future__ import annotations

import contextlib
import contextvars
import enum
import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

ENVIRONMENT_VARIABLE = "WCE_GUARD_CHECKS"
P = ParamSpec("P")
R = TypeVar("R")


class CheckLevel(str, enum.Enum):
    OFF = "off"
    SHAPES = "shapes"
    FULL = "full"


DEFAULT_LEVEL = CheckLevel.SHAPES


def parse_level(value: str | CheckLevel, *, source: str = "check level") -> CheckLevel:
    """The level named by ``value`` (case and surrounding blanks ignored)."""
    if isinstance(value, CheckLevel):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return CheckLevel(value.strip().lower())
    choices = ", ".join(repr(level.value) for level in CheckLevel)
    raise ValueError(f"{source} {value!r} is not a check level: use one of {choices}.")


def _level_from_environment() -> CheckLevel:
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_LEVEL
    return parse_level(value, source=ENVIRONMENT_VARIABLE)


# ContextVars, not globals: each thread and asyncio task sees its own `checks(...)`. The level
# in force is kept apart from the stack of `checks` blocks open here, so that reading it is
# one call, and so that blocks closed out of order (two generators, each inside a `checks`
# block, closed in the order they were created) leave the level of the blocks still open.
_ENVIRONMENT_LEVEL = _level_from_environment()
_current_level: contextvars.ContextVar[CheckLevel] = contextvars.ContextVar(
    "wce_guard_check_level", default=_ENVIRONMENT_LEVEL
)
_open_blocks: contextvars.ContextVar[tuple[object, ...]] = contextvars.ContextVar(
    "wce_guard_check_blocks", default=()
)


# The check level in force here. The ContextVar's own getter, not a Python function around
# it: this runs on every loss call.
current_level = _current_level.get


class _Block:
    __slots__ = ("level",)

    def __init__(self, level: CheckLevel) -> None:
        self.level = level


@contextlib.contextmanager
def _level_in_force(level: CheckLevel) -> Iterator[CheckLevel]:
    block = _Block(level)
    _open_blocks.set((*_open_blocks.get(), block))
    _current_level.set(level)
    try:
        yield level
    finally:
        still_open = tuple(other for other in _open_blocks.get() if other is not block)
        _open_blocks.set(still_open)
        _current_level.set(still_open[-1].level if still_open else _ENVIRONMENT_LEVEL)


class _LevelBlock:
    """What ``checks(level)`` returns: a context manager, and a decorator."""

    def __init__(self, level: CheckLevel) -> None:
        self.level = level
        self._open: list[contextlib.AbstractContextManager[CheckLevel]] = []

    def __enter__(self) -> CheckLevel:
        block = _level_in_force(self.level)
        self._open.append(block)
        return block.__enter__()

    def __exit__(self, *exception: object) -> bool | None:
        return self._open.pop().__exit__(*exception)

    def __call__(self, function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def with_level(*args: P.args, **kwargs: P.kwargs) -> R:
            if _compiling():  # torch.compile cannot trace a ContextVar; the checks are off
                return function(*args, **kwargs)
            with _level_in_force(self.level):
                return function(*args, **kwargs)

        return with_level


def _compiling() -> bool:
    torch = sys.modules.get("torch")  # this module must not import torch
    return torch is not None and torch.compiler.is_compiling()


def checks(level: str | CheckLevel) -> _LevelBlock:
    """Set the check level inside a ``with`` block or a decorated function.

    >>> with checks("full"):
    ...     loss = cross_entropy(logits, target, weight=w)

    The level is validated now, not on entry, so a typo fails where it is written. As a
    decorator it covers plain functions (each call in its own block: re-entrant, and safe
    across threads); in an ``async def`` put ``with checks(...)`` in its body (decorating the
    ``async def`` would cover only the creation of the coroutine).
    """
    return _LevelBlock(parse_level(level))
