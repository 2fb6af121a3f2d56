"""The prefilter: whether a file's text holds what a rule's findings need, before parsing.

A rule's triggers are regular expressions that each finding needs (``rule.Rule.triggers``);
most files of a code base match none and are never parsed. The search itself is a cost on
every file: CPython's regex engine finds a pattern with a literal prefix quickly, but tries an
alternation at every position of the text. So a trigger is searched for one alternative at a
time, a plain word by substring search, and each pattern once per text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wce_guard.lint.analysis.program import Program

_SPECIAL = frozenset(".^$*+?{}[]\\|()")


def triggered(rule: type, text: str, implied: str = "") -> bool:
    """Whether ``rule`` could fire in ``text``, judged from the text alone, and for the
    triggers a rule may find in the files a file imports names from, from ``implied`` (those
    that they match, from ``implied_words``)."""
    found = implied.split("\n") if implied else ()
    return all(
        contains(text, pattern)
        or (pattern in rule.imported_triggers and rule.imported_as.get(pattern, pattern) in found)
        for pattern in rule.triggers
    )


def implied_by_imports(program: Program, display: str, codes: Iterable[str]) -> str:
    """``implied_words`` of the files of ``program`` that ``display`` takes names from, for
    the rules of ``codes``."""
    from wce_guard.lint.rules import BY_CODE

    sources = program.sources(display, used=True)
    rules = [BY_CODE[code] for code in sorted(codes)]
    return implied_words({d: program.text(d) or "" for d in sources}, sources, rules)


def implied_words(texts: dict[str, str], displays: Iterable[str], rules: Iterable[type]) -> str:
    """The imported triggers that the files ``displays`` match (the files whose names a file
    imports), one per line, for the prefilter of the rules that follow values into them."""
    patterns = {rule.imported_as.get(p, p) for rule in rules for p in rule.imported_triggers}
    found = {p for display in displays for p in patterns if contains(texts[display], p)}
    return "\n".join(sorted(found))


@functools.lru_cache(maxsize=4096)
def contains(text: str, pattern: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``text`` (memoised: the rules share patterns,
    and a file imported by many is searched once; a string's hash is computed once)."""
    return any(search(text) for search in _searches(pattern))


@functools.cache
def _searches(pattern: str) -> tuple[Callable[[str], object], ...]:
    """A search per top-level alternative of ``pattern``: ``word in text`` for a plain word."""
    searches = []
    for alternative in _alternatives(pattern):
        if _SPECIAL.isdisjoint(alternative):
            searches.append(functools.partial(_has_word, alternative))
        else:
            searches.append(re.compile(alternative).search)
    return tuple(searches)


def _has_word(word: str, text: str) -> bool:
    return word in text


def _alternatives(pattern: str) -> list[str]:
    """``a|b(c|d)|[|]`` -> ``a``, ``b(c|d)``, ``[|]``: split at the bars outside groups and
    character classes."""
    parts, start, depth, in_class, escaped = [], 0, 0, False, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts
