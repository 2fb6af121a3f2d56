"""Check levels: checks() as context manager and decorator, per thread, and the environment."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
import torch

import wce_guard as wg
from wce_guard import LossContractError

BAD_WEIGHT = torch.tensor([1.0, -1.0, 1.0])  # only the full level reads it
SHORT_WEIGHT = torch.ones(2)  # every level but off catches it
LOGITS, TARGET = torch.randn(4, 3), torch.tensor([0, 1, 2, 1])


def raises(weight: torch.Tensor) -> bool:
    try:
        wg.cross_entropy(LOGITS, TARGET, weight=weight)
    except LossContractError:
        return True
    except RuntimeError:  # PyTorch's own error, at level off
        return False
    return False


def test_default_level_is_shapes():
    assert wg.current_level() is wg.CheckLevel.SHAPES
    assert raises(SHORT_WEIGHT) and not raises(BAD_WEIGHT)


def test_context_manager_sets_and_restores_nested_levels():
    with wg.checks("full") as level:
        assert level is wg.CheckLevel.FULL and raises(BAD_WEIGHT)
        with wg.checks("off"):
            assert not raises(SHORT_WEIGHT)
        assert raises(BAD_WEIGHT)
    assert wg.current_level() is wg.CheckLevel.SHAPES


def test_restored_when_the_block_raises():
    with pytest.raises(KeyError), wg.checks("off"):
        raise KeyError
    assert wg.current_level() is wg.CheckLevel.SHAPES


def test_decorator_applies_on_every_call_and_is_reentrant():
    @wg.checks("full")
    def depth(n: int) -> list:
        seen = [wg.current_level()]
        return seen + (depth(n - 1) if n else [])

    assert depth(3) == [wg.CheckLevel.FULL] * 4
    assert depth(0) == [wg.CheckLevel.FULL]
    assert wg.current_level() is wg.CheckLevel.SHAPES


def test_levels_are_per_thread():
    barrier = threading.Barrier(2)
    seen: dict[str, object] = {}

    def worker(name: str, level: str | None) -> None:
        if level is None:
            barrier.wait()
            seen[name] = wg.current_level()
            barrier.wait()
            return
        with wg.checks(level):
            barrier.wait()  # the other thread reads while this one is inside checks()
            seen[name] = wg.current_level()
            barrier.wait()

    threads = [
        threading.Thread(target=worker, args=("full", "full")),
        threading.Thread(target=worker, args=("default", None)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"full": wg.CheckLevel.FULL, "default": wg.CheckLevel.SHAPES}


def test_shared_decorated_function_across_threads():
    @wg.checks("off")
    def level_inside() -> object:
        return wg.current_level()

    results: list = []
    threads = [threading.Thread(target=lambda: results.append(level_inside())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [wg.CheckLevel.OFF] * 8


@pytest.mark.parametrize("level", ["bogus", "", 3, None])
def test_unknown_level_is_a_clear_error_where_it_is_written(level):
    with pytest.raises(
        ValueError, match=r"is not a check level: use one of 'off', 'shapes', 'full'"
    ):
        wg.checks(level)


def test_level_names_ignore_case_and_blanks():
    with wg.checks(" FULL "):
        assert wg.current_level() is wg.CheckLevel.FULL


def run_with_environment(value: str, code: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "WCE_GUARD_CHECKS": value}
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120
    )


def test_environment_variable_sets_the_default():
    result = run_with_environment("full", "import wce_guard as wg; print(wg.current_level().value)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "full"


def test_unknown_environment_level_fails_loudly():
    result = run_with_environment("ful", "import wce_guard as wg; wg.cross_entropy")
    assert result.returncode != 0
    assert "WCE_GUARD_CHECKS 'ful' is not a check level" in result.stderr


@pytest.mark.parametrize("closing_order", [(0, 1), (1, 0)])
def test_blocks_closed_out_of_order_leave_the_level_of_the_blocks_still_open(closing_order):
    def holding(level):
        with wg.checks(level):
            yield

    before = wg.current_level()
    blocks = [holding("full"), holding("off")]
    for block in blocks:
        next(block)
    assert wg.current_level() is wg.CheckLevel.OFF
    first, second = (blocks[index] for index in closing_order)
    first.close()
    still_open = blocks[closing_order[1]]
    assert wg.current_level() is (
        wg.CheckLevel.FULL if still_open is blocks[0] else wg.CheckLevel.OFF
    )
    second.close()
    assert wg.current_level() is before
