"""The pre-commit hook, run by pre-commit itself against this repository."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
BUGGY = "import torch.nn.functional as F\nloss = F.cross_entropy(F.softmax(z, dim=1), y)\n"
FIXED = "import torch.nn.functional as F\nloss = F.cross_entropy(z, y)\n"

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="needs pre-commit and git"
)


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_hook_fails_on_a_bug_and_passes_after_the_fix(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    git("init", "-q", cwd=project)
    (project / "train.py").write_text(BUGGY)
    git("add", "train.py", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("VIRTUAL_ENV", None)

    def hook():
        return subprocess.run(
            [str(PRE_COMMIT), "try-repo", str(ROOT), "wce-guard", "--files", "train.py"],
            cwd=project, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip

    failing = hook()
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "train.py:2:8: WCE101" in failing.stdout

    (project / "train.py").write_text(FIXED)
    git("add", "train.py", cwd=project)
    passing = hook()
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_installing_the_hook_installs_no_torch():
    """pre-commit installs a `language: python` hook with `pip install .`: resolve exactly that."""
    report = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--report", "-", str(ROOT)],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    names = {item["metadata"]["name"].lower() for item in json.loads(report.stdout)["install"]}
    assert {"wce-guard", "libcst", "click"} <= names
    assert not {"torch", "beartype", "jaxtyping"} & names  # runtime-only: the torch extra
