"""Overhead of the checked cross-entropy against raw ``F.cross_entropy``, per check level.

    python -m bench.runtime_overhead            # CPU; also CUDA when available
    python -m bench.runtime_overhead --quick    # fewer rounds, for a smoke run

Times forward+backward of each variant at several (N, C), in interleaved rounds (raw, off,
shapes, full, raw, off, ...) so that machine noise hits every variant alike, and reports the
median per call and its ratio to raw measured in the same run. Writes the table into
BENCHMARKS.md between the markers of this benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import torch
import torch.nn.functional as F

import wce_guard as wg
from bench.report import environment_lines, replace_section

SIZES = [(32, 10), (256, 100), (1024, 1000), (8192, 1000)]
VARIANTS = ["raw", "off", "shapes", "full"]


def seconds_per_call(
    variant: str, step: Callable[[], None], calls: int, synchronize: Callable[[], None]
) -> float:
    level = "off" if variant == "raw" else variant  # raw does not call wce_guard at all
    with wg.checks(level):
        synchronize()
        start = time.perf_counter()
        for _ in range(calls):
            step()
        synchronize()
    return (time.perf_counter() - start) / calls


def measure(device: str, n: int, c: int, rounds: int) -> dict[str, float]:
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(n, c, generator=generator).to(device).requires_grad_()
    target = torch.randint(0, c, (n,), generator=generator).to(device)
    weight = torch.rand(c, generator=generator).add_(0.1).to(device)
    synchronize = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    steps = {
        variant: (
            (lambda: F.cross_entropy(logits, target, weight=weight).backward())
            if variant == "raw"
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
    for _ in range(rounds):
        for variant, step in steps.items():
            samples[variant].append(seconds_per_call(variant, step, calls, synchronize))
    return {variant: statistics.median(times) for variant, times in samples.items()}


def table(device: str, rounds: int) -> list[str]:
    lines = [
        f"| {device} (N, C) | raw fwd+bwd | off | shapes (default) | full |",
        "| --- | --- | --- | --- | --- |",
    ]
    for n, c in SIZES:
        medians = measure(device, n, c, rounds)
        raw = medians["raw"]
        cells = [f"{raw * 1e6:,.1f} us"] + [
            f"{medians[v] * 1e6:,.1f} us ({medians[v] / raw:.3f}x)" for v in VARIANTS[1:]
        ]
        lines.append(f"| ({n}, {c}) | " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 31")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    rounds = 5 if args.quick else 31
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    lines = [
        "Forward+backward of `wce_guard.cross_entropy(logits, target, weight=w)` at each check "
        "level against raw `F.cross_entropy` (float32, class-index targets, a weight), median "
        f"of {rounds} interleaved rounds of ~20 ms each; the ratio is to raw in the same run.",
        "",
        *environment_lines("python -m bench.runtime_overhead"),
        "",
    ]
    for device in devices:
        lines += [*table(device, rounds), ""]
    if not args.no_write:
        replace_section(Path("BENCHMARKS.md"), "runtime_overhead", "\n".join(lines))


if __name__ == "__main__":
    main()
