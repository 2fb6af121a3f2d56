"""Value facts: what an expression holds, followed through the code."""

import libcst as cst
import pytest

from wce_guard.lint.analysis import Facts, Kind

HEADER = "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n"


def value_at_last_call(code: str, callee: str = "use"):
    """What the first argument of the last ``use(...)`` call holds."""
    facts = Facts(cst.parse_module(HEADER + code))
    calls = [c for c in facts.calls if cst.Module([]).code_for_node(c.node.func) == callee]
    call = calls[-1]
    return facts.value(call.node.args[0].value, call.site)


def kind_at_use(code: str):
    value = value_at_last_call(code)
    return None if value is None else value.kind


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("p = F.softmax(x, 1)\nuse(p)\n", Kind.PROBABILITIES),
        ("p = x.softmax(dim=1)\nuse(p)\n", Kind.PROBABILITIES),
        ("p = torch.softmax(x, 1).float().cuda()\nuse(p)\n", Kind.PROBABILITIES),
        ("lp = F.log_softmax(x, 1)\nuse(lp)\n", Kind.LOG_PROBABILITIES),
        ("s = torch.sigmoid(x)\nuse(s)\n", Kind.SIGMOID),
        ("lp = torch.log(F.softmax(x, 1) + 1e-8)\nuse(lp)\n", Kind.LOG_OF_PROBABILITIES),
        ("p = F.log_softmax(x, 1).exp()\nuse(p)\n", Kind.PROBABILITIES),
        ("c = torch.bincount(y)\nuse(c)\n", Kind.COUNTS),
        ("c = torch.bincount(y)\nw = 1.0 / c\nuse(w)\n", Kind.WEIGHTS),
        # reassignment clears the fact
        ("p = F.softmax(x, 1)\np = logits\nuse(p)\n", None),
        # a branch may not have run
        ("p = logits\nif flag:\n    p = p.softmax(1)\nuse(p)\n", None),
        ("p = logits\nif flag: p = p.softmax(1)\nuse(p)\n", None),
        # inside the same branch it did
        ("if flag:\n    p = F.softmax(x, 1)\n    use(p)\n", Kind.PROBABILITIES),
        # a with block always runs
        ("with torch.no_grad():\n    p = F.softmax(x, 1)\nuse(p)\n", Kind.PROBABILITIES),
        # tuple unpacking and tuple returns
        ("p, q = F.softmax(x, 1), x\nuse(p)\n", Kind.PROBABILITIES),
        ("p, q = F.softmax(x, 1), x\nuse(q)\n", None),
        ("def f(x):\n    return x, F.softmax(x, 1)\na, b = f(x)\nuse(b)\n", Kind.PROBABILITIES),
        ("def f(x):\n    return x, F.softmax(x, 1)\nuse(f(x)[1])\n", Kind.PROBABILITIES),
        # helper functions: every return must agree
        ("def f(x):\n    return F.softmax(x, 1)\nuse(f(x))\n", Kind.PROBABILITIES),
        ("def f(x):\n    if a:\n        return x\n    return x.softmax(1)\nuse(f(x))\n", None),
        # layers, Sequential, attributes, add_module
        ("sm = nn.Softmax(dim=1)\nuse(sm(x))\n", Kind.PROBABILITIES),
        ("m = nn.Sequential(nn.Linear(4, 3), nn.Softmax(1))\nuse(m(x))\n", Kind.PROBABILITIES),
        ("m = nn.Sequential(nn.Linear(4, 3), nn.Softmax(1), nn.Identity())\nuse(m(x))\n", None),
        (
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        self.add_module('act', nn.Softmax(1))\n"
            "    def forward(self, x):\n"
            "        return self.act(x)\n"
            "use(Net()(x))\n",
            Kind.PROBABILITIES,
        ),
        (
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        self.head = nn.Linear(4, 3)\n"
            "    def forward(self, x):\n"
            "        return self.head(x)\n"
            "net = Net()\nuse(net(x))\n",
            Kind.LOGITS,
        ),
        (
            "m = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))\nuse(m(x))\n",
            Kind.LOGITS,
        ),
        ("use(F.linear(x, w))\n", Kind.LOGITS),
        ("m = nn.Sequential(nn.Linear(4, 3), nn.ReLU())\nuse(m(x))\n", None),
        # a local function named like torch's is not torch's
        ("def softmax(x):\n    return x\nuse(softmax(x))\n", None),
        # a parameter: unknown, unless it has a default
        ("def f(p):\n    use(p)\n", None),
        ("def f(c=nn.CrossEntropyLoss()):\n    use(c)\n", Kind.LOSS),
        # a module-level value used in a function
        ("crit = nn.CrossEntropyLoss()\ndef f():\n    use(crit)\n", Kind.LOSS),
    ],
)
def test_kinds(code, kind):
    assert kind_at_use(code) == kind


@pytest.mark.parametrize(
    ("code", "device"),
    [
        ("w = torch.tensor([1.0, 2.0])\nuse(w)\n", "cpu"),
        ("w = torch.tensor([1.0, 2.0], device=d)\nuse(w)\n", "given"),
        ("w = torch.tensor([1.0, 2.0]).to(device)\nuse(w)\n", "moved"),
        ("w = torch.ones(3)\nw = w.cuda()\nuse(w)\n", "moved"),
        ("w = torch.ones(3).to(torch.float16)\nuse(w)\n", "cpu"),
        ("w = torch.ones(3).to(dtype=torch.float16)\nuse(w)\n", "cpu"),
        ("c = torch.bincount(torch.tensor(y))\nuse(1 / c)\n", "cpu"),
    ],
)
def test_devices(code, device):
    assert value_at_last_call(code).device == device


def test_loss_calls_through_objects():
    code = HEADER + (
        "class Trainer:\n"
        "    def __init__(self, weight):\n"
        "        self.criterion = nn.CrossEntropyLoss(weight=weight)\n"
        "    def step(self, x, y):\n"
        "        return self.criterion(x, y)\n"
        "crit = nn.NLLLoss()\n"
        "a = crit(lp, target=y)\n"
        "b = F.binary_cross_entropy_with_logits(z, t)\n"
        "c = some_function(x, y)\n"
    )
    facts = Facts(cst.parse_module(code))
    found = [
        (
            call.loss.rsplit(".", 1)[1],
            cst.Module([]).code_for_node(call.input),
            cst.Module([]).code_for_node(call.target),
        )
        for call in facts.loss_calls()
    ]
    assert sorted(found) == [
        ("CrossEntropyLoss", "x", "y"),
        ("NLLLoss", "lp", "y"),
        ("binary_cross_entropy_with_logits", "z", "t"),
    ]


def test_self_referencing_values_terminate():
    code = "def f(x):\n    return f(x)\nuse(f(1))\na = b\nb = a\nuse(a)\n"
    assert kind_at_use(code) is None
