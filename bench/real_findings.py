"""Every finding of the linter on real code: pinned wheels of PyTorch libraries that train.

    python -m bench.real_findings               # lint them all; write into BENCHMARKS.md
    python -m bench.real_findings --no-write    # the same, printed only
    python -m bench.real_findings --only monai  # one package (repeatable); printed only

Each package is the source of one pinned wheel from the package index (``pip download
--no-deps --only-binary :all:``, for CPython 3.11 on manylinux x86-64, so that every machine
gets the same files), of which only the .py files are unpacked into bench/.corpus/NAME-VERSION/
(shared with bench.lint_speed). A package is linted cold (``--no-cache``), with every rule,
in its own process, as a user runs the command; its seconds include that start-up.

Precision is checked by hand: each finding listed here gets a verdict, true or false
positive, in the prose above the list in BENCHMARKS.md; a false positive becomes a negative
test case (tests/lint/corpus/) and a fix.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.lint_speed import BIN, CORPUS, ROOT
from bench.report import environment_lines, replace_section

# Pinned: a new release changes the code, so the findings, so the verdicts. Libraries with
# training loops, losses and classification heads; versions that exist as pure-Python wheels
# (torchvision and torchaudio: cp311 / py3 manylinux wheels, of which only the .py files are
# used). lightning (the umbrella package) is left out: it bundles pytorch-lightning's code.
PACKAGES = {
    "timm": "1.0.15",
    "transformers": "4.46.3",
    "torchvision": "0.29.1",
    "torchaudio": "2.11.1",
    "pytorch-lightning": "2.6.6",
    "pytorch-ignite": "0.5.5",
    "mosaicml": "0.32.1",
    "fastai": "2.8.12",
    "skorch": "1.4.0",
    "monai": "1.6.1",
    "torchgeo": "0.8.1",
    "segmentation-models-pytorch": "0.6.0",
    "kornia": "0.9.0",
    "mmpretrain": "1.2.0",
    "speechbrain": "1.1.2",
    "flair": "0.15.1",
    "pytorch-tabnet": "4.1.0",
    "pytorch-metric-learning": "2.9.0",
}
# The wheel tags asked for, whatever machine runs this: the same wheel, so the same files.
TARGET = ["--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
          "--platform", "manylinux_2_28_x86_64"]  # fmt: skip
MARKER = ".wheel"  # in a complete folder: the name of the wheel it was unpacked from
SECTION = "real_findings"
COMMAND = "python -m bench.real_findings"


@dataclass
class Result:
    name: str
    version: str
    files: int = 0  # .py files unpacked
    lines: int = 0  # their lines
    checked: int = 0  # files the linter read (it skips folders such as build/ and env/)
    seconds: float = 0.0
    diagnostics: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the linter's own failures
    failure: str | None = None  # why the package could not be fetched or linted

    @property
    def label(self) -> str:
        return f"{self.name}-{self.version}"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def fetch(name: str, version: str) -> Path:
    """The folder of the pinned wheel's .py files, downloaded and unpacked once.

    The files are unpacked next to the folder and renamed into place, with a marker: an
    interrupted run leaves no half folder that a later run would take for the whole.
    """
    folder = CORPUS / f"{name}-{version}"
    if (folder / MARKER).is_file():
        return folder
    CORPUS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CORPUS, prefix=".download-") as scratch:
        download = Path(scratch) / "wheel"
        result = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary", ":all:", *TARGET, f"{name}=={version}", "-d", str(download)],
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            message = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise RuntimeError(f"pip download {name}=={version} failed: {message}")
        wheels = sorted(download.glob("*.whl"))
        if len(wheels) != 1:
            raise RuntimeError(f"pip download {name}=={version} gave {len(wheels)} wheels")
        unpacked = Path(scratch) / "unpacked"
        with zipfile.ZipFile(wheels[0]) as archive:
            members = [m for m in archive.namelist() if m.endswith(".py")]
            archive.extractall(unpacked, members)
        (unpacked / MARKER).write_text(wheels[0].name + "\n")
        if folder.exists():  # an older layout, or an interrupted run of bench.lint_speed
            shutil.rmtree(folder)
        unpacked.rename(folder)
    return folder


def wce_guard() -> list[str]:
    script = BIN / "wce-guard"
    return [str(script)] if script.exists() else [sys.executable, "-m", "wce_guard"]


def lint(result: Result, folder: Path, config: Path) -> None:
    files = sorted(folder.rglob("*.py"))
    result.files = len(files)
    result.lines = sum(path.read_bytes().count(b"\n") for path in files)
    command = [*wce_guard(), "lint", "--no-cache", "--exit-zero", "--format", "json",
               "--config", str(config), "."]  # fmt: skip
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, cwd=folder)
    result.seconds = time.perf_counter() - start
    try:
        report = json.loads(run.stdout)
    except ValueError:
        tail = (run.stderr.strip() or run.stdout.strip())[-2000:]
        result.failure = f"wce-guard exited {run.returncode} without a report: {tail}"
        return
    result.checked = report["files_checked"]
    result.diagnostics = sorted(
        report["diagnostics"], key=lambda d: (d["path"], d["line"], d["column"], d["code"])
    )
    # Exit 2: files the linter failed on (a bug of ours), named on standard error.
    result.errors = [
        line.removeprefix("wce-guard: ")
        for line in run.stderr.splitlines()
        if line.startswith("wce-guard: ")
    ]
    if run.returncode not in (0, 2) or (run.returncode == 2 and not result.errors):
        result.failure = f"wce-guard exited {run.returncode}: {run.stderr.strip()[-2000:]}"


def where(result: Result, diagnostic: dict) -> str:
    path = diagnostic["path"].removeprefix("./")
    cell = f"cell {diagnostic['cell']}:" if diagnostic.get("cell") is not None else ""
    return f"{result.label}/{path}:{cell}{diagnostic['line']}"


def render(results: list[Result], command: str) -> str:
    lines = [
        f"### Findings on {len(results)} packages",
        "",
        *environment_lines(command),
        "- each package: one `wce-guard lint --no-cache` process, every rule, default --jobs",
        "",
        "| package | files | lines | seconds (cold) | findings |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        if r.failure:
            lines.append(f"| {r.name} {r.version} | {r.files} | {r.lines:,} | n/a | failed |")
            continue
        files = f"{r.checked}" if r.checked == r.files else f"{r.checked} of {r.files}"
        errors = f" ({len(r.errors)} files failed)" if r.errors else ""
        lines.append(
            f"| {r.name} {r.version} | {files} | {r.lines:,} | {r.seconds:.1f} "
            f"| {len(r.diagnostics)}{errors} |"
        )
    done = [r for r in results if not r.failure]
    lines.append(
        f"| **all** | {sum(r.checked for r in done)} | {sum(r.lines for r in done):,} "
        f"| {sum(r.seconds for r in done):.1f} | {sum(len(r.diagnostics) for r in done)} |"
    )
    found = [f"- `{where(r, d)}` {d['code']} {d['message']}" for r in done for d in r.diagnostics]
    lines += ["", *(found or ["No findings."])]
    failed = [f"- `{r.label}`: {error}" for r in done for error in r.errors]
    failed += [f"- `{r.label}`: {r.failure}" for r in results if r.failure]
    if failed:
        lines += ["", "Failures (bugs of the linter or of the download, not findings):", *failed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="lint only this package of PACKAGES (repeatable); implies --no-write",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the section; leave BENCHMARKS.md alone"
    )
    arguments = parser.parse_args(argv)
    packages = dict(PACKAGES)
    if arguments.only:
        wanted = {normalise(name) for name in arguments.only}
        unknown = wanted - {normalise(name) for name in PACKAGES}
        if unknown:
            parser.error(f"not in PACKAGES: {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(PACKAGES)}")  # fmt: skip
        packages = {n: v for n, v in PACKAGES.items() if normalise(n) in wanted}

    results = []
    with tempfile.TemporaryDirectory(prefix="wce-guard-real-findings-") as scratch:
        # The configuration is named, so a [tool.wce-guard] table of this repository (found
        # upward from bench/.corpus/) cannot narrow the rules or exclude files.
        config = Path(scratch) / "pyproject.toml"
        config.write_text("[tool.wce-guard]\n")
        for name, version in packages.items():
            result = Result(name, version)
            print(f"{result.label}: ", end="", file=sys.stderr, flush=True)
            try:
                folder = fetch(name, version)
            except (RuntimeError, OSError, zipfile.BadZipFile) as error:
                result.failure = str(error)
            else:
                lint(result, folder, config)
            results.append(result)
            print(
                result.failure
                or f"{result.checked} files, {len(result.diagnostics)} findings, "
                f"{result.seconds:.1f} s",
                file=sys.stderr,
            )

    command = COMMAND + "".join(f" --only {name}" for name in packages if arguments.only)
    body = render(results, command)
    print(body)
    failed = any(r.failure or r.errors for r in results)
    if arguments.no_write or arguments.only:
        return 1 if failed else 0
    if failed:
        print("not written to BENCHMARKS.md: a package failed", file=sys.stderr)
        return 1
    replace_section(ROOT / "BENCHMARKS.md", SECTION, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
