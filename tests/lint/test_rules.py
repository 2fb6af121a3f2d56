"""Every rule's own VALID and INVALID examples, its fix, and its docs. One test for all rules."""

import ast

import pytest

from wce_guard.lint import engine, prefilter
from wce_guard.lint.rules import ALL_RULES

EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.code}-invalid-{i}")
    for rule in ALL_RULES
    for i, example in enumerate(rule.invalid)
]
VALID = [
    pytest.param(rule, code, id=f"{rule.code}-valid-{i}")
    for rule in ALL_RULES
    for i, code in enumerate(rule.valid)
]


def lint(code: str, rule, fix: bool = False) -> engine.FileResult:
    return engine.lint_text(code, "example.py", frozenset({rule.code, "WCE001"}), fix=fix)


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_invalid_example_is_reported_on_its_lines(rule, example):
    found = lint(example.code, rule).diagnostics
    assert sorted(d.line for d in found if d.code == rule.code) == sorted(example.lines)
    assert all(d.code == rule.code for d in found), "another code fired on the example"


@pytest.mark.parametrize(("rule", "code"), VALID)
def test_valid_example_is_clean(rule, code):
    assert lint(code, rule).diagnostics == []


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_fix_parses_keeps_the_rest_and_is_stable(rule, example):
    result = lint(example.code, rule, fix=True)
    if result.fixed is None:
        assert not any(d.fixable for d in lint(example.code, rule).diagnostics)
        return
    ast.parse(result.fixed)  # the fixed file parses
    again = lint(result.fixed, rule, fix=True)
    assert again.fixed is None  # a second --fix changes nothing
    assert not any(d.fixable for d in again.diagnostics)
    if example.fixed is not None:
        assert result.fixed == example.fixed
        return
    # only the reported lines changed; comments and formatting elsewhere are kept
    before, after = example.code.splitlines(), result.fixed.splitlines()
    assert len(before) == len(after)
    changed = {i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}
    assert changed <= set(example.lines)


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_prefilter_lets_every_invalid_example_through(rule, example):
    assert prefilter.triggered(rule, example.code)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_rule_is_complete(rule):
    assert rule.code.startswith("WCE") and len(rule.code) == 6
    assert rule.name == rule.name.lower() and " " not in rule.name
    for part in (rule.summary, rule.what_it_does, rule.why_is_it_bad, rule.example):
        assert part.strip()
    assert rule.use_instead.strip()
    assert rule.invalid and rule.valid
    docs = rule.docs()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in docs
    fixable = [lint(e.code, rule).diagnostics[0].fixable for e in rule.invalid]
    assert rule.fix_availability in ("always", "sometimes", "never")
    if rule.fix_availability == "always":
        assert all(fixable)
    elif rule.fix_availability == "sometimes":
        assert any(fixable) and rule.fix_note.strip()
    else:
        assert not any(fixable)


def test_codes_are_unique():
    codes = [rule.code for rule in ALL_RULES]
    assert len(codes) == len(set(codes))
