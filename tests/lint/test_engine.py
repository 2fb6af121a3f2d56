"""The engine: notebooks, the cache, parallel linting, the Python API."""

import json
import os

import pytest

from wce_guard.lint import cache as cache_module
from wce_guard.lint import engine, lint_paths, lint_source, load

BUGGY = (
    "import torch\n"
    "import torch.nn.functional as F\n"
    "probs = F.softmax(model(x), dim=1)\n"
    "loss = F.cross_entropy(probs, y)\n"
)


def notebook(*cells: tuple[str, str]) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": kind, "source": source.splitlines(keepends=True), "metadata": {}}
                for kind, source in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WCE_GUARD_CACHE_DIR", str(tmp_path / ".cache"))
    return tmp_path


def test_notebook_findings_carry_cell_and_line():
    text = notebook(
        ("markdown", "# Training\nSome *text*.\n"),
        ("code", "%matplotlib inline\nimport torch.nn.functional as F\n"),
        ("code", "!pip install torch\nfiles = !ls\nF.softmax?\nprobs = F.softmax(z, 1)\n"),
        ("code", "%%bash\necho this is not python (\n"),
        ("code", "for i in range(3):\n    %time step()\nloss = F.cross_entropy(probs, y)\n"),
    )
    found = lint_source(text, "train.ipynb").diagnostics
    assert [(d.code, d.cell, d.line, d.column) for d in found] == [("WCE101", 5, 3, 8)]


def test_notebook_syntax_error_is_located_in_its_cell():
    text = notebook(("code", "import torch\n"), ("code", "x = 1\ndef f(:\n"))
    found = lint_source(text, "train.ipynb").diagnostics
    assert [(d.code, d.cell, d.line) for d in found] == [("WCE001", 2, 2)]
    assert found[0].message.startswith("cannot lint this cell: syntax error")


def test_a_broken_cell_leaves_the_other_cells_linted():
    # Jupyter compiles each cell alone: the others run (bkitano/llama-from-scratch has a cell
    # with two comprehensions in one list and a model in a later cell)
    text = notebook(
        ("code", "import torch.nn.functional as F\n"),
        ("code", "heads = [\n    h(c) for _ in r\n    g(c) for _ in r\n]\n"),
        ("code", "probs = F.softmax(z, 1)\nloss = F.cross_entropy(probs, y)\n"),
    )
    found = lint_source(text, "train.ipynb").diagnostics
    assert sorted((d.code, d.cell, d.line) for d in found) == [
        ("WCE001", 2, 3),
        ("WCE101", 3, 2),
    ]


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"cells": 3}'])
def test_not_a_notebook_is_wce001(text):
    found = lint_source(text, "broken.ipynb").diagnostics
    assert [d.code for d in found] == ["WCE001"]


def test_notebook_in_json_output(project):
    (project / "train.ipynb").write_text(
        notebook(("code", "import torch.nn.functional as F\n"), ("code", BUGGY))
    )
    run = lint_paths(["."], load(project))
    assert [(d.path, d.cell, d.line) for d in run.diagnostics] == [("train.ipynb", 2, 4)]


def test_unchanged_files_are_not_linted_again(project, monkeypatch):
    (project / "a.py").write_text(BUGGY)
    (project / "b.py").write_text("x = 1\n")
    settings = load(project)
    first = lint_paths(["."], settings, jobs=1)

    linted = []
    original = engine.lint_text
    monkeypatch.setattr(
        "wce_guard.lint.lint_text",
        lambda text, path, *a, **k: linted.append(path) or original(text, path, *a, **k),
    )
    monkeypatch.setattr(
        engine,
        "lint_text",
        lambda text, path, *a, **k: linted.append(path) or original(text, path, *a, **k),
    )
    second = lint_paths(["."], settings, jobs=1)
    assert linted == []
    assert second.diagnostics == first.diagnostics

    (project / "a.py").write_text(BUGGY + "# changed\n")
    lint_paths(["."], settings, jobs=1)
    assert linted == ["a.py"]

    linted.clear()
    lint_paths(["."], load(project, select="WCE102"), jobs=1)  # other rules: other results
    assert sorted(linted) == ["a.py", "b.py"]


def test_cache_key_depends_on_version_path_rules_context_and_bytes(monkeypatch):
    key = cache_module.Cache.key
    base = key(b"x", "a.py", "WCE101", "")
    assert base != key(b"y", "a.py", "WCE101", "")
    assert base != key(b"x", "b.py", "WCE101", "")
    assert base != key(b"x", "a.py", "WCE102", "")
    assert base != key(b"x", "a.py", "WCE101", "other files changed")
    monkeypatch.setattr(cache_module, "__version__", "9.9.9")
    assert base != key(b"x", "a.py", "WCE101", "")


MODELS = (
    "import torch\nfrom torch import nn\n"
    "class Net(nn.Module):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.fc = nn.Linear(8, 3)\n"
    "    def forward(self, x):\n"
    "        return self.fc(x).softmax(dim=1)\n"
)


@pytest.mark.parametrize(
    ("layout", "train"),
    [
        ({"models.py": MODELS}, "from models import Net\n"),
        ({"models.py": MODELS}, "import models as m\nNet = m.Net\n"),
        ({"pkg/__init__.py": "", "pkg/models.py": MODELS}, "from pkg.models import Net\n"),
        ({"pkg/__init__.py": "", "pkg/models.py": MODELS}, "from .models import Net\n"),
        (
            {"pkg/__init__.py": "from .models import Net\n", "pkg/models.py": MODELS},
            "from pkg.models import Net\n",
        ),
    ],
)
def test_model_class_defined_in_another_file(project, layout, train):
    for name, text in layout.items():
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text(text)
    folder = "pkg/" if "pkg/models.py" in layout else ""
    trainer = (
        train
        + "from torch import nn\n"
        + "class Trainer:\n"
        + "    def __init__(self):\n"
        + "        self.model = Net()\n"
        + "        self.criterion = nn.CrossEntropyLoss()\n"
        + "    def step(self, x, y):\n"
        + "        return self.criterion(self.model(x), y)\n"
    )
    (project / f"{folder}train.py").write_text(trainer)
    run = lint_paths(["."], load(project))
    line = trainer.count("\n")
    assert [(d.path, d.code, d.line) for d in run.diagnostics] == [
        (f"{folder}train.py", "WCE101", line)
    ]


def test_a_change_in_another_file_invalidates_the_cache(project):
    (project / "models.py").write_text(MODELS)
    train = (
        "from models import Net\nimport torch.nn.functional as F\nF.cross_entropy(Net()(x), y)\n"
    )
    (project / "train.py").write_text(train)
    assert [d.code for d in lint_paths(["."], load(project)).diagnostics] == ["WCE101"]
    (project / "models.py").write_text(MODELS.replace(".softmax(dim=1)", ""))
    assert lint_paths(["."], load(project)).diagnostics == []
    (project / "models.py").write_text(MODELS)
    assert [d.code for d in lint_paths(["."], load(project)).diagnostics] == ["WCE101"]


def test_same_class_name_elsewhere_is_not_confused(project):
    (project / "models.py").write_text(MODELS)
    train = (
        "import torch.nn.functional as F\n"
        "from other import Net\n"  # another Net, not in the run
        "F.cross_entropy(Net()(x), y)\n"
    )
    (project / "train.py").write_text(train)
    assert lint_paths(["."], load(project)).diagnostics == []


def test_corrupt_cache_entry_is_a_miss(project):
    (project / "a.py").write_text(BUGGY)
    settings = load(project)
    expected = lint_paths(["."], settings).diagnostics
    for entry in (project / ".cache").rglob("*"):
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_text("{half an entr")
    assert lint_paths(["."], settings).diagnostics == expected


def test_cache_folder_is_ignored_by_git(project):
    (project / "a.py").write_text(BUGGY)
    lint_paths(["."], load(project))
    assert (project / ".cache" / ".gitignore").read_text().endswith("*\n")


def test_parallel_equals_serial(project, monkeypatch):
    for i in range(12):
        (project / f"m{i}.py").write_text(BUGGY * (i + 1))
    (project / "bad.py").write_text("import torch\nF.softmax(\n")
    settings = load(project)
    serial = lint_paths(["."], settings, jobs=1, use_cache=False)
    monkeypatch.setattr(engine, "_PARALLEL_THRESHOLD", 0)
    parallel = lint_paths(["."], settings, jobs=2, use_cache=False)
    assert parallel.diagnostics == serial.diagnostics
    assert len(serial.diagnostics) == sum(range(1, 13)) + 1


def test_a_crash_of_ours_is_reported_for_its_file_and_the_run_goes_on(project, monkeypatch):
    (project / "a.py").write_text(BUGGY)
    (project / "b.py").write_text(BUGGY)

    def broken(text, path, *args, **kwargs):
        if path == "a.py":
            raise RuntimeError("boom")
        return original(text, path, *args, **kwargs)

    original = engine.lint_text
    monkeypatch.setattr(engine, "lint_text", broken)
    run = lint_paths(["."], load(project), jobs=1, use_cache=False)
    assert run.errors == ["a.py: internal error: RuntimeError: boom"]
    assert {d.path for d in run.diagnostics} == {"b.py"}


def test_symlink_loop_fifo_and_directory_named_like_a_file(project):
    (project / "loop").mkdir()
    (project / "loop" / "again").symlink_to(project / "loop")
    (project / "x.py").mkdir()
    (project / "x.py" / "inner.py").write_text(BUGGY)
    os.mkfifo(project / "pipe.py")
    run = lint_paths(["."], load(project), use_cache=False)
    assert {d.path for d in run.diagnostics} == {"x.py/inner.py"}


def test_a_run_from_the_cache_never_imports_the_analysis_and_only_a_fix_imports_libcst(project):
    """What makes a warm run fast: importing the analysis (and libcst, which only fixes
    need) costs more than the rest of it."""
    import subprocess
    import sys

    (project / "a.py").write_text(BUGGY)
    script = (
        "import sys, pathlib\n"
        "from wce_guard.lint import lint_paths, load\n"
        "run = lint_paths(['.'], load(pathlib.Path('.')), jobs=1, fix=sys.argv[1] == 'fix')\n"
        "print(len(run.diagnostics), 'wce_guard.lint.analysis.facts' in sys.modules,\n"
        "      'libcst._nodes' in sys.modules)\n"
    )

    def run(mode: str = "check"):
        return subprocess.run(
            [sys.executable, "-c", script, mode], capture_output=True, text=True, check=True
        ).stdout.split()

    assert run() == ["1", "True", "False"]  # first run: analysed, nothing to rewrite
    assert run() == ["1", "False", "False"]  # unchanged: from the cache
    assert run("fix")[2] == "True"  # a fix rewrites the file with libcst
