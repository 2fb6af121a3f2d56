"""Checked drop-in replacements for PyTorch's classification-loss functions.

Same signatures, defaults and results as ``torch.nn.functional``'s functions of those names:
the checks run first, then PyTorch's own function computes the loss (it is never
re-implemented). The checks of each loss take PyTorch's parameters in PyTorch's order, so that
the guard (``wce-guard run``) checks a call of ``torch.nn.functional`` with the very same
code. They step aside where the call is compiled, traced or transformed (``active.py``).
"""

import math
import operator
from collections.abc import Callable

import torch.nn.functional as F
from torch import Tensor
from torch.nn import _reduction
from torch.overrides import has_torch_function

from wce_guard.checked.active import active_level
from wce_guard.checked.binary_contracts import check_binary, check_binary_values
from wce_guard.checked.contracts import check_cross_entropy
from wce_guard.checked.levels import CheckLevel
from wce_guard.checked.nll_contract import check_nll_loss
from wce_guard.checked.value_checks import check_cross_entropy_values

GUARD_ORIGINAL = "__wce_guard_original__"  # set by the guard on its stand-ins


def pytorch_function(name: str) -> Callable:
    """``torch.nn.functional``'s own function, also while a guard stands in for it (checked
    losses must not be checked twice)."""
    function = getattr(F, name)
    while hasattr(function, GUARD_ORIGINAL):  # guards may nest
        function = getattr(function, GUARD_ORIGINAL)
    return function


_cross_entropy = pytorch_function("cross_entropy")
_nll_loss = pytorch_function("nll_loss")
_binary_cross_entropy = pytorch_function("binary_cross_entropy")
_binary_cross_entropy_with_logits = pytorch_function("binary_cross_entropy_with_logits")


# -- the checks, in PyTorch's parameter order (the guard calls them with the user's arguments)


def check_cross_entropy_call(
    loss_name: str, level: CheckLevel, input, target, weight=None, size_average=None,
    ignore_index=-100, reduce=None, reduction="mean", label_smoothing=0.0, *,
    in_module: bool = False,
) -> None:  # fmt: skip
    if _has_torch_function((input, target, weight)):
        return
    ignore_index, reduction = _index(ignore_index), _reduction_of(size_average, reduce, reduction)
    label_smoothing = _number(label_smoothing)
    check_cross_entropy(
        loss_name, input, target, weight, ignore_index, reduction, label_smoothing, in_module
    )
    if level is CheckLevel.FULL:
        check_cross_entropy_values(loss_name, input, target, weight, ignore_index)


def check_nll_loss_call(
    loss_name: str, level: CheckLevel, input, target, weight=None, size_average=None,
    ignore_index=-100, reduce=None, reduction="mean", *, in_module: bool = False,
) -> None:  # fmt: skip
    if _has_torch_function((input, target, weight)):
        return
    ignore_index, reduction = _index(ignore_index), _reduction_of(size_average, reduce, reduction)
    check_nll_loss(loss_name, input, target, weight, ignore_index, reduction, level, in_module)


def check_binary_cross_entropy_call(
    loss_name: str, level: CheckLevel, input, target, weight=None, size_average=None,
    reduce=None, reduction="mean", *, in_module: bool = False,
) -> None:  # fmt: skip
    if _has_torch_function((input, target, weight)):
        return
    reduction = _reduction_of(size_average, reduce, reduction)
    check_binary(loss_name, input, target, reduction, {"weight": weight},
                 expects="probabilities", in_module=in_module)  # fmt: skip
    if level is CheckLevel.FULL:
        check_binary_values(loss_name, input, target, expects="probabilities")


def check_binary_cross_entropy_with_logits_call(
    loss_name: str, level: CheckLevel, input, target, weight=None, size_average=None,
    reduce=None, reduction="mean", pos_weight=None, *, in_module: bool = False,
) -> None:  # fmt: skip
    if _has_torch_function((input, target, weight, pos_weight)):
        return
    reduction = _reduction_of(size_average, reduce, reduction)
    check_binary(loss_name, input, target, reduction, {"weight": weight, "pos_weight": pos_weight},
                 expects="logits", in_module=in_module)  # fmt: skip
    if level is CheckLevel.FULL:
        check_binary_values(loss_name, input, target, expects="logits")


