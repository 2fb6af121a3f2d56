"""Findings on Python's ast, fixes by libcst: the two trees meet at the same characters."""

import ast

import pytest

from wce_guard.lint import engine

CODES = frozenset({"WCE101", "WCE102", "WCE105", "WCE205", "WCE001"})
HEADER = "import torch\nimport torch.nn.functional as F\n"


def lint(code: str, fix: bool = False) -> engine.FileResult:
    return engine.lint_text(HEADER + code, "a.py", CODES, fix=fix)


def test_columns_count_characters_not_bytes():
    # ast's columns are UTF-8 bytes: "é" and "ö" are two each
    found = lint("s = 'héllo wörld'; loss = F.cross_entropy(F.softmax(x, 1), y)\n").diagnostics
    assert [(d.line, d.column, d.end_column) for d in found] == [(3, 27, 62)]


@pytest.mark.parametrize(
    ("code", "fixed"),
    [
        (  # the softmax dropped, on a line with other characters than ASCII
            "s = 'ü'; loss = F.cross_entropy(F.softmax(x, dim=1), y)  # ö\n",
            "s = 'ü'; loss = F.cross_entropy(x, y)  # ö\n",
        ),
        (  # a tuple: ast's node holds its brackets, libcst's does not
            "loss = F.cross_entropy(x, y, weight=(1.0, 2.0))\n",
            "loss = F.cross_entropy(x, y, weight=torch.tensor((1.0, 2.0), dtype=torch.float32))\n",
        ),
        (  # over several lines, comments kept
            "loss = F.binary_cross_entropy(\n    torch.sigmoid(z),  # the scores\n    t,\n)\n",
            "loss = F.binary_cross_entropy_with_logits(\n    z,  # the scores\n    t,\n)\n",
        ),
        ("lp = torch.log(torch.softmax(x, 1))\n", "lp = torch.log_softmax(x, 1)\n"),
    ],
)
def test_a_fix_rewrites_what_the_finding_names_and_nothing_else(code, fixed):
    result = lint(code, fix=True)
    assert result.fixed == HEADER + fixed
    ast.parse(result.fixed)
    assert lint(fixed).diagnostics == []


def test_fix_one_applies_only_the_fix_asked_for():
    code = HEADER + (
        "a = F.cross_entropy(F.softmax(x, 1), y)\nb = F.cross_entropy(F.softmax(z, 1), y)\n"
    )
    second = engine.lint_text(code, "a.py", CODES).diagnostics[1]
    fixed = engine.fix_one(code, "a.py", second)
    assert fixed == HEADER + (
        "a = F.cross_entropy(F.softmax(x, 1), y)\nb = F.cross_entropy(z, y)\n"
    )
