"""A drop-in never breaks code that works without it: public names, the guard's stand-ins,
scalars and legacy arguments PyTorch accepts, TorchScript, tracing and torch.func."""

from __future__ import annotations

import io
import math
import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

import wce_guard as wg
from tests.runtime.strategies import cross_entropy_calls

# -- 1. public names


_IMPORT_EVERY_SUBMODULE = """
import importlib, pkgutil, types
import wce_guard as wg
def import_every_submodule():
    for module in pkgutil.walk_packages(wg.__path__, "wce_guard."):
        if module.name != "wce_guard.__main__":  # runs the command line
            importlib.import_module(module.name)
"""


@pytest.mark.parametrize(
    "script",
    [
        # the public names first, then every submodule: each name is still the same object
        """
        before = {name: getattr(wg, name) for name in wg.__all__}
        import_every_submodule()
        assert all(getattr(wg, name) is value for name, value in before.items())
        """,
        # every submodule first, then the public names: none is a module
        """
        import_every_submodule()
        modules = [name for name in wg.__all__ if isinstance(getattr(wg, name), types.ModuleType)]
        assert not modules, modules
        """,
    ],
    ids=["names-first", "submodules-first"],
)
def test_no_public_name_is_ever_a_submodule(script):
    code = _IMPORT_EVERY_SUBMODULE + textwrap.dedent(script)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_rwwce_works_after_the_other_real_world_names():
    logits, target = torch.randn(4, 3), torch.tensor([0, 1, 2, 1])
    fp = torch.ones(3, 3).fill_diagonal_(0)
    wg.RWWCELoss(fp_weight=fp)
    wg.binary_rwwce(torch.randn(4), torch.rand(4).round())
    wg.binary_real_world_cost(torch.randn(4), torch.rand(4).round(), 1.0, 2.0)
    assert wg.rwwce(logits, target, torch.ones(3), fp).shape == ()
    assert isinstance(wg.real_world_cost(logits, target, torch.ones(3), fp), float)
    assert callable(wg.guard)


# -- 2. the guard's stand-ins


