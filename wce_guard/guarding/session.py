"""Every classification-loss call of unmodified code, checked: ``guard()`` and ``wce-guard run``.

While a ``Guard`` is active, ``torch.nn.functional``'s ``cross_entropy``, ``nll_loss``,
``binary_cross_entropy`` and ``binary_cross_entropy_with_logits`` are replaced by wrappers that
check the call at the chosen level, then call PyTorch's function. The ``nn`` modules
(``CrossEntropyLoss``, ``NLLLoss``, ``BCELoss``, ``BCEWithLogitsLoss``) call these functions, so
they are checked too, under their own names. A violation is reported once per call site, at
the user's file and line (never a frame of torch or wce-guard), and counted; with ``strict`` it
is raised there instead. Leaving the guard restores PyTorch's functions, also after an error.

Code that bound a function before the guard started (``from torch.nn.functional import
cross_entropy``) keeps PyTorch's own; ``wce-guard run`` starts the guard before the script
imports anything, so there every call is seen.
"""

from __future__ import annotations

import functools
import os
import sys
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import torch
import torch.nn.functional as F

import wce_guard
from wce_guard.checked.active import stepping_aside
from wce_guard.checked.functional import CHECKS, GUARD_ORIGINAL
from wce_guard.checked.levels import CheckLevel, parse_level
from wce_guard.errors import LossContractError, ProbabilityInputWarning

# Frames of these folders are never the user's call site.
_INTERNAL_FOLDERS = (
    os.path.dirname(wce_guard.__file__) + os.sep,
    os.path.dirname(torch.__file__) + os.sep,
)


@dataclass
class CallSite:
    file: str
    line: int
    loss: str
    calls: int = 0
    violations: int = 0
    messages: list[str] = field(default_factory=list)  # each different violation, once


class Guard:
    """Check PyTorch's classification losses while active (a context manager)."""

    def __init__(self, level: str | CheckLevel = "shapes", *, strict: bool = False) -> None:
        self.level = parse_level(level)
        self.strict = strict
        self.sites: dict[tuple[str, int, str], CallSite] = {}
        self._originals: dict[str, Callable] = {}

    def __enter__(self) -> Guard:
        if self._originals:
            raise RuntimeError("this guard is already active")
        for name, check in CHECKS.items():
            original = getattr(F, name)
            self._originals[name] = original
            setattr(F, name, self._stand_in(name, original, check))
        return self

    def __exit__(self, *exception) -> None:
        for name, original in self._originals.items():
            setattr(F, name, original)
        self._originals.clear()

    def _stand_in(self, name: str, original: Callable, check: Callable) -> Callable:
        """PyTorch's function, checked first. It looks like the original to introspection
        and pickle (name, module, docstring, signature), and TorchScript compiles the
        original in its place."""

        @functools.wraps(original)
        def checked(*args, **kwargs):
            if self.level is not CheckLevel.OFF and not stepping_aside():
                self._check(name, check, args, kwargs)
            return original(*args, **kwargs)

        setattr(checked, GUARD_ORIGINAL, original)
        checked.__prepare_scriptable__ = lambda: original
        return checked

    def _check(self, function: str, check: Callable, args: tuple, kwargs: dict) -> None:
        file, line, module = _user_call_site()
        name = module or function
        site = self.sites.get((file, line, name))
        if site is None:
            site = self.sites[(file, line, name)] = CallSite(file, line, name)
        site.calls += 1
        error = None
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ProbabilityInputWarning)
                check(name, self.level, *args, **kwargs)
            found = [w for w in caught if issubclass(w.category, ProbabilityInputWarning)]
            message = str(found[0].message) if found else ""
        except LossContractError as raised:
            error, message = raised, str(raised)
        except TypeError:  # arguments PyTorch's function refuses: let it say so itself
            return
        if not message:
            return
        site.violations += 1
        if self.strict:
            raise error if error is not None else LossContractError(message)
        if message not in site.messages:
            site.messages.append(message)
            print(f"wce-guard: {file}:{line}: {message}", file=sys.stderr)

    @property
    def violations(self) -> int:
        return sum(site.violations for site in self.sites.values())

    def summary(self) -> str:
        calls = sum(site.calls for site in self.sites.values())
        bad = [site for site in self.sites.values() if site.violations]
        lines = [
            f"wce-guard: checked {calls} loss calls at {len(self.sites)} call sites "
            f"(level {self.level.value}); {len(bad)} with violations" + (":" if bad else ".")
        ]
        for site in bad:
            lines.append(
                f"  {site.file}:{site.line}: {site.loss}: {site.violations} of {site.calls} "
                f"calls: {site.messages[0]}"
            )
            lines += [f"    also: {message}" for message in site.messages[1:]]
        return "\n".join(lines)

    def report(self) -> dict:
        return {
            "level": self.level.value,
            "strict": self.strict,
            "calls": sum(site.calls for site in self.sites.values()),
            "sites": [asdict(site) for site in self.sites.values()],
        }


def guard(level: str | CheckLevel = "shapes", *, strict: bool = False) -> Guard:
    """Check every classification-loss call inside a ``with`` block (in a notebook, say).

    >>> with wce_guard.guard("full") as checked:
    ...     train_one_epoch()
    >>> print(checked.summary())
    """
    return Guard(level, strict=strict)


def _user_call_site() -> tuple[str, int, str | None]:
    """The first frame outside torch and wce-guard, and the loss module's class name when the
    call came through one (``criterion(x, y)``)."""
    frame = sys._getframe(2)
    module = None
    while frame is not None and frame.f_code.co_filename.startswith(_INTERNAL_FOLDERS):
        owner = frame.f_locals.get("self")
        if isinstance(owner, torch.nn.Module) and frame.f_code.co_name == "forward":
            module = type(owner).__name__
        frame = frame.f_back
    if frame is None:
        return "<unknown>", 0, module
    return frame.f_code.co_filename, frame.f_lineno, module
