"""WCE302's fix for a weight kept as a plain attribute of an nn.Module: register_buffer, only
where that is always safe (one plain assignment in __init__, after super().__init__())."""

from __future__ import annotations

import pytest

from wce_guard.lint.engine import lint_text

SAFE = """\
import torch
import torch.nn.functional as F
from torch import nn


class Loss(nn.Module):
    def __init__(self, weights):
        super().__init__()
        self.w = torch.tensor(weights)

    def forward(self, z, y):
        return F.cross_entropy(z, y, weight=self.w)


criterion = Loss([1.0, 4.0]).to("cuda")
"""


def fixed(code: str) -> str | None:
    return lint_text(code, "loss.py", frozenset({"WCE302"}), fix=True).fixed


def test_the_buffer_is_registered_where_it_is_safe():
    result = fixed(SAFE)
    assert result == SAFE.replace(
        "self.w = torch.tensor(weights)", "self.register_buffer('w', torch.tensor(weights))"
    )
    assert fixed(result) is None  # stable: nothing left to fix
    compile(result, "loss.py", "exec")


@pytest.mark.parametrize(
    "unsafe",
    [
        # assigned before super().__init__(): register_buffer would fail there
        SAFE.replace(
            "        super().__init__()\n        self.w = torch.tensor(weights)\n",
            "        self.w = torch.tensor(weights)\n        super().__init__()\n",
        ),
        # assigned twice: the second assignment would replace the buffer by a plain tensor
        SAFE.replace(
            "    def forward(self, z, y):\n",
            "    def reset(self):\n"
            "        self.w = torch.ones(2)\n\n"
            "    def forward(self, z, y):\n",
        ),
        # not an nn.Module: it has no register_buffer
        SAFE.replace("class Loss(nn.Module):", "class Loss(Base):"),
    ],
    ids=["before-super-init", "assigned-twice", "not-a-module"],
)
def test_no_buffer_fix_where_it_may_fail(unsafe):
    result = lint_text(unsafe, "loss.py", frozenset({"WCE302"}), fix=True)
    assert result.fixed is None or "register_buffer" not in result.fixed
