"""Precision and recall of the WCE1xx rules on realistic snippets (tests/lint/corpus/).

Each snippet marks the lines where a finding is expected with ``# expect: CODE``; files named
``p*`` hold at least one mistake, ``n*`` are correct look-alikes. Precision first: the rules
must never fire on a line that does not expect them.
"""

import re
from pathlib import Path

import pytest

from wce_guard.lint import engine

CORPUS = Path(__file__).parent / "corpus"
SNIPPETS = sorted(CORPUS.glob("*.py"))
WCE1 = frozenset({"WCE101", "WCE102", "WCE103", "WCE104", "WCE105"})


def expected(text: str) -> set[tuple[int, str]]:
    return {
        (number, code)
        for number, line in enumerate(text.splitlines(), start=1)
        for code in re.findall(r"# expect: (WCE\d+)", line)
    }


def found(path: Path) -> set[tuple[int, str]]:
    result = engine.lint_text(path.read_text(), path.name, WCE1 | {"WCE001"})
    return {(d.line, d.code) for d in result.diagnostics}


def test_the_corpus_is_big_enough_and_balanced():
    assert len(SNIPPETS) >= 40
    positives = [p for p in SNIPPETS if p.name.startswith("p")]
    negatives = [p for p in SNIPPETS if p.name.startswith("n")]
    assert all(expected(p.read_text()) for p in positives)
    assert not any(expected(p.read_text()) for p in negatives)
    assert len(positives) >= 20 and len(negatives) >= 20


def test_precision_is_one_and_recall_at_least_ninety_percent():
    true_positives = false_positives = false_negatives = 0
    misses = []
    for path in SNIPPETS:
        want, got = expected(path.read_text()), found(path)
        true_positives += len(want & got)
        false_positives += len(got - want)
        false_negatives += len(want - got)
        misses += [f"{path.name}: {sorted(got ^ want)}"] if got != want else []
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    assert precision == 1.0, misses
    assert recall >= 0.9, misses


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda path: path.name)
def test_snippet(path):
    """Each snippet on its own, so a regression names the file (recall may miss a few)."""
    want, got = expected(path.read_text()), found(path)
    assert got <= want, f"false positives: {sorted(got - want)}"
