"""Overhead of the checked cross-entropy against raw ``F.cross_entropy``, per check level.

    python -m bench.runtime_overhead            # CPU; also CUDA when available
    python -m bench.runtime_overhead --quick    # fewer rounds, for a smoke run

Times forward+backward of each variant at several (N, C) in rounds: each round times every
variant once, in a new random order, after one untimed call, so that drift in the machine's speed
hits every variant alike. Reports the median time per call, and the median over rounds of each
variant's time divided by raw's time in the same round (a paired ratio, robust to the drift
that makes a ratio of two medians wander by +-20% on a busy 2-core machine). Writes the table
into BENCHMARKS.md between the markers of this benchmark.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import torch
import torch.nn.functional as F

import wce_guard as wg
from bench.report import environment_lines, replace_section, steady_allocator
from wce_guard.checked.active import active_level
from wce_guard.checked.functional import check_cross_entropy_call

SIZES = [(32, 10), (256, 100), (1024, 1000), (8192, 1000)]
# "raw again" is raw measured a second time: its ratio to raw is the noise floor of the run.
VARIANTS = ["raw", "raw again", "off", "shapes", "full"]


def seconds_per_call(
    variant: str, step: Callable[[], None], calls: int, synchronize: Callable[[], None]
) -> float:
    level = "off" if variant.startswith("raw") else variant  # raw does not call wce_guard
    with wg.checks(level):
        step()  # untimed: the first call after another variant pays for cold caches
        synchronize()
        start = time.perf_counter()
        for _ in range(calls):
            step()
        synchronize()
    return (time.perf_counter() - start) / calls


def measure(device: str, n: int, c: int, rounds: int) -> dict[str, tuple[float, float]]:
    """Per variant: (median seconds per call, median paired ratio to raw)."""
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(n, c, generator=generator).to(device).requires_grad_()
    target = torch.randint(0, c, (n,), generator=generator).to(device)
    weight = torch.rand(c, generator=generator).add_(0.1).to(device)
    synchronize = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    steps = {
        variant: (
            (lambda: F.cross_entropy(logits, target, weight=weight).backward())
            if variant.startswith("raw")
            else (lambda: wg.cross_entropy(logits, target, weight=weight).backward())
        )
        for variant in VARIANTS
    }
    # about 20 ms a sample, so that timer resolution and loop overhead do not matter
    single = seconds_per_call("raw", steps["raw"], 20, synchronize)
    calls = max(5, int(0.02 / max(single, 1e-7)))
    for variant, step in steps.items():  # warm-up: caches, allocator, the contract's memo
        seconds_per_call(variant, step, calls, synchronize)
    samples: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    order = list(VARIANTS)
    shuffler = random.Random(0)
    for _ in range(rounds):
        shuffler.shuffle(order)
        for variant in order:
            samples[variant].append(seconds_per_call(variant, steps[variant], calls, synchronize))
    return {
        variant: (
            statistics.median(times),
            statistics.median(t / raw for t, raw in zip(times, samples["raw"], strict=True)),
        )
        for variant, times in samples.items()
    }


def memoised_check_seconds(device: str, n: int, c: int) -> float:
    """The shapes-level check alone (a validated signature): what the default adds per call."""
    logits = torch.randn(n, c, device=device)
    target = torch.randint(0, c, (n,), device=device)
    weight = torch.rand(c, device=device)

    def step() -> None:  # what wg.cross_entropy does before PyTorch's function
        check_cross_entropy_call("cross_entropy", active_level(), logits, target, weight)

    return min(seconds_per_call("shapes", step, 20_000, lambda: None) for _ in range(5))


def off_wrapper_seconds(rounds: int) -> float:
    """What level ``off`` adds to a call: forward-only at (32, 10), wce_guard at ``off`` minus
    raw, median of paired rounds (forward-only at this size is steadier than fwd+bwd)."""
    logits, target = torch.randn(32, 10), torch.randint(0, 10, (32,))
    steps = {
        "raw": lambda: F.cross_entropy(logits, target),
        "off": lambda: wg.cross_entropy(logits, target),
    }
    differences = []
    for _ in range(rounds):
        times = {v: seconds_per_call(v, step, 2000, lambda: None) for v, step in steps.items()}
        differences.append(times["off"] - times["raw"])
    return statistics.median(differences)


def table(device: str, rounds: int) -> list[str]:
    lines = [
        f"| {device} (N, C) | raw fwd+bwd | raw again (noise) | off | shapes (default) | full "
        "| shapes check alone (share of raw) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for n, c in SIZES:
        results = measure(device, n, c, rounds)
        raw = results["raw"][0]
        check = memoised_check_seconds(device, n, c)
        cells = (
            [f"{raw * 1e6:,.1f} us"]
            + [f"{results[v][0] * 1e6:,.1f} us ({results[v][1]:.3f}x)" for v in VARIANTS[1:]]
            + [f"{check * 1e6:.2f} us ({1 + check / raw:.4f}x)"]
        )
        lines.append(f"| ({n}, {c}) | " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 61")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    rounds = 5 if args.quick else 61
    allocator = "fixed glibc mmap/trim thresholds" if steady_allocator() else "default allocator"
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    lines = [
        "Forward+backward of `wce_guard.cross_entropy(logits, target, weight=w)` at each check "
        "level against raw `F.cross_entropy` (float32, class-index targets, a weight): median "
        f"time per call over {rounds} rounds of ~20 ms per variant, and in brackets the median "
        "over rounds of the time divided by raw's time in the same round "
        f"({allocator}; see bench/report.py).",
        "",
        *environment_lines("python -m bench.runtime_overhead"),
        "",
    ]
    for device in devices:
        lines += [*table(device, rounds), ""]
    wrapper = off_wrapper_seconds(rounds)
    lines.append(
        f"Level `off` adds {wrapper * 1e6:.2f} us to a call (forward only at (32, 10), paired "
        f"with raw over {rounds} rounds): {wrapper / 40e-6:.1%} of a 40 us fwd+bwd step."
    )
    if not args.no_write:
        replace_section(Path("BENCHMARKS.md"), "runtime_overhead", "\n".join(lines))


if __name__ == "__main__":
    main()