class _UsesLosses(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.cross_entropy = nn.CrossEntropyLoss()
        self.bce = nn.BCEWithLogitsLoss()

    def forward(self, logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        return self.cross_entropy(logits, target) + self.bce(logits, torch.ones_like(logits))


class _HoldsFunction(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.loss = F.cross_entropy


@pytest.mark.parametrize("level", ["off", "shapes"])
def test_under_the_guard_modules_script_and_pickle_and_functions_keep_their_identity(level):
    logits, target = torch.randn(4, 3), torch.tensor([0, 1, 2, 1])
    expected = _UsesLosses()(logits, target)
    with wg.guard(level):
        scripted = torch.jit.script(_UsesLosses())
        torch.testing.assert_close(scripted(logits, target), expected, rtol=0, atol=0)
        torch.save(_HoldsFunction(), io.BytesIO())
        for name in ("cross_entropy", "nll_loss", "binary_cross_entropy"):
            stand_in = getattr(F, name)
            assert (stand_in.__name__, stand_in.__module__) == (name, "torch.nn.functional")
            assert stand_in.__doc__ == stand_in.__wrapped__.__doc__
            assert stand_in.__doc__


def test_checked_losses_are_not_checked_again_by_the_guard():
    logits, target = torch.randn(4, 3), torch.tensor([0, 1, 2, 1])
    with wg.guard("shapes") as checked:
        wg.cross_entropy(logits, target)
        wg.CrossEntropyLoss()(logits, target)
        wg.NLLLoss()(logits.log_softmax(1), target)
        F.cross_entropy(logits, target)
    assert [site.loss for site in checked.sites.values()] == ["cross_entropy"]


def test_guards_nest_and_restore_pytorchs_functions():
    original = F.cross_entropy
    with wg.guard("shapes") as outer, wg.guard("shapes") as inner:
        wg.cross_entropy(torch.randn(2, 3), torch.tensor([0, 1]))
        F.cross_entropy(torch.randn(2, 3), torch.tensor([0, 1]))
    assert F.cross_entropy is original
    assert len(outer.sites) == len(inner.sites) == 1


# -- 3. what PyTorch accepts, the checked losses accept (and compute the same)


def _pytorch_or_error(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyTorch's deprecation warnings
        try:
            result = function(*args, **kwargs)
        except (RuntimeError, ValueError, TypeError, IndexError) as error:
            return None, error
    return result, None


@pytest.mark.parametrize("level", ["shapes", "full"])
@settings(max_examples=150, deadline=None)
@given(
    call=cross_entropy_calls(),
    ignore_index=st.sampled_from(["as is", "numpy", "tensor"]),
    label_smoothing=st.sampled_from([None, np.float32(0.1), torch.tensor(0.2), math.nan]),
    legacy=st.sampled_from([(None, None), (False, None), (None, False), (True, True)]),
    reduction=st.sampled_from(["mean", "sum", "none", "elementwise_mean", "bogus"]),
)
def test_same_values_gradients_and_refusals_as_pytorch(
    level, call, ignore_index, label_smoothing, legacy, reduction
):
    keywords = call.keywords()
    if ignore_index == "numpy":
        keywords["ignore_index"] = np.int64(call.ignore_index)
    elif ignore_index == "tensor":
        keywords["ignore_index"] = torch.tensor(call.ignore_index)
    if label_smoothing is not None:
        keywords["label_smoothing"] = label_smoothing
    keywords["size_average"], keywords["reduce"] = legacy
    keywords["reduction"] = reduction

    def loss(function):
        input = call.input.detach().clone().requires_grad_()
        value, error = _pytorch_or_error(function, input, call.target, **keywords)
        if error is not None:
            return None, None, error
        gradient = None
        if value.numel() and value.dtype.is_floating_point:
            gradient, _ = _pytorch_or_error(torch.autograd.grad, value.sum(), input)
            gradient = gradient[0] if gradient is not None else None
        return value, gradient, None

    expected, expected_gradient, pytorch_error = loss(F.cross_entropy)
    with wg.checks(level):
        actual, actual_gradient, our_error = loss(wg.cross_entropy)
    if pytorch_error is not None:
        assert our_error is not None, f"PyTorch refused ({pytorch_error}), we accepted"
        return
    assert our_error is None, f"PyTorch accepted, we refused: {our_error}"
    torch.testing.assert_close(actual, expected, rtol=0, atol=0, equal_nan=True)
    if expected_gradient is not None:
        torch.testing.assert_close(actual_gradient, expected_gradient, rtol=0, atol=0,
                                   equal_nan=True)  # fmt: skip


def test_legacy_arguments_win_over_reduction_for_every_loss():
    logits, target = torch.randn(4, 3), torch.tensor([0, 1, 2, 1])
    probabilities, labels = torch.rand(4), torch.rand(4).round()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        calls = [
            (wg.nll_loss, F.nll_loss, (logits.log_softmax(1), target)),
            (wg.binary_cross_entropy, F.binary_cross_entropy, (probabilities, labels)),
            (wg.binary_cross_entropy_with_logits, F.binary_cross_entropy_with_logits,
             (logits[:, 0], labels)),
        ]  # fmt: skip
        for checked, pytorch, arguments in calls:
            expected = pytorch(*arguments, reduce=False, reduction="bogus")
            actual = checked(*arguments, reduce=False, reduction="bogus")
            torch.testing.assert_close(actual, expected, rtol=0, atol=0)


def test_uint8_targets_with_weight_and_smoothing_are_refused_only_where_pytorch_refuses():
    logits, target = torch.randn(4, 3), torch.tensor([0, 1, 2, 1], dtype=torch.uint8)
    weight = torch.rand(3) + 0.1
    for reduction in ("sum", "none"):
        expected = F.cross_entropy(logits, target, weight=weight, label_smoothing=0.1,
                                   reduction=reduction)  # fmt: skip
        actual = wg.cross_entropy(logits, target, weight=weight, label_smoothing=0.1,
                                  reduction=reduction)  # fmt: skip
        torch.testing.assert_close(actual, expected, rtol=0, atol=0)
    with pytest.raises(wg.LossContractError, match="reduction='mean'"):
        wg.cross_entropy(logits, target, weight=weight, label_smoothing=0.1)


class _Wrapped:
    """A tensor-like with ``__torch_function__``: PyTorch hands it the call."""

    def __init__(self, tensor: torch.Tensor) -> None:
        self.tensor = tensor

    @classmethod
    def __torch_function__(cls, function, types, args=(), kwargs=None):
        def unwrap(value):
            return value.tensor if isinstance(value, _Wrapped) else value

        kwargs = {key: unwrap(value) for key, value in (kwargs or {}).items()}
        return function(*map(unwrap, args), **kwargs)


@pytest.mark.parametrize("level", ["shapes", "full"])
def test_objects_with_torch_function_are_handed_the_call(level):
    logits, target = torch.randn(4, 3), torch.tensor([0, 1, 2, 1])
    with wg.checks(level):
        actual = wg.cross_entropy(_Wrapped(logits), target)
    torch.testing.assert_close(actual, F.cross_entropy(logits, target), rtol=0, atol=0)


# -- 4. TorchScript and tracing


@pytest.mark.parametrize(
    ("name", "input", "target"),
    [
        ("CrossEntropyLoss", torch.randn(4, 3), torch.tensor([0, 1, 2, 1])),
        ("NLLLoss", torch.randn(4, 3).log_softmax(1), torch.tensor([0, 1, 2, 1])),
        ("BCELoss", torch.rand(4), torch.rand(4).round()),
        ("BCEWithLogitsLoss", torch.randn(4), torch.rand(4).round()),
    ],
)
def test_checked_modules_script_and_trace_like_pytorchs(name, input, target):
    checked, pytorch = getattr(wg, name)(), getattr(nn, name)()
    scripted = torch.jit.script(checked)
    torch.testing.assert_close(scripted(input, target), pytorch(input, target), rtol=0, atol=0)

    def trace_warnings(module: nn.Module) -> list[str]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            torch.jit.trace(module, (input, target))
        return sorted(str(warning.message) for warning in caught)

    assert trace_warnings(checked) == trace_warnings(pytorch)


# -- 5. transforms: the checks step aside


def test_checks_step_aside_under_vmap_fake_tensors_and_make_fx():
    from torch._subclasses.fake_tensor import FakeTensorMode
    from torch.fx.experimental.proxy_tensor import make_fx

    logits, target = torch.randn(2, 4, 3), torch.tensor([0, 1, 2, 1])
    with wg.checks("full"):
        batched = torch.func.vmap(lambda x: wg.cross_entropy(x, target))(logits)
        torch.testing.assert_close(
            batched, torch.stack([F.cross_entropy(x, target) for x in logits])
        )
        with FakeTensorMode():
            fake = wg.cross_entropy(torch.randn(4, 3), torch.zeros(4, dtype=torch.long))
        assert fake.shape == ()
        for mode in ("real", "fake", "symbolic"):
            graph = make_fx(lambda x, y: wg.cross_entropy(x, y), tracing_mode=mode)(
                logits[0], target
            )
            assert "log_softmax" in graph.code


def test_a_function_decorated_with_checks_compiles_with_fullgraph():
    @wg.checks("off")
    def loss(logits, target):
        return wg.cross_entropy(logits, target)

    logits, target = torch.randn(4, 3), torch.tensor([0, 1, 2, 1])
    compiled = torch.compile(loss, fullgraph=True, backend="eager")
    torch.testing.assert_close(compiled(logits, target), F.cross_entropy(logits, target))
