"""Precision and recall of the rules on realistic snippets (tests/lint/corpus/).

One folder per family: probabilities (WCE1xx), weights_devices (WCE2xx and WCE3xx). Each
snippet marks the lines where a finding is expected with ``# expect: CODE [CODE...]``; files
named ``p*`` hold at least one mistake, ``n*`` are correct look-alikes. Every rule runs on
every snippet. Precision first: no rule may fire on a line that does not expect it.
"""

import re
from pathlib import Path

import pytest

from wce_guard.lint import engine
from wce_guard.lint.rules import ALL_RULES

CORPUS = Path(__file__).parent / "corpus"
SNIPPETS = sorted(CORPUS.rglob("*.py"))
FAMILIES = {"probabilities": ("WCE1", 40), "weights_devices": ("WCE2", 30)}
EVERY_RULE = frozenset(rule.code for rule in ALL_RULES)


def expected(text: str) -> set[tuple[int, str]]:
    return {
        (number, code)
        for number, line in enumerate(text.splitlines(), start=1)
        for marks in re.findall(r"# expect: (.*)$", line)
        for code in re.findall(r"WCE\d+", marks)
    }


def found(path: Path) -> set[tuple[int, str]]:
    result = engine.lint_text(path.read_text(), path.name, EVERY_RULE)
    return {(d.line, d.code) for d in result.diagnostics}


@pytest.mark.parametrize("family", FAMILIES)
def test_each_family_has_enough_snippets_of_both_kinds(family):
    snippets = sorted((CORPUS / family).glob("*.py"))
    assert len(snippets) >= FAMILIES[family][1]
    positives = [p for p in snippets if p.name.startswith("p")]
    negatives = [p for p in snippets if p.name.startswith("n")]
    assert all(expected(p.read_text()) for p in positives)
    assert not any(expected(p.read_text()) for p in negatives)
    assert len(positives) >= len(snippets) // 3 and len(negatives) >= len(snippets) // 3


@pytest.mark.parametrize("family", FAMILIES)
def test_precision_is_one_and_recall_at_least_ninety_percent(family):
    true_positives = false_positives = false_negatives = 0
    misses = []
    for path in sorted((CORPUS / family).glob("*.py")):
        want, got = expected(path.read_text()), found(path)
        true_positives += len(want & got)
        false_positives += len(got - want)
        false_negatives += len(want - got)
        misses += [f"{path.name}: {sorted(got ^ want)}"] if got != want else []
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    assert precision == 1.0, misses
    assert recall >= 0.9, misses


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_snippet(path):
    """Each snippet on its own, so a regression names the file (recall may miss a few)."""
    want, got = expected(path.read_text()), found(path)
    assert got <= want, f"false positives: {sorted(got - want)}"
