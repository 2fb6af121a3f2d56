"""The ``# noqa`` an editor's quick fix adds: on a line of the finding that can take a
comment, and one that suppresses it when the file is linted again."""

from __future__ import annotations

import pytest

from wce_guard.lint import Settings, lint_source
from wce_guard.lint.noqa import with_noqa
from wce_guard.lint.rules import BY_CODE

EVERY_RULE = Settings(frozenset(BY_CODE))
HEADER = "import torch.nn.functional as F\n"


@pytest.mark.parametrize(
    ("code", "suppressed"),
    [
        (  # a plain line: the comment ends it
            "loss = F.cross_entropy(logits.softmax(dim=1), y)\n",
            "loss = F.cross_entropy(logits.softmax(dim=1), y)  # noqa: WCE101\n",
        ),
        (  # a line that has a noqa for another tool: one list, since only the first is read
            "loss = F.cross_entropy(logits.softmax(dim=1), y)  # noqa: E501 (long)\n",
            "loss = F.cross_entropy(logits.softmax(dim=1), y)  # noqa: E501, WCE101 (long)\n",
        ),
        (  # another comment is kept before it
            "loss = F.cross_entropy(logits.softmax(dim=1), y)  # the loss\n",
            "loss = F.cross_entropy(logits.softmax(dim=1), y)  # the loss  # noqa: WCE101\n",
        ),
        (  # the first line ends inside a string: the comment goes where the string ends
            'loss = F.cross_entropy(logits.softmax(dim=1), y, reduction="""mean\n""")\n',
            'loss = F.cross_entropy(logits.softmax(dim=1), y, reduction="""mean\n""")'
            "  # noqa: WCE101\n",
        ),
        (  # a comment cannot follow a backslash continuation
            "loss = F.cross_entropy(logits.softmax(dim=1), \\\n    y)\n",
            "loss = F.cross_entropy(logits.softmax(dim=1), \\\n    y)  # noqa: WCE101\n",
        ),
        (  # Windows line endings stay
            "loss = F.cross_entropy(logits.softmax(dim=1), y)\r\nprint(loss)\r\n",
            "loss = F.cross_entropy(logits.softmax(dim=1), y)  # noqa: WCE101\r\nprint(loss)\r\n",
        ),
    ],
)
def test_the_comment_suppresses_the_finding(code: str, suppressed: str):
    text = HEADER + code
    (diagnostic,) = lint_source(text, "train.py", settings=EVERY_RULE).diagnostics
    assert diagnostic.code == "WCE101"
    assert with_noqa(text, diagnostic) == HEADER + suppressed
    assert lint_source(HEADER + suppressed, "train.py", settings=EVERY_RULE).diagnostics == []


def test_an_unreadable_file_is_not_suppressed_by_a_comment():
    text = "import torch\nx = F.softmax(\n"
    (diagnostic,) = lint_source(text, "train.py", settings=EVERY_RULE).diagnostics
    assert diagnostic.code == "WCE001"
    assert with_noqa(text, diagnostic) is None
