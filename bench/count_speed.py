"""Is ``count_classes`` limited by the data loader or by the counting? 1,000,000 labels.

    python -m bench.count_speed            # writes its table to BENCHMARKS.md
    python -m bench.count_speed --quick    # 100,000 labels, fewer rounds: a smoke run

Each scenario has a baseline that reads the data exactly as counting does, and does nothing
with it; the variants also count. Rounds time every variant once, in a new random order, and
the table shows the median time and the median over rounds of each variant's time divided
by the baseline's time in the same round (paired ratios: the machine is noisy).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch
from torch.utils.data import DataLoader, TensorDataset

import wce_guard as wg
from bench.report import environment_lines, replace_section, steady_allocator

CLASSES = 100
BATCH = 256


def scenarios(size: int) -> dict[str, dict[str, Callable[[], object]]]:
    """Per scenario: the baseline first, then the variants that count."""
    generator = torch.Generator().manual_seed(0)
    labels = torch.randint(0, CLASSES, (size,), generator=generator)
    dataset = TensorDataset(torch.randn(size, 16, generator=generator), labels)
    loader = DataLoader(dataset, batch_size=BATCH)
    batches = [batch.clone() for batch in labels.split(BATCH)]

    def read(items) -> None:
        for _ in items:
            pass

    def with_progress_bar() -> None:
        with open(os.devnull, "w") as devnull, contextlib.redirect_stderr(devnull):
            wg.count_classes(loader, CLASSES, progress=True)

    sample_labels = [dataset[i][1] for i in range(size)]  # what dataset[i] yields, 0-d tensors
    return {
        f"DataLoader(TensorDataset, batch_size={BATCH})": {
            "read the loader": lambda: read(loader),
            "count_classes(loader)": lambda: wg.count_classes(loader, CLASSES),
            "count_classes(loader), progress bar": with_progress_bar,
            "counting alone: the same label batches, in memory": lambda: wg.count_classes(
                batches, CLASSES, target=None
            ),
        },
        "map-style Dataset, one sample at a time": {
            "dataset[i] for every i": lambda: read(dataset[i] for i in range(len(dataset))),
            "count_classes(dataset)": lambda: wg.count_classes(dataset, CLASSES),
            "counting alone: the same labels, in memory": lambda: wg.count_classes(
                sample_labels, CLASSES, target=None
            ),
        },
        f"one tensor of {size:,} labels": {
            "torch.bincount(y, minlength=C)": lambda: torch.bincount(labels, minlength=CLASSES),
            "class_counts(y, C)": lambda: wg.class_counts(labels, CLASSES),
        },
    }


def measure(variants: dict[str, Callable[[], object]], rounds: int) -> dict[str, tuple]:
    """Per variant: (median seconds, median paired ratio to the first variant)."""
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(rounds):
        order = random.sample(names, len(names))
        for name in order:
            start = time.perf_counter()
            variants[name]()
            times[name].append(time.perf_counter() - start)
    baseline = times[names[0]]
    return {
        name: (
            statistics.median(times[name]),
            statistics.median(t / b for t, b in zip(times[name], baseline, strict=True)),
        )
        for name in names
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 labels, 3 rounds")
    arguments = parser.parse_args()
    size, rounds = (100_000, 3) if arguments.quick else (1_000_000, 7)
    steady_allocator()
    command = "python -m bench.count_speed" + (" --quick" if arguments.quick else "")

    lines = [
        f"### Counting classes: {size:,} labels, {CLASSES} classes",
        "",
        *environment_lines(command),
        f"- median of {rounds} rounds; ratio: median of per-round time / baseline's time",
        "",
        "| scenario | variant | time | ratio to baseline |",
        "| --- | --- | --- | --- |",
    ]
    for scenario, variants in scenarios(size).items():
        for variant in variants.values():
            variant()  # warm-up
        results = measure(variants, rounds)
        for i, (name, (seconds, ratio)) in enumerate(results.items()):
            label = f"{name} (baseline)" if i == 0 else name
            per_label = seconds / size * 1e9
            lines.append(
                f"| {scenario if i == 0 else ''} | {label} | {seconds * 1e3:,.1f} ms "
                f"({per_label:,.0f} ns/label) | {ratio:.3f}x |"
            )
            print(lines[-1], file=sys.stderr)
    if arguments.quick:
        print("\n".join(lines))
        return
    benchmarks = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
    replace_section(benchmarks, "count_speed", "\n".join(lines))


if __name__ == "__main__":
    main()
