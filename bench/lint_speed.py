"""Linter speed on real PyTorch code: wce-guard cold and warm against TorchFix, in one run.

    python -m bench.lint_speed           # writes its table to BENCHMARKS.md (about 3 minutes)
    python -m bench.lint_speed --quick   # wce-guard and ruff only, no TorchFix

The corpus is the source of pinned wheels from the package index (``pip download --no-deps``,
unpacked into bench/.corpus/). TorchFix is installed into its own environment
(bench/.venv-torchfix/), so its pinned libcst does not meet ours. Every tool runs as a
command, as users run it, start-up included. wce-guard and ruff: median of 5 runs; TorchFix:
one run (it takes a minute or more); transformers (the large corpus): median of 3 runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.report import environment_lines, replace_section

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / ".corpus"
TORCHFIX_VENV = ROOT / "bench" / ".venv-torchfix"
PACKAGES = {"timm": "1.0.15"}
LARGE = {"transformers": "4.46.3"}  # the second goal: cold under 20 s on two cores
TORCHFIX = "torchfix==0.7.0"
BIN = Path(sys.executable).parent


def corpus(packages: dict[str, str] = PACKAGES) -> Path:
    """Download and unpack the pinned wheels' Python files, once."""
    for name, version in packages.items():
        folder = CORPUS / f"{name}-{version}"
        if folder.exists():
            continue
        with tempfile.TemporaryDirectory() as download:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "--only-binary", ":all:", f"{name}=={version}", "-d", download],
                check=True,
            )  # fmt: skip
            wheel = next(Path(download).glob("*.whl"))
            with zipfile.ZipFile(wheel) as archive:
                members = [m for m in archive.namelist() if m.endswith(".py")]
                archive.extractall(folder, members)
    return CORPUS


def torchfix() -> Path:
    executable = TORCHFIX_VENV / "bin" / "torchfix"
    if not executable.exists():
        subprocess.run([sys.executable, "-m", "venv", str(TORCHFIX_VENV)], check=True)
        subprocess.run(
            [str(TORCHFIX_VENV / "bin" / "pip"), "install", "--quiet", TORCHFIX], check=True
        )
    return executable


def seconds(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise RuntimeError(f"{command[0]} failed: {result.stderr[-2000:]}")
    return elapsed


def median_seconds(command: list[str], runs: int, env: dict | None = None) -> float:
    return statistics.median(seconds(command, env) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip TorchFix; print only")
    arguments = parser.parse_args()
    corpus()
    folder = CORPUS / "timm-1.0.15"
    files = list(folder.rglob("*.py"))
    lines = sum(path.read_bytes().count(b"\n") for path in files)
    cache = Path(tempfile.mkdtemp(prefix="wce-guard-bench-cache-"))
    warm_env = {**os.environ, "WCE_GUARD_CACHE_DIR": str(cache)}
    wce_guard = [str(BIN / "wce-guard"), "lint", "--exit-zero", str(folder)]
    parse_all = [
        sys.executable, "-c",
        "import sys, pathlib, libcst\n"
        "for p in pathlib.Path(sys.argv[1]).rglob('*.py'): libcst.parse_module(p.read_text())",
        str(folder),
    ]  # fmt: skip
    ast_parse_all = [
        sys.executable, "-c",
        "import sys, pathlib, ast\n"
        "for p in pathlib.Path(sys.argv[1]).rglob('*.py'): ast.parse(p.read_bytes())",
        str(folder),
    ]  # fmt: skip
    results = {
        "wce-guard lint, cold (--no-cache)": median_seconds([*wce_guard, "--no-cache"], 5),
    }
    seconds(wce_guard, warm_env)  # fills the cache
    results["wce-guard lint, warm (unchanged files, cache)"] = median_seconds(
        wce_guard, 5, warm_env
    )
    results["wce-guard lint, cold, one process (--jobs 1)"] = median_seconds(
        [*wce_guard, "--no-cache", "--jobs", "1"], 3
    )
    ruff = [str(BIN / "ruff"), "check", "--select", "ALL", "--no-cache", "--exit-zero",
            "--quiet", str(folder)]  # fmt: skip
    results["ruff check --select ALL (reference)"] = median_seconds(ruff, 5)
    results["a bare libcst parse of every file (reference)"] = median_seconds(parse_all, 1)
    results["a bare ast parse of every file (reference)"] = median_seconds(ast_parse_all, 3)
    if not arguments.quick:
        results["TorchFix 0.7.0 (baseline)"] = seconds([str(torchfix()), str(folder)])
    shutil.rmtree(cache, ignore_errors=True)
    corpus(LARGE)
    large = CORPUS / "transformers-4.46.3"
    large_command = [str(BIN / "wce-guard"), "lint", "--exit-zero", "--no-cache", str(large)]
    large_cold = median_seconds(large_command, 3)

    baseline = results.get("TorchFix 0.7.0 (baseline)")
    table = [
        f"### Linter speed: {', '.join(f'{n} {v}' for n, v in PACKAGES.items())} "
        f"({len(files)} files, {lines:,} lines)",
        "",
        *environment_lines("python -m bench.lint_speed" + (" --quick" if arguments.quick else "")),
        "- wce-guard and ruff: median of 5 runs (3 for --jobs 1 and for transformers); libcst "
        "parse and TorchFix: 1 run; ast parse: median of 3",
        "",
        "| tool | time | files/s | lines/s | this / ruff | TorchFix time / this time |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    ruff_time = results["ruff check --select ALL (reference)"]
    for name, elapsed in results.items():
        speedup = f"{baseline / elapsed:,.1f}x" if baseline else "n/a"
        table.append(
            f"| {name} | {elapsed:.2f} s | {len(files) / elapsed:,.0f} | {lines / elapsed:,.0f} "
            f"| {elapsed / ruff_time:.2f}x | {speedup} |"
        )
    table += [
        "",
        f"transformers 4.46.3 ({sum(1 for _ in large.rglob('*.py'))} files), wce-guard lint "
        f"cold (--no-cache), median of 3 runs: {large_cold:.1f} s (the goal: under 20 s)",
    ]
    print("\n".join(table))
    if not arguments.quick:
        replace_section(ROOT / "BENCHMARKS.md", "lint_speed", "\n".join(table))


if __name__ == "__main__":
    main()
