"""The checked losses give PyTorch's results, bit for bit, with gradients, at every level."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import wce_guard as wg
from tests.runtime.strategies import Call, cross_entropy_calls

LEVELS = ["off", "shapes", "full"]


def loss_and_gradient(loss_function, call: Call) -> tuple[torch.Tensor, torch.Tensor]:
    logits = call.input.clone().requires_grad_()
    loss = loss_function(logits, call.target)
    # a fixed, non-uniform upstream gradient, so that every element of the gradient matters
    upstream = torch.linspace(0.5, 1.5, loss.numel(), dtype=loss.dtype).reshape(loss.shape)
    loss.backward(upstream)
    return loss.detach(), logits.grad


def assert_identical(actual: torch.Tensor, expected: torch.Tensor) -> None:
    assert actual.dtype == expected.dtype and actual.shape == expected.shape
    torch.testing.assert_close(actual, expected, rtol=0, atol=0, equal_nan=True)


@pytest.mark.parametrize("level", LEVELS)
@settings(max_examples=120, deadline=None)
@given(call=cross_entropy_calls())
def test_functional_matches_pytorch(level: str, call: Call) -> None:
    expected = loss_and_gradient(lambda x, t: F.cross_entropy(x, t, **call.keywords()), call)
    with wg.checks(level):
        actual = loss_and_gradient(lambda x, t: wg.cross_entropy(x, t, **call.keywords()), call)
    for got, want in zip(actual, expected, strict=True):
        assert_identical(got, want)


@pytest.mark.parametrize("level", LEVELS)
@settings(max_examples=60, deadline=None)
@given(call=cross_entropy_calls())
def test_module_matches_pytorch(level: str, call: Call) -> None:
    keywords = call.keywords()
    expected = loss_and_gradient(torch.nn.CrossEntropyLoss(**keywords), call)
    with wg.checks(level):
        actual = loss_and_gradient(wg.CrossEntropyLoss(**keywords), call)
    for got, want in zip(actual, expected, strict=True):
        assert_identical(got, want)


@settings(max_examples=40, deadline=None)
@given(call=cross_entropy_calls(), positional=st.booleans())
def test_same_signature_and_defaults(call: Call, positional: bool) -> None:
    """Arguments bind to the same parameters, positionally or by name, with the same defaults."""
    if positional:
        arguments = (call.input, call.target, call.weight, None, call.ignore_index, None,
                     call.reduction, call.label_smoothing)  # fmt: skip
        assert_identical(wg.cross_entropy(*arguments), F.cross_entropy(*arguments))
    else:  # defaults only: the targets must not rely on a non-default ignore_index
        assume(call.target.is_floating_point() or not (call.target == call.ignore_index).any())
        assert_identical(
            wg.cross_entropy(call.input, call.target), F.cross_entropy(call.input, call.target)
        )


def test_signatures_are_pytorchs() -> None:
    import inspect

    assert inspect.signature(wg.cross_entropy) == inspect.signature(F.cross_entropy)
    assert inspect.signature(wg.CrossEntropyLoss) == inspect.signature(torch.nn.CrossEntropyLoss)


def test_legacy_size_average_and_reduce_pass_through() -> None:
    logits, target = torch.randn(6, 3), torch.tensor([0, 1, 2, 0, 1, 2])
    for size_average, reduce in [(False, None), (None, False), (True, True)]:
        with pytest.warns(UserWarning, match="deprecated"):
            expected = F.cross_entropy(logits, target, size_average=size_average, reduce=reduce)
        with pytest.warns(UserWarning, match="deprecated"):
            actual = wg.cross_entropy(logits, target, size_average=size_average, reduce=reduce)
        assert_identical(actual, expected)
