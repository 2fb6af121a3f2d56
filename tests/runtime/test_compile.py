"""Under torch.compile the checks step aside: a full graph, and PyTorch's result."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

import wce_guard as wg


@pytest.fixture(autouse=True)
def fresh_compiler():
    torch._dynamo.reset()
    yield
    torch._dynamo.reset()


@pytest.mark.parametrize("level", ["shapes", "full"])
def test_compiled_functional_with_fullgraph(level):
    logits = torch.randn(16, 5, requires_grad=True)
    target, weight = torch.randint(0, 5, (16,)), torch.rand(5)

    def step(x, t, w):
        return wg.cross_entropy(x * 2, t, weight=w, label_smoothing=0.1)

    compiled = torch.compile(step, fullgraph=True, backend="eager")
    with wg.checks(level):
        actual = compiled(logits, target, weight)
    expected = F.cross_entropy(logits * 2, target, weight=weight, label_smoothing=0.1)
    torch.testing.assert_close(actual, expected)
    (gradient,) = torch.autograd.grad(actual, logits)
    (expected_gradient,) = torch.autograd.grad(expected, logits)
    torch.testing.assert_close(gradient, expected_gradient)


def test_compiled_module_with_inductor():
    model = torch.nn.Linear(8, 5)
    criterion = wg.CrossEntropyLoss(weight=torch.rand(5))
    features, target = torch.randn(32, 8), torch.randint(0, 5, (32,))

    def loss(x, t):
        return criterion(model(x), t)

    compiled = torch.compile(loss, fullgraph=True)
    torch.testing.assert_close(compiled(features, target), loss(features, target))


def test_eager_calls_are_still_checked_after_compiling():
    compiled = torch.compile(lambda x, t: wg.cross_entropy(x, t), fullgraph=True, backend="eager")
    compiled(torch.randn(4, 3), torch.tensor([0, 1, 2, 0]))
    with pytest.raises(wg.LossContractError):
        wg.cross_entropy(torch.randn(4, 3), torch.tensor([[0], [1], [2], [0]]))


def test_compiled_rwwce_with_fullgraph_matches_eager():
    logits = torch.randn(16, 5, requires_grad=True)
    target = torch.randint(0, 5, (16,))
    fn, fp = torch.rand(5), torch.rand(5, 5).fill_diagonal_(0)
    compiled = torch.compile(wg.rwwce, fullgraph=True, backend="aot_eager")
    actual = compiled(logits * 2, target, fn, fp)
    expected = wg.rwwce(logits * 2, target, fn, fp)
    torch.testing.assert_close(actual, expected)
    (gradient,) = torch.autograd.grad(actual, logits)
    (expected_gradient,) = torch.autograd.grad(expected, logits)
    torch.testing.assert_close(gradient, expected_gradient)
