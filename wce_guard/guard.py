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

import json
import os
import runpy
import sys
import traceback
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

from wce_guard.contracts import check_cross_entropy
from wce_guard.errors import LossContractError, ProbabilityInputWarning
from wce_guard.levels import CheckLevel, parse_level
from wce_guard.loss_table import LOSSES
from wce_guard.sibling_contracts import check_binary_cross_entropy, check_nll_loss
from wce_guard.values import check_cross_entropy_values

_LOSSES = tuple(loss.functional for loss in LOSSES)  # each has a wrapper: Guard._<name>
_INTERNAL_FOLDERS = (os.path.dirname(__file__), os.path.dirname(torch.__file__))
_is_compiling = torch.compiler.is_compiling


@dataclass
class CallSite:
    file: str
    line: int
    loss: str
    calls: int = 0
    violations: int = 0
    message: str = ""  # the first violation's


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
        for name in _LOSSES:
            self._originals[name] = getattr(F, name)
            setattr(F, name, getattr(self, f"_{name}"))
        return self

    def __exit__(self, *exception) -> None:
        for name, original in self._originals.items():
            setattr(F, name, original)
        self._originals.clear()

    # -- the wrappers: PyTorch's signatures, checked, then PyTorch's function

    def _cross_entropy(
        self,
        input,
        target,
        weight=None,
        size_average=None,
        ignore_index=-100,
        reduce=None,
        reduction="mean",
        label_smoothing=0.0,
    ):
        def check(name: str, level: CheckLevel) -> None:
            check_cross_entropy(
                name, input, target, weight, ignore_index, reduction, label_smoothing
            )
            if level is CheckLevel.FULL:
                check_cross_entropy_values(name, input, target, weight, ignore_index)

        self._check("cross_entropy", check)
        return self._originals["cross_entropy"](
            input, target, weight, size_average, ignore_index, reduce, reduction, label_smoothing
        )

    def _nll_loss(
        self,
        input,
        target,
        weight=None,
        size_average=None,
        ignore_index=-100,
        reduce=None,
        reduction="mean",
    ):
        self._check(
            "nll_loss",
            lambda name, level: check_nll_loss(
                name, input, target, weight, ignore_index, reduction, level
            ),
        )
        return self._originals["nll_loss"](
            input, target, weight, size_average, ignore_index, reduce, reduction
        )

    def _binary_cross_entropy(
        self, input, target, weight=None, size_average=None, reduce=None, reduction="mean"
    ):
        self._check(
            "binary_cross_entropy",
            lambda name, level: check_binary_cross_entropy(
                name, input, target, weight, reduction, level, logits=False
            ),
        )
        return self._originals["binary_cross_entropy"](
            input, target, weight, size_average, reduce, reduction
        )

    def _binary_cross_entropy_with_logits(
        self,
        input,
        target,
        weight=None,
        size_average=None,
        reduce=None,
        reduction="mean",
        pos_weight=None,
    ):
        self._check(
            "binary_cross_entropy_with_logits",
            lambda name, level: check_binary_cross_entropy(
                name, input, target, weight, reduction, level, logits=True, pos_weight=pos_weight
            ),
        )
        return self._originals["binary_cross_entropy_with_logits"](
            input, target, weight, size_average, reduce, reduction, pos_weight
        )

    # -- bookkeeping

    def _check(self, function: str, check: Callable[[str, CheckLevel], None]) -> None:
        if self.level is CheckLevel.OFF or _is_compiling():
            return
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
                check(name, self.level)
            found = [w for w in caught if issubclass(w.category, ProbabilityInputWarning)]
            message = str(found[0].message) if found else ""
        except LossContractError as raised:
            error, message = raised, str(raised)
        if not message:
            return
        site.violations += 1
        site.message = site.message or message
        if self.strict:
            raise error if error is not None else LossContractError(message)
        if site.violations == 1:
            print(f"wce-guard: {file}:{line}: {message}", file=sys.stderr)

    def summary(self) -> str:
        calls = sum(site.calls for site in self.sites.values())
        bad = [site for site in self.sites.values() if site.violations]
        lines = [
            f"wce-guard: checked {calls} loss calls at {len(self.sites)} call sites "
            f"(level {self.level.value}); {len(bad)} with violations" + (":" if bad else ".")
        ]
        lines += [
            f"  {site.file}:{site.line}: {site.loss}: {site.violations} of {site.calls} calls: "
            f"{site.message}"
            for site in bad
        ]
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


def run_script(
    script: str,
    arguments: list[str],
    *,
    level: str = "shapes",
    strict: bool = False,
    report: Path | None = None,
) -> int:
    """Run ``script`` as ``python script arguments...`` would, with the losses checked.

    Returns the exit status Python would give: the script's ``sys.exit`` code, 1 after an
    uncaught exception (its traceback printed, without our frames), 130 after Ctrl-C.
    """
    path = os.path.abspath(script)
    checked = Guard(level, strict=strict)
    saved_argv, saved_path = sys.argv[:], sys.path[:]
    sys.argv = [script, *arguments]
    sys.path.insert(0, os.path.dirname(path))
    status = 0
    try:
        with checked:
            runpy.run_path(path, run_name="__main__")
    except SystemExit as exit:
        status = _exit_status(exit.code)
    except KeyboardInterrupt as interrupt:
        _print_user_traceback(interrupt, path)
        status = 130
    except BaseException as error:  # what Python does with an uncaught exception
        _print_user_traceback(error, path)
        status = 1
    finally:
        sys.argv, sys.path[:] = saved_argv, saved_path
    sys.stdout.flush()
    print(checked.summary(), file=sys.stderr)
    if report is not None:
        report.write_text(json.dumps(checked.report(), indent=2) + "\n")
    return status


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _print_user_traceback(error: BaseException, script: str) -> None:
    """The traceback from the script's own frame on, as ``python script`` prints it."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != script:
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb or error.__traceback__)
