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


@pytest.mark.parametrize("case", ["index targets, dense costs", "probabilities over (N, C, D)"])
def test_rwwce_compiled_by_inductor_matches_eager(case):
    """torch.compile traces the Function's pure-expression formulation; inductor's kernels
    give eager's loss and gradient."""
    generator = torch.Generator().manual_seed(3)
    if case == "index targets, dense costs":
        logits = torch.randn(64, 7, generator=generator, dtype=torch.float64) * 30
        logits[0] = logits[0].max()  # a row of ties
        target = torch.randint(0, 7, (64,), generator=generator)
        target[1] = -100
        fn = torch.rand(7, generator=generator, dtype=torch.float64)
        fp = torch.rand(7, 7, generator=generator, dtype=torch.float64).fill_diagonal_(0) * 19
    else:
        logits = torch.randn(8, 5, 3, generator=generator, dtype=torch.float64)
        target = torch.randn(8, 5, 3, generator=generator, dtype=torch.float64).softmax(1)
        fn, fp = torch.rand(5, generator=generator, dtype=torch.float64), None
    logits.requires_grad_()
    compiled = torch.compile(wg.rwwce, fullgraph=True)
    for reduction in ("none", "mean"):
        actual = compiled(logits, target, fn, fp, reduction=reduction)
        expected = wg.rwwce(logits, target, fn, fp, reduction=reduction)
        torch.testing.assert_close(actual, expected, rtol=1e-12, atol=1e-12)
        grad_output = torch.rand(expected.shape, generator=generator, dtype=torch.float64)
        (gradient,) = torch.autograd.grad(actual, logits, grad_output)
        (expected_gradient,) = torch.autograd.grad(expected, logits, grad_output)
        torch.testing.assert_close(gradient, expected_gradient, rtol=1e-12, atol=1e-12)


def test_rwwce_compiled_by_inductor_does_not_raise_for_non_finite_logits():
    logits = torch.randn(6, 5, dtype=torch.float64)
    logits[1, 2], logits[2] = float("nan"), float("inf")
    target, fp = torch.arange(6) % 5, torch.rand(5, 5, dtype=torch.float64).fill_diagonal_(0)
    actual = torch.compile(wg.rwwce)(logits, target, None, fp, reduction="none")
    expected = wg.rwwce(logits, target, None, fp, reduction="none")
    assert actual[1:3].isnan().all()
    torch.testing.assert_close(actual[3:], expected[3:], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("level", ["off", "shapes", "full"])
def test_rwwce_compiles_with_a_sparse_cost_matrix(level):
    """torch.compile runs a frame with a sparse tensor eagerly; the checks run there too."""
    logits, target = torch.randn(8, 5), torch.randint(0, 5, (8,))
    dense = torch.zeros(5, 5)
    dense[1, 3] = 2.0
    with wg.checks(level):
        actual = torch.compile(wg.rwwce)(logits, target, None, dense.to_sparse())
    torch.testing.assert_close(actual, wg.rwwce(logits, target, None, dense))
