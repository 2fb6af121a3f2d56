"""The checked nll_loss and binary cross-entropies: PyTorch's results, and the mistakes."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

import wce_guard as wg
from wce_guard import LossContractError, ProbabilityInputWarning

N, C = 16, 5


@pytest.fixture
def data():
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(N, C, generator=generator, requires_grad=True)
    target = torch.randint(0, C, (N,), generator=generator)
    labels = torch.rand(N, C, generator=generator).round()
    return logits, target, labels


def test_results_and_gradients_are_pytorchs(data):
    logits, target, labels = data
    weight, pos_weight = torch.rand(C), torch.rand(C) * 3
    pairs = [
        (wg.nll_loss(F.log_softmax(logits, 1), target, weight, ignore_index=2),
         F.nll_loss(F.log_softmax(logits, 1), target, weight, ignore_index=2)),
        (wg.NLLLoss(weight)(F.log_softmax(logits, 1), target),
         torch.nn.NLLLoss(weight)(F.log_softmax(logits, 1), target)),
        (wg.binary_cross_entropy(torch.sigmoid(logits), labels, weight, reduction="sum"),
         F.binary_cross_entropy(torch.sigmoid(logits), labels, weight, reduction="sum")),
        (wg.BCELoss()(torch.sigmoid(logits), labels), torch.nn.BCELoss()(torch.sigmoid(logits),
                                                                         labels)),
        (wg.binary_cross_entropy_with_logits(logits, labels, pos_weight=pos_weight),
         F.binary_cross_entropy_with_logits(logits, labels, pos_weight=pos_weight)),
        (wg.BCEWithLogitsLoss(weight, pos_weight=pos_weight)(logits, labels),
         torch.nn.BCEWithLogitsLoss(weight, pos_weight=pos_weight)(logits, labels)),
    ]  # fmt: skip
    for ours, theirs in pairs:
        assert torch.equal(ours, theirs)
        (gradient,) = torch.autograd.grad(ours, logits)
        (expected,) = torch.autograd.grad(theirs, logits)
        assert torch.equal(gradient, expected)


def test_modules_are_pytorchs_with_the_same_buffers():
    criterion = wg.BCEWithLogitsLoss(pos_weight=torch.ones(C)).double()
    assert isinstance(criterion, torch.nn.BCEWithLogitsLoss)
    assert criterion.pos_weight.dtype == torch.float64
    assert set(criterion.state_dict()) == set(torch.nn.BCEWithLogitsLoss(
        pos_weight=torch.ones(C)).state_dict())  # fmt: skip


def test_shape_mistakes(data):
    logits, target, labels = data
    with pytest.raises(LossContractError, match=r"nll_loss: target has shape \(16, 1\)"):
        wg.nll_loss(F.log_softmax(logits, 1), target[:, None])
    with pytest.raises(LossContractError, match="nll_loss takes class indices"):
        wg.nll_loss(F.log_softmax(logits, 1), labels)
    with pytest.raises(LossContractError, match=r"BCELoss: target has shape \(16,\) but input"):
        wg.BCELoss()(torch.sigmoid(logits), target.float())
    with pytest.raises(LossContractError, match=r"one label per value\. For class indices"):
        wg.binary_cross_entropy_with_logits(logits, target.float())
    with pytest.raises(LossContractError, match=r"pos_weight of shape \(4,\) does not broadcast"):
        wg.binary_cross_entropy_with_logits(logits, labels, pos_weight=torch.ones(C - 1))
    with pytest.raises(LossContractError, match="target must be a floating-point tensor"):
        wg.binary_cross_entropy_with_logits(logits, labels.long())


def test_value_mistakes_at_full_level(data):
    logits, target, labels = data
    with wg.checks("full"):
        with pytest.warns(ProbabilityInputWarning, match="it looks like probabilities"):
            wg.nll_loss(F.softmax(logits, 1), target)
        with pytest.warns(ProbabilityInputWarning, match="it looks like logits"):
            wg.NLLLoss()(logits, target)
        with pytest.warns(ProbabilityInputWarning, match="like sigmoid output"):
            wg.BCEWithLogitsLoss()(torch.sigmoid(logits), labels)
        with pytest.raises(LossContractError, match=r"it looks like logits\. Use binary_cross_"):
            wg.binary_cross_entropy(logits, labels)
        with pytest.raises(LossContractError, match="target holds class index 9"):
            wg.nll_loss(F.log_softmax(logits, 1), target.index_fill(0, torch.tensor([3]), 9))
    wg.nll_loss(F.softmax(logits, 1), target)  # the default level reads no values
