"""The project's promises about itself: the README is what CI runs, examples run, style."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def quickstart_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quickstart", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quickstart_is_two_commands_that_ci_runs_verbatim():
    commands = quickstart_commands()
    assert len(commands) == 2
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    for command in commands:
        assert command in ci_lines, f"CI does not run the README's command: {command}"
    assert ci_lines.index(commands[0]) < ci_lines.index(commands[1])


def test_readme_shows_what_the_main_command_prints():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quickstart", 1)[1]
    shown = re.search(r"```text\n(.*?)```", section, re.DOTALL).group(1)
    command = quickstart_commands()[0].split(" && ")[-1].split()
    assert command[:2] == [".venv/bin/wce-guard", "lint"]
    result = subprocess.run(
        [sys.executable, "-m", "wce_guard", *command[1:], "--no-cache"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown


@pytest.mark.parametrize("script", ["buggy_train.py", "fixed_train.py"])
def test_buggy_and_fixed_examples_run(script):
    result = subprocess.run(
        [sys.executable, f"examples/{script}"], capture_output=True, text=True, timeout=300,
        cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("loss ")


def test_example_trains_and_the_weights_help_the_rare_classes():
    result = subprocess.run(
        [sys.executable, "examples/train_imbalanced.py", "--epochs", "6", "--device", "cpu"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    means = [float(line.split()[-1]) for line in result.stdout.splitlines()
             if line.startswith(("plain", "weighted"))]  # fmt: skip
    plain, weighted = means
    assert weighted > plain  # mean recall over classes: what the weights are for


def test_cost_sensitive_example_runs_and_prints_its_table():
    result = subprocess.run(
        [sys.executable, "examples/cost_sensitive_digits.py", "--quick"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = [line.split(" | ")[0] for line in result.stdout.splitlines() if line.startswith("| ")]
    assert rows[:4] == ["| loss", "| cross-entropy", "| weighted CE (w[i] = 20)", "| RWWCE"]
    assert rows[4:] == ["| pair i -> j", "| 3 -> 8", "| 9 -> 3"]
    assert "RWWCE against cross-entropy, run by run" in result.stdout


def test_ruff_is_clean():
    pytest.importorskip("ruff")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_files_the_readme_names_exist():
    readme = (ROOT / "README.md").read_text()
    named = set(re.findall(r"`?\b([A-Z][A-Z_]*\.md)\b`?", readme))
    assert named, "the README names no document"
    assert all((ROOT / name).is_file() for name in named), named


def test_the_declared_license_is_in_the_project():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == {"text": "MIT"}
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the wce-guard authors\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_sarif_names_no_page_that_does_not_exist():
    # wce-guard is not on the package index: the log must not send readers to a page there.
    from wce_guard.lint import report

    driver = json.loads(report.sarif([], 0))["runs"][0]["tool"]["driver"]
    assert "pypi.org" not in json.dumps(driver)
