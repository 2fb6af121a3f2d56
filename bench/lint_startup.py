"""Start-up of ``wce-guard lint`` on one small file, as an editor or a pre-commit hook runs it.

    python -m bench.lint_startup

Times the command (a new process each time, start-up included) on one small buggy file,
cold (no cache) and warm (the result cached), against ``python -c pass`` and ``ruff check``
on the same file, in rounds that run every variant once in a new random order. Reports the
median of each. Goal (issue "The linter where users meet it"): warm under 150 ms.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import environment_lines, replace_section

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ROUNDS = 21
SOURCE = (
    "import torch\nimport torch.nn.functional as F\n\n\n"
    "def step(model, x, y):\n"
    "    probs = model(x).softmax(dim=1)\n"
    "    return F.cross_entropy(probs, y)\n"
)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "train.py").write_text(SOURCE)
        cache = project / "cache"
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "ruff check train.py": [str(BIN / "ruff"), "check", "--no-cache", "train.py"],
            "wce-guard lint train.py, cold (--no-cache)": [
                str(BIN / "wce-guard"), "lint", "--no-cache", "train.py"],
            "wce-guard lint train.py, warm (cached)": [
                str(BIN / "wce-guard"), "lint", "--cache-dir", str(cache), "train.py"],
        }  # fmt: skip
        subprocess.run(
            commands["wce-guard lint train.py, warm (cached)"], cwd=project, capture_output=True
        )  # fmt: skip  (fills the cache)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(ROUNDS):
            for name in random.sample(list(commands), len(commands)):
                start = time.perf_counter()
                subprocess.run(commands[name], cwd=project, capture_output=True)
                times[name].append(time.perf_counter() - start)
    lines = [
        f"`wce-guard lint` on one 7-line file (a new process each run, start-up included): "
        f"median of {ROUNDS} rounds, variants in a new random order each round.",
        "",
        *environment_lines("python -m bench.lint_startup"),
        "",
        "| command | median |",
        "| --- | --- |",
        *(f"| {name} | {statistics.median(t) * 1000:.0f} ms |" for name, t in times.items()),
    ]
    replace_section(ROOT / "BENCHMARKS.md", "lint_startup", "\n".join(lines))


if __name__ == "__main__":
    main()
