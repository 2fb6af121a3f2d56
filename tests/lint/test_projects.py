"""Precision and recall of WCE1xx on small multi-file projects written as people write
training code (tests/lint/projects/, see projects_corpus.py): models, criteria and
probabilities passed through functions, classes, containers, factories and files, each
idiom with correct look-alikes. Many reproduce a public repository or issue, named at the
top of their main file.
"""

import pytest

from tests.lint.projects_corpus import expected, found, projects
from tests.lint.test_corpus import CORPUS
from tests.lint.test_corpus import expected as snippet_expected
from tests.lint.test_corpus import found as snippet_found

PROBABILITIES = projects("probabilities")
DEVICES = projects("devices")
WEIGHTS = projects("weights")


def test_the_corpus_has_both_kinds():
    positives = [p for p in PROBABILITIES if p.name.startswith("p")]
    negatives = [p for p in PROBABILITIES if p.name.startswith("n")]
    assert len(positives) >= 45 and len(negatives) >= 40
    assert all(expected(p) for p in positives)
    assert not any(expected(p) for p in negatives)


def test_precision_is_one_and_recall_at_least_95_percent_with_the_snippets():
    """The issue's measure: WCE1xx over these projects and the snippet corpus together."""
    true_positives = false_positives = false_negatives = 0
    misses = []
    for project in PROBABILITIES:
        want, got = expected(project), found(project)
        true_positives += len(want & got)
        false_positives += len(got - want)
        false_negatives += len(want - got)
        misses += [f"{project.name}: {sorted(got ^ want)}"] if got != want else []
    for path in sorted((CORPUS / "probabilities").glob("*.py")):
        want, got = snippet_expected(path.read_text()), snippet_found(path)
        true_positives += len(want & got)
        false_positives += len(got - want)
        false_negatives += len(want - got)
        misses += [f"{path.name}: {sorted(got ^ want)}"] if got != want else []
    assert false_positives == 0, misses
    assert true_positives / (true_positives + false_negatives) >= 0.95, misses


def test_devices_precision_is_one_and_recall_at_least_95_percent_with_the_snippets():
    """Issue 17's measure: WCE3xx over the device projects (frameworks that place models,
    weights through parameters, factories, configs and partials, branches, plain attributes,
    weights used by hand) and the snippet corpus's device cases."""
    positives = [p for p in DEVICES if p.name.startswith("p")]
    assert len(positives) >= 20 and len(DEVICES) - len(positives) >= 15
    true_positives = false_positives = false_negatives = 0
    misses = []
    pairs = [(expected(p), found(p), p.name) for p in DEVICES]
    for path in sorted((CORPUS / "weights_devices").glob("*.py")):
        pairs.append((snippet_expected(path.read_text()), snippet_found(path), path.name))
    for want, got, name in pairs:
        want = {w for w in want if w[-1].startswith("WCE3")}
        got = {g for g in got if g[-1].startswith("WCE3")}
        true_positives += len(want & got)
        false_positives += len(got - want)
        false_negatives += len(want - got)
        misses += [f"{name}: {sorted(got ^ want)}"] if got != want else []
    assert false_positives == 0, misses
    assert true_positives / (true_positives + false_negatives) >= 0.95, misses


def test_weights_precision_is_one_and_recall_at_least_95_percent():
    """Issue 16's measure: WCE2xx over the weight projects (counts made, guarded and used as
    real code does; weights of the wrong length)."""
    positives = [p for p in WEIGHTS if p.name.startswith("p")]
    assert len(positives) >= 40 and len(WEIGHTS) - len(positives) >= 25
    true_positives = false_positives = false_negatives = 0
    misses = []
    for project in WEIGHTS:
        want = {w for w in expected(project) if w[-1].startswith("WCE2")}
        got = {g for g in found(project) if g[-1].startswith("WCE2")}
        true_positives += len(want & got)
        false_positives += len(got - want)
        false_negatives += len(want - got)
        misses += [f"{project.name}: {sorted(got ^ want)}"] if got != want else []
    assert false_positives == 0, misses
    assert true_positives / (true_positives + false_negatives) >= 0.95, misses


@pytest.mark.parametrize(
    "project", PROBABILITIES + DEVICES + WEIGHTS, ids=lambda project: project.name
)
def test_project(project):
    """Each project on its own, so a false positive names its folder."""
    got = found(project)
    assert got <= expected(project), f"false positives: {sorted(got - expected(project))}"
