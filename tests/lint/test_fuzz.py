"""The linter on arbitrary input: generated programs and mutations of every rule's examples.

Whatever the input, linting returns (no exception, no hang), every finding lies inside the
file, and a fix of a file that compiles compiles too and is stable. Example counts are
bounded so that CI stays fast; raise them with ``--hypothesis-profile`` locally.
"""

from __future__ import annotations

import contextlib
import io
import signal
import tokenize
import warnings

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wce_guard.lint import engine
from wce_guard.lint.rules import ALL_RULES

CODES = frozenset(rule.code for rule in ALL_RULES)
SEEDS = sorted(
    {text for rule in ALL_RULES for text in (*rule.valid, *(e.code for e in rule.invalid))}
)
HANG_SECONDS = 20


@contextlib.contextmanager
def no_hang(seconds: int = HANG_SECONDS):
    """Fail, instead of waiting forever, when one lint takes longer than ``seconds``."""

    def hung(signum, frame):
        raise TimeoutError(f"linting took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def lint_bytes(data: bytes, *, fix: bool = False) -> tuple[str | None, engine.FileResult | None]:
    """What ``lint_paths`` does with a file's bytes: decode (or WCE001), then lint."""
    try:
        text, _ = engine.decode(data, "fuzzed.py")
    except engine.LintError:
        return None, None
    with no_hang():
        return text, engine.lint_text(text, "fuzzed.py", CODES, fix=fix)


def _compiles(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings of odd but valid code
            compile(text, "fuzzed.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    return True


def assert_sound(text: str, result: engine.FileResult) -> None:
    lines = max(1, len(text.splitlines()) + (1 if text.endswith(("\n", "\r")) else 0))
    for found in result.diagnostics:
        assert 1 <= found.line <= found.end_line <= lines, found
        assert found.column >= 1 and found.end_column >= 1, found
        assert found.code in CODES, found
    assert result.error is None
    if result.fixed is not None:
        assert _compiles(result.fixed), "a fix broke code that compiled"
        again = engine.lint_text(result.fixed, "fuzzed.py", CODES, fix=True)
        assert again.fixed is None, "a second --fix changed the file again"


def _mutate_bytes(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    for kind, position, value in edits:
        position %= len(data) + 1
        if kind == 0:
            data = data[:position] + data[position + 1 :]  # delete a byte
        elif kind == 1:
            data = data[:position] + bytes([value]) + data[position:]  # insert one
        elif kind == 2:
            data = data[:position] + data[position:][::-1][: value % 8][::-1] + data[position:]
        else:
            data = data[:position] + bytes([value]) + data[position + 1 :]  # replace one
    return data


def _tokens(text: str) -> list[str]:
    with contextlib.suppress(tokenize.TokenError, SyntaxError, IndentationError):
        return [t.string for t in tokenize.generate_tokens(io.StringIO(text).readline)]
    return text.split()


def _mutate_tokens(text: str, edits: list[tuple[int, int, int]]) -> str:
    """Drop, duplicate or swap whole tokens, or put one token in another's place."""
    tokens = _tokens(text)
    if not tokens:
        return text
    for kind, first, second in edits:
        first %= len(tokens)
        second %= len(tokens)
        if kind == 0 and len(tokens) > 1:
            del tokens[first]
            first = min(first, len(tokens) - 1)
        elif kind == 1:
            tokens.insert(first, tokens[second])
        elif kind == 2:
            tokens[first], tokens[second] = tokens[second], tokens[first]
        else:
            tokens[first] = tokens[second]
    # untokenize needs positions; rejoining with spaces keeps newlines inside NEWLINE tokens
    return " ".join(tokens)


EDITS = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10_000), st.integers(0, 255)),
                 min_size=1, max_size=6)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), edits=EDITS, fix=st.booleans())
def test_byte_mutations_of_rule_examples(seed, edits, fix):
    text, result = lint_bytes(_mutate_bytes(seed.encode(), edits), fix=fix)
    if result is not None:
        assert_sound(text, result)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), edits=EDITS, fix=st.booleans())
def test_token_mutations_of_rule_examples(seed, edits, fix):
    mutated = _mutate_tokens(seed, edits)
    with no_hang():
        result = engine.lint_text(mutated, "fuzzed.py", CODES, fix=fix)
    assert_sound(mutated, result)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # hypothesmith compiles its candidates
@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])  # fmt: skip
@given(source=st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node()))
def test_generated_programs_and_syntax_trees(source):
    with no_hang():
        result = engine.lint_text(source, "fuzzed.py", CODES, fix=True)
    assert_sound(source, result)


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_the_mutators_change_their_input(seed):
    """So that the tests above fuzz something."""
    assert _mutate_bytes(seed.encode(), [(0, 3, 0)]) != seed.encode()
    assert _mutate_tokens(seed, [(0, 1, 0)]) != " ".join(_tokens(seed))
