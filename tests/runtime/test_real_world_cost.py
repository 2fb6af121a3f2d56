"""The Real World Cost metric on cases computed by hand (spec/losses.md section 5)."""

from __future__ import annotations

import math

import pytest
import torch

import wce_guard as wg
from wce_guard import LossContractError

# Three classes; the mistake 0 -> 2 is the costly one (19 on top of the miss).
FN = torch.tensor([1.0, 2.0, 1.0])
FP = torch.tensor([[0.0, 0.0, 19.0], [0.0, 0.0, 0.0], [3.0, 0.0, 0.0]])


def _scores(predictions: list[int], classes: int = 3) -> torch.Tensor:
    return torch.eye(classes)[predictions] * 5.0


def test_multiclass_cost_by_hand():
    # truth     0  0  1  2  2  1
    # predicted 0  2  0  0  2  1   mistakes: 0->2 (1 + 19), 1->0 (2 + 0), 2->0 (1 + 3)
    logits = _scores([0, 2, 0, 0, 2, 1])
    target = torch.tensor([0, 0, 1, 2, 2, 1])
    assert wg.real_world_cost(logits, target, FN, FP) == pytest.approx((20 + 2 + 4) / 6)
    # without fp costs every mistake costs fn of its true class
    assert wg.real_world_cost(logits, target, FN) == pytest.approx((1 + 2 + 1) / 6)
    # the default is one per mistake: the error rate
    assert wg.real_world_cost(logits, target) == pytest.approx(3 / 6)


def test_ignored_positions_ties_and_spatial_input():
    logits = _scores([0, 2, 0, 0])
    logits[3] = torch.tensor([1.0, 1.0, 0.0])  # a tie: the lowest class, 0, is predicted
    target = torch.tensor([0, -100, 1, 0])
    assert wg.real_world_cost(logits, target, FN, FP) == pytest.approx(2 / 3)
    spatial = logits.T.unsqueeze(0)  # (1, C, 4)
    assert wg.real_world_cost(spatial, target.unsqueeze(0), FN, FP) == pytest.approx(2 / 3)
    assert math.isnan(wg.real_world_cost(logits, torch.full((4,), -100), FN, FP))


def test_sparse_costs_give_the_dense_result():
    logits = _scores([0, 2, 0, 0, 2, 1])
    target = torch.tensor([0, 0, 1, 2, 2, 1])
    assert wg.real_world_cost(logits, target, FN, FP.to_sparse()) == pytest.approx(26 / 6)


def test_binary_cost_by_hand_with_a_strict_threshold():
    # logit 0 is sigmoid 0.5: negative at threshold 0.5
    logits = torch.tensor([2.0, -1.0, 0.0, 3.0, -2.0, 0.0])
    target = torch.tensor([1, 1, 1, 0, 0, 0])
    # FN: the -1.0 and the 0.0 positives (2); FP: the 3.0 negative (1)
    assert wg.binary_real_world_cost(logits, target, 2000, 100) == pytest.approx(
        (2 * 2000 + 1 * 100) / 6
    )
    # threshold 0.2 (logit -1.386): -1.0 and 0.0 become positive; FN 0, FP 2 (3.0 and 0.0)
    assert wg.binary_real_world_cost(logits, target, 2000, 100, threshold=0.2) == pytest.approx(
        2 * 100 / 6
    )
    assert wg.binary_real_world_cost(logits, target, 2000, 100, threshold=1.0) == pytest.approx(
        3 * 2000 / 6
    )


def test_confusion_matrix_form_is_the_authors_metric():
    confusion = torch.tensor([[50, 1, 2], [3, 40, 0], [4, 0, 30]])
    # off-diagonal: 1*(1+0) + 2*(1+19) + 3*(2+0) + 0 + 4*(1+3) + 0 = 1 + 40 + 6 + 16
    assert wg.real_world_cost_from_confusion(confusion, FN, FP) == pytest.approx(63 / 130)


def test_binary_case_through_the_confusion_matrix():
    # class 1 positive: rows = truth. 45 missed positives, 13 false alarms, in 1000 examples.
    confusion = [[900, 13], [45, 42]]
    fn, fp = torch.tensor([0.0, 2000.0]), torch.tensor([[0.0, 100.0], [0.0, 0.0]])
    expected = (45 * 2000 + 13 * 100) / 1000
    assert wg.real_world_cost_from_confusion(confusion, fn, fp) == pytest.approx(expected)
    logits = torch.tensor([5.0] * 42 + [-5.0] * 45 + [5.0] * 13 + [-5.0] * 900)
    target = torch.tensor([1] * 87 + [0] * 913)
    assert wg.binary_real_world_cost(logits, target, 2000, 100) == pytest.approx(expected)


def test_metric_contracts():
    with pytest.raises(LossContractError, match="target must hold class indices"):
        wg.real_world_cost(torch.randn(4, 3), torch.rand(4, 3))
    with pytest.raises(LossContractError, match="target holds class index 7"):
        wg.real_world_cost(torch.randn(4, 3), torch.tensor([0, 7, 1, 2]))
    with pytest.raises(LossContractError, match="non-zero entries on its diagonal"):
        wg.real_world_cost(torch.randn(4, 3), torch.tensor([0, 1, 1, 2]), FN, torch.eye(3))
    with pytest.raises(LossContractError, match="square"):
        wg.real_world_cost_from_confusion(torch.ones(2, 3))
    with pytest.raises(LossContractError, match=r"fn_weight must be \(3,\)"):
        wg.real_world_cost_from_confusion(torch.ones(3, 3), torch.ones(2))
    with pytest.raises(LossContractError, match="0 or 1 labels"):
        wg.binary_real_world_cost(torch.randn(3), torch.tensor([0.0, 0.5, 1.0]), 1, 1)
    with pytest.raises(LossContractError, match="threshold must be in"):
        wg.binary_real_world_cost(torch.randn(3), torch.tensor([0, 1, 1]), 1, 1, threshold=2)
