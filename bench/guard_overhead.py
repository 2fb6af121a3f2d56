"""Overhead of ``wce-guard run``: a 200-step training loop at (256, 100), plain and guarded.

    python -m bench.guard_overhead            # writes its table to BENCHMARKS.md
    python -m bench.guard_overhead --quick    # fewer rounds: a smoke run

The same script (a two-layer classifier, Adam, ``nn.CrossEntropyLoss`` with class weights)
runs as ``python train.py`` and as ``python -m wce_guard run [--level L] train.py``, in rounds
of every variant in a new random order. The script times its own loop, so the table shows the
loop's median time and the median over rounds of its ratio to the plain run of the same round;
the whole process (interpreter start, imports) is shown as well.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import environment_lines, replace_section

SCRIPT = """
import time
import torch

torch.manual_seed(0)
features, target = torch.randn(256, 64), torch.randint(0, 100, (256,))
model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 100))
criterion = torch.nn.CrossEntropyLoss(weight=torch.rand(100) + 0.5)
optimiser = torch.optim.Adam(model.parameters())
start = time.perf_counter()
for step in range(200):
    optimiser.zero_grad()
    criterion(model(features), target).backward()
    optimiser.step()
print(time.perf_counter() - start)
"""

VARIANTS = {
    "python train.py": [],
    "python train.py (again: the noise floor)": [],
    "wce-guard run train.py (level shapes)": ["-m", "wce_guard", "run"],
    "wce-guard run --level off train.py": ["-m", "wce_guard", "run", "--level", "off"],
    "wce-guard run --level full train.py": ["-m", "wce_guard", "run", "--level", "full"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    arguments = parser.parse_args()
    rounds = 3 if arguments.quick else 11
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "train.py"
        script.write_text(SCRIPT)
        loop: dict[str, list[float]] = {name: [] for name in VARIANTS}
        process: dict[str, list[float]] = {name: [] for name in VARIANTS}
        order = list(VARIANTS)
        for _ in range(rounds):
            random.shuffle(order)
            for name in order:
                start = time.perf_counter()
                result = subprocess.run([sys.executable, *VARIANTS[name], str(script)],
                                        capture_output=True, text=True, check=True)  # fmt: skip
                process[name].append(time.perf_counter() - start)
                loop[name].append(float(result.stdout.split()[-1]))
    baseline = "python train.py"
    lines = ["### wce-guard run: 200 training steps at (256, 100)", "",
             *environment_lines("python -m bench.guard_overhead"), "",
             "| variant | loop, median | loop ratio | whole process, median | process ratio |",
             "|---|---:|---:|---:|---:|"]  # fmt: skip
    for name in VARIANTS:
        loop_ratio = statistics.median(
            a / b for a, b in zip(loop[name], loop[baseline], strict=True)
        )
        process_ratio = statistics.median(
            a / b for a, b in zip(process[name], process[baseline], strict=True)
        )
        lines.append(
            f"| {name} | {statistics.median(loop[name]) * 1e3:.0f} ms | {loop_ratio:.3f}x | "
            f"{statistics.median(process[name]):.2f} s | {process_ratio:.3f}x |"
        )
    print("\n".join(lines))
    if not arguments.quick:
        replace_section(Path(__file__).parent.parent / "BENCHMARKS.md", "guard_overhead",
                        "\n".join(lines))  # fmt: skip


if __name__ == "__main__":
    main()
