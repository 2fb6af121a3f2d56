"""The check level that applies to a loss call here: the one in force, unless the call is
being transformed rather than run.

The checks are Python code that reads shapes (and, at ``full``, values). Where PyTorch records
or transforms the call instead of running it on real tensors, they step aside, as PyTorch's
own Python-side argument checks do: under ``torch.compile`` (they would break the graph),
``torch.jit.trace`` (they would add tracer warnings and nothing to the trace), the
``torch.func`` transforms (``vmap``, ``grad``, ...: batched tensors have no values to read) and
dispatch modes such as ``FakeTensorMode`` and ``make_fx`` (fake tensors have no data).
"""

from __future__ import annotations

import torch

from wce_guard.checked.levels import CheckLevel, current_level

_is_compiling = torch.compiler.is_compiling
_is_tracing = torch._C._is_tracing
_functorch_transform = torch._C._functorch.peek_interpreter_stack
_dispatch_modes = torch._C._len_torch_dispatch_stack


def active_level() -> CheckLevel:
    # runs on every loss call: the cheap tests first, each C function called once
    if _is_compiling():  # first: torch.compile cannot trace the level's ContextVar
        return CheckLevel.OFF
    level = current_level()
    if level is CheckLevel.OFF or not (
        _is_tracing() or _functorch_transform() is not None or _dispatch_modes()
    ):
        return level
    return CheckLevel.OFF


def stepping_aside() -> bool:
    """True where the loss is being compiled, traced or transformed, not run."""
    return (
        _is_compiling()
        or _is_tracing()
        or _functorch_transform() is not None
        or _dispatch_modes() > 0
    )
