"""WCE3xx on the analysis core: what counts as a move to an accelerator, per place."""

from __future__ import annotations

from wce_guard.lint.engine import lint_text
from wce_guard.lint.rules import BY_CODE

DEVICE_RULES = frozenset(code for code in BY_CODE if code.startswith("WCE3"))


def findings(code: str) -> list[tuple[int, str]]:
    result = lint_text(code, "train.py", DEVICE_RULES)
    assert not result.error, result.error
    return [(d.line, d.code) for d in result.diagnostics]


def test_a_move_on_the_same_statement_as_a_call_of_a_call_is_read_without_error():
    # factory()(...) is called where a .to() is: only the .to() is a move
    code = (
        "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n"
        "class Head(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.w = torch.tensor([1.0, 4.0])\n"
        "    def forward(self, z, y):\n"
        "        return (self.w[y] * F.cross_entropy(z, y, reduction='none')).mean()\n"
        "out = factory()(Head().to('cuda'))\n"
    )
    assert findings(code) == [(9, "WCE303")]


def test_moves_under_the_opposite_test_are_not_evidence():
    code = (
        "import torch\nfrom torch import nn\n"
        "w = torch.tensor([1.0, 4.0])\n"
        "if args.gpu is not None:\n"
        "    model = Net().cuda()\n"
        "    criterion = nn.CrossEntropyLoss(weight=w.cuda())\n"
        "else:\n"
        "    criterion = nn.CrossEntropyLoss(weight=w)\n"
        "for x, y in loader:\n"
        "    if args.gpu is not None:\n"
        "        x, y = x.cuda(), y.cuda()\n"
        "    loss = criterion(model(x), y)\n"
    )
    assert findings(code) == []
    # the same weight, with the data moved whatever the test says: the CPU arm meets the GPU
    moved = code.replace("    if args.gpu is not None:\n        x, y", "    x, y")
    assert findings(moved) == [(8, "WCE301")]
