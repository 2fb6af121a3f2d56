"""The linter on real trees and under concurrency: a bounded sample of the standard library,
the bundled examples after --fix, and two --fix runs at once on one tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from bench.sweep import check_fix, check_tree, python_files

ROOT = Path(__file__).resolve().parents[2]
STDLIB = Path(sysconfig.get_paths()["stdlib"])


def test_a_sample_of_the_standard_library():
    """Every 15th module plus the test suite's deliberately broken ones: no internal error,
    WCE001 on exactly the files Python refuses, and --fix keeps its promises."""
    files = python_files(STDLIB)
    broken = [f for f in files if f.name.startswith(("badsyntax", "bad_coding"))]
    sample = sorted(set(files[::15] + broken))
    lint = check_tree(sample)
    assert lint["errors"] == []
    assert lint["wce001_wrong"] == []
    assert lint["refused"] >= len(broken) > 0
    assert check_fix(STDLIB, sample)["problems"] == []


def test_a_long_implicit_string_concatenation_is_linted(tmp_path):
    """pydoc's topics: thousands of literals that nest one level each in libcst's tree, in a
    file a rule's prefilter lets through (its text shows counts)."""
    pieces = "\n".join(
        f"    'line {i} of the help text, counts = np.bincount(y) / 2'" for i in range(3000)
    )
    (tmp_path / "topics.py").write_text(f"topics = (\n{pieces}\n)\n")
    lint = check_tree([tmp_path / "topics.py"])
    assert lint["errors"] == [] and lint["wce001_wrong"] == []


def test_the_examples_still_run_after_fix(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    wce_guard = [sys.executable, "-m", "wce_guard", "lint", "--no-cache"]
    before = subprocess.run([*wce_guard, "examples"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    fixed = subprocess.run([*wce_guard, "--fix", "examples"], cwd=tmp_path, capture_output=True,
                           text=True, timeout=120)  # fmt: skip
    assert "Found 5 findings" in before.stdout
    assert "fixed" in fixed.stdout.lower() or fixed.stdout.count("WCE") < 5, fixed.stdout
    for script in ("buggy_train.py", "fixed_train.py"):
        result = subprocess.run([sys.executable, script], cwd=tmp_path / "examples",
                                capture_output=True, text=True, timeout=300)  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "examples" / "buggy_train.py").read_text() != (
        ROOT / "examples" / "buggy_train.py"
    ).read_text()


@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_fix_and_lint_runs_corrupt_nothing(tmp_path, attempt):
    """Two --fix runs and two plain runs (which write the cache) at once on one tree.
    Files and cache entries are written to a temporary file and renamed into place, so each
    file ends as one whole fixed text and every cache entry is whole JSON."""
    corpus = ROOT / "tests" / "lint" / "corpus"
    tree, expected, cache = tmp_path / "tree", tmp_path / "expected", tmp_path / "cache"
    shutil.copytree(corpus, tree)
    shutil.copytree(corpus, expected)
    lint = [sys.executable, "-m", "wce_guard", "lint", "--exit-zero", "."]
    subprocess.run([*lint, "--fix", "--no-cache"], cwd=expected, capture_output=True,
                   timeout=300, check=True)  # fmt: skip
    environment = {**os.environ, "WCE_GUARD_CACHE_DIR": str(cache)}
    runs = [
        subprocess.Popen(
            [*lint, *options],
            cwd=tree,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for options in (["--fix"], [], ["--fix"], [])
    ]
    for run in runs:
        _, errors = run.communicate(timeout=300)
        assert run.returncode == 0, errors.decode()
    for file in python_files(expected):
        relative = file.relative_to(expected)
        assert (tree / relative).read_bytes() == file.read_bytes(), relative
    assert not list(tree.rglob(".wce-guard-*")), "a temporary file was left behind"
    entries = [entry for entry in cache.rglob("*") if entry.is_file()]
    assert entries, "the plain runs wrote no cache"
    for entry in entries:
        assert not entry.name.startswith(".tmp-"), entry
        if entry.name != ".gitignore":
            json.loads(entry.read_text())
