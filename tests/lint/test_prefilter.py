"""The prefilter searches a trigger one alternative at a time: the same answer as the regex."""

import re

import pytest

from wce_guard.lint import prefilter
from wce_guard.lint.rules import ALL_RULES

TRIGGERS = sorted({p for rule in ALL_RULES for p in (*rule.triggers, *rule.imported_as.values())})
TEXTS = [
    *(example.code for rule in ALL_RULES for example in rule.invalid),
    *(code for rule in ALL_RULES for code in rule.valid),
    "import math\nx = math.log(2)\n",
    "from torch import log\n",
    "counts = [120, 33, 0]\n",
    "w = [1, 0]\n",
    "",
]


@pytest.mark.parametrize("pattern", TRIGGERS)
def test_each_trigger_matches_where_its_regular_expression_does(pattern):
    for text in TEXTS:
        assert prefilter.contains(text, pattern) == bool(re.search(pattern, text)), text


@pytest.mark.parametrize(
    "pattern", ["a|b", r"a(b|c)|d", r"[|]x|\|y", r"[\]|]z|w", "plain", r"(?<!math)\.log\(|q"]
)
@pytest.mark.parametrize(
    "text", ["a", "ac", "d", "|x", "|y", "]z", "w", "plain", "math.log(", "m.log(", "b|c", ""]
)
def test_bars_inside_groups_and_classes_do_not_split_a_pattern(pattern, text):
    assert prefilter.contains(text, pattern) == bool(re.search(pattern, text))
