"""The files of a run: what one file takes from another, and which files get parsed."""

import ast

from wce_guard.lint import engine, prefilter
from wce_guard.lint.analysis import Program
from wce_guard.lint.rules import ALL_RULES

CODES = frozenset(rule.code for rule in ALL_RULES)
LAYERS = (
    "from torch import nn\n"
    "class Head(nn.Module):\n"
    "    def forward(self, x):\n"
    "        return x.softmax(1)\n"
)
NET = (
    "import torch.nn.functional as F\n"
    "from torch import nn\n"
    "from layers import Head\n"
    "class Net(nn.Module):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.fc = nn.Linear(8, 3)\n"
    "        self.head = Head()\n"
    "    def forward(self, x, y):\n"
    "        probs = self.head(x)\n"
    "        return F.cross_entropy({input}, y)\n"
)


def lint(files: dict[str, str], unit: str):
    program = Program(files, files.get)
    implied = prefilter.implied_words(files, program.sources(unit, used=True), ALL_RULES)
    result = engine.lint_text(files[unit], unit, CODES, program=program, implied=implied)
    return result, {facts.display for facts in program.modules()}


def test_a_class_of_another_file_is_read_when_its_value_reaches_a_loss():
    result, parsed = lint({"layers.py": LAYERS, "net.py": NET.format(input="probs")}, "net.py")
    assert [(d.line, d.code) for d in result.diagnostics] == [(11, "WCE101")]
    assert "softmax at layers.py:4" in result.diagnostics[0].message
    assert parsed == {"net.py", "layers.py"}


def test_a_class_of_another_file_that_nothing_needs_is_never_parsed():
    result, parsed = lint({"layers.py": LAYERS, "net.py": NET.format(input="self.fc(x)")}, "net.py")
    assert result.diagnostics == []
    assert parsed == {"net.py"}


def test_names_a_package_re_exports_are_found_where_they_are_defined():
    files = {
        "pkg/__init__.py": "from .layers import Head as Classifier\n",
        "pkg/layers.py": LAYERS,
        "net.py": NET.replace("from layers import Head", "from pkg import Classifier")
        .replace("Head()", "Classifier()")
        .format(input="probs"),
    }
    result, parsed = lint(files, "net.py")
    assert [(d.line, d.code) for d in result.diagnostics] == [(11, "WCE101")]
    assert "pkg/__init__.py" not in parsed  # read as text only


def test_facts_alone_have_no_other_files():
    program = Program((), lambda display: None)
    facts = program.unit("a.py", "x = 1\n", ast.parse("x = 1\n"))
    assert program.definition("models.Net", 0) is None
    assert facts.loss_calls() == []