CHECKS: dict[str, Callable[..., None]] = {
    "cross_entropy": check_cross_entropy_call,
    "nll_loss": check_nll_loss_call,
    "binary_cross_entropy": check_binary_cross_entropy_call,
    "binary_cross_entropy_with_logits": check_binary_cross_entropy_with_logits_call,
}


# Arguments with their own ``__torch_function__`` (tensor subclasses and tensor-likes) decide
# what the loss means for them: PyTorch hands the call over, and so do the checks.
_has_torch_function = has_torch_function


def _index(value: object) -> object:
    """An index as PyTorch reads it: numpy and 0-d tensor integers are integers."""
    if type(value) is int or not hasattr(value, "__index__"):
        return value  # a float or str is left for the contract to name
    return operator.index(value)


def _number(value: object) -> object:
    if type(value) is float and value == value:  # the common case; NaN != NaN
        return value
    if isinstance(value, bool | str) or not hasattr(value, "__float__"):
        return value
    number = float(value)
    return 0.0 if math.isnan(number) else number  # PyTorch smooths by NaN as by 0


def _reduction_of(size_average, reduce, reduction) -> object:
    """The reduction PyTorch applies: the legacy arguments win when either is given, and
    ``"elementwise_mean"`` (deprecated, PyTorch warns) means ``"mean"``."""
    if size_average is not None or reduce is not None:
        return _reduction.legacy_get_string(size_average, reduce, emit_warning=False)
    return "mean" if reduction == "elementwise_mean" else reduction


# -- the checked losses


def cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    """``torch.nn.functional.cross_entropy``, checked at the current level (see ``checks``).

    Raises ``LossContractError`` (a ``ValueError``) when the arguments break the contract.
    """
    level = active_level()
    if level is not CheckLevel.OFF:
        check_cross_entropy_call("cross_entropy", level, input, target, weight, size_average,
                                 ignore_index, reduce, reduction, label_smoothing)  # fmt: skip
    return _cross_entropy(
        input, target, weight, size_average, ignore_index, reduce, reduction, label_smoothing
    )


def nll_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``torch.nn.functional.nll_loss``, checked at the current level (see ``checks``).

    Its input is log-probabilities (``log_softmax`` output): at the ``full`` level, input with
    values above 0 warns with ``ProbabilityInputWarning``.
    """
    level = active_level()
    if level is not CheckLevel.OFF:
        check_nll_loss_call("nll_loss", level, input, target, weight, size_average,
                            ignore_index, reduce, reduction)  # fmt: skip
    return _nll_loss(input, target, weight, size_average, ignore_index, reduce, reduction)


def binary_cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``torch.nn.functional.binary_cross_entropy`` (input: probabilities), checked."""
    level = active_level()
    if level is not CheckLevel.OFF:
        check_binary_cross_entropy_call("binary_cross_entropy", level, input, target, weight,
                                        size_average, reduce, reduction)  # fmt: skip
    return _binary_cross_entropy(input, target, weight, size_average, reduce, reduction)


def binary_cross_entropy_with_logits(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    pos_weight: Tensor | None = None,
) -> Tensor:
    """``torch.nn.functional.binary_cross_entropy_with_logits``, checked.

    At the ``full`` level, input whose values all lie in [0, 1] (sigmoid output) warns with
    ``ProbabilityInputWarning``.
    """
    level = active_level()
    if level is not CheckLevel.OFF:
        check_binary_cross_entropy_with_logits_call(
            "binary_cross_entropy_with_logits", level, input, target, weight, size_average,
            reduce, reduction, pos_weight,
        )  # fmt: skip
    return _binary_cross_entropy_with_logits(
        input, target, weight, size_average, reduce, reduction, pos_weight
    )
