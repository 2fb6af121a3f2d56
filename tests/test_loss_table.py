"""The one table of losses (wce_guard/loss_table.py) is true of PyTorch and of wce-guard: the
linter, the guard and the checked losses all read it."""

import inspect

import pytest
import torch
import torch.nn.functional as F

import wce_guard as wg
from wce_guard.lint.analysis import library
from wce_guard.lint.names import canonical
from wce_guard.loss_table import LOSSES


@pytest.mark.parametrize("loss", LOSSES, ids=lambda loss: loss.functional)
def test_argument_order_is_pytorchs(loss):
    functional = inspect.signature(getattr(torch.nn.functional, loss.functional))
    assert tuple(functional.parameters)[: len(loss.parameters)] == loss.parameters
    constructor = inspect.signature(getattr(torch.nn, loss.module))
    assert tuple(constructor.parameters)[: len(loss.constructor)] == loss.constructor
    assert set(loss.weights) <= set(loss.parameters)


@pytest.mark.parametrize("loss", LOSSES, ids=lambda loss: loss.functional)
def test_every_part_of_wce_guard_knows_the_loss(loss):
    # the checked twins
    assert callable(getattr(wg, loss.functional))
    assert issubclass(getattr(wg, loss.module), getattr(torch.nn, loss.module))
    # the guard stands in for PyTorch's function while active
    original = getattr(F, loss.functional)
    with wg.guard("off"):
        assert getattr(F, loss.functional) is not original
    assert getattr(F, loss.functional) is original
    # the linter: PyTorch's names and wce-guard's are the same loss
    assert loss.qualified_functional in library.LOSS_FUNCTIONS
    assert canonical(f"wce_guard.{loss.functional}") == loss.qualified_functional
    assert canonical(f"wce_guard.{loss.module}") == loss.qualified_module
