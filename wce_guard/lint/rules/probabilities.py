"""WCE1xx: probabilities where logits or log-probabilities are expected."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from wce_guard.lint.lazy import lazy_import
from wce_guard.lint.rule import Example, Finding, Rule

if TYPE_CHECKING:
    from wce_guard.lint.flow import Facts

cst = lazy_import("libcst")
flow = lazy_import("wce_guard.lint.flow")
names = lazy_import("wce_guard.lint.names")

_CROSS_ENTROPY = {"torch.nn.functional.cross_entropy", "torch.nn.CrossEntropyLoss"}


class SoftmaxIntoCrossEntropy(Rule):
    code = "WCE101"
    name = "softmax-into-cross-entropy"
    summary = "Softmax output is passed to cross_entropy, which applies log-softmax itself."
    what_it_does = """
Finds softmax output (`F.softmax`, `torch.softmax`, `x.softmax(dim)`, an `nn.Softmax` layer, a
model whose `forward` ends in softmax) that reaches `F.cross_entropy` or `nn.CrossEntropyLoss`
as its input, following the value through variables, attributes and helper functions."""
    why_is_it_bad = """
`cross_entropy` expects logits and applies `log_softmax` to them. Given probabilities, it
computes `log_softmax(softmax(x))`: every input is squashed into [0, 1], the loss can never
approach 0, and gradients shrink as the model grows confident. The model still trains, only
worse, so nothing fails: accuracy quietly plateaus below where it should."""
    example = """
probs = F.softmax(model(x), dim=1)
loss = F.cross_entropy(probs, y)"""
    use_instead = """
logits = model(x)
loss = F.cross_entropy(logits, y)
probs = logits.softmax(dim=1)  # for metrics, if needed"""
    # the loss, and the softmax (a call, a method, an nn.Softmax layer) in the same file
    triggers = (r"cross_entropy|CrossEntropyLoss", r"oftmax")
    fixable = True
    valid = (
        # softmax for metrics, the loss on logits
        "import torch.nn.functional as F\n"
        "logits = model(x)\n"
        "probs = F.softmax(logits, dim=1)\n"
        "loss = F.cross_entropy(logits, y)\n",
        # the variable is overwritten with logits before the loss
        "import torch\n"
        "out = torch.softmax(model(x), 1)\n"
        "out = model(x)\n"
        "loss = torch.nn.functional.cross_entropy(out, y)\n",
        # log-softmax into cross_entropy is the same loss as logits
        "import torch.nn.functional as F\nloss = F.cross_entropy(F.log_softmax(z, dim=1), y)\n",
        # softmax only in one branch: not certain to reach the loss
        "import torch.nn.functional as F\n"
        "out = model(x)\n"
        "if calibrate:\n"
        "    out = out.softmax(1)\n"
        "loss = F.cross_entropy(out, y)\n",
        # a local function named softmax that is not torch's
        "import torch.nn.functional as F\n"
        "def softmax(x):\n"
        "    return x\n"
        "loss = F.cross_entropy(softmax(z), y)\n",
    )
    invalid = (
        Example(
            "import torch.nn.functional as F\n"
            "probs = F.softmax(model(x), dim=1)\n"
            "loss = F.cross_entropy(probs, y)\n",
            lines=(3,),
        ),
        Example(
            "from torch import nn\n"
            "criterion = nn.CrossEntropyLoss()\n"
            "loss = criterion(model(x).softmax(dim=-1), y)\n",
            lines=(3,),
        ),
        Example(
            "import torch as t\n"
            "import torch.nn as nn\n"
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.fc = nn.Linear(4, 3)\n"
            "        self.softmax = nn.Softmax(dim=1)\n"
            "        self.criterion = nn.CrossEntropyLoss()\n"
            "    def forward(self, x):\n"
            "        return self.softmax(self.fc(x))\n"
            "    def step(self, x, y):\n"
            "        return self.criterion(self.forward(x), y)\n"
            "net = Net()\n"
            "loss = t.nn.functional.cross_entropy(net(x), y)\n",
            lines=(12, 14),
        ),
        Example(
            "from torch.nn.functional import softmax as sm, cross_entropy\n"
            "def predict(model, x):\n"
            "    out = model(x)\n"
            "    return sm(out, dim=1), out\n"
            "p, logits = predict(model, x)\n"
            "loss = cross_entropy(p, y)\n",
            lines=(6,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        for call in facts.loss_calls():
            if call.loss not in _CROSS_ENTROPY:
                continue
            value = facts.value(call.input, call.site)
            if value is None or value.kind is not flow.Kind.PROBABILITIES:
                continue
            inline = value.source is call.input
            yield Finding(
                call.node,
                f"{_short(call.loss)} is given softmax output, but it applies log-softmax "
                f"itself: pass the logits (the softmax's input) instead",
                fix=_drop_softmax(value.source, facts, call.site) if inline else None,
            )


class LogOfSoftmax(Rule):
    code = "WCE102"
    name = "log-of-softmax"
    summary = "The log of a softmax: use log_softmax, which is exact where this underflows."
    what_it_does = """
Finds the logarithm of softmax output (`torch.log(F.softmax(x, 1))`, `x.softmax(1).log()`,
also with an epsilon added or a clamp, and through variables), and `exp` of a `log_softmax`
whose log is taken again."""
    why_is_it_bad = """
Softmax rounds small probabilities to 0 in float32 (below about 1e-38, or 6e-8 in float16);
their log is then `-inf`, and the loss and gradients become inf or NaN. An epsilon or a
clamp hides the NaN but caps the loss and changes its gradient. `log_softmax` computes
`x - logsumexp(x)`, which is exact for every input and as fast."""
    example = """
log_probs = torch.log(F.softmax(logits, dim=1))
loss = F.nll_loss(log_probs, y)"""
    use_instead = """
log_probs = F.log_softmax(logits, dim=1)
loss = F.nll_loss(log_probs, y)"""
    # a softmax, and a log: torch.log, .log(), or log imported under another name
    triggers = (r"oftmax", r"\blog\b")
    fixable = True
    valid = (
        "import torch.nn.functional as F\nlog_probs = F.log_softmax(logits, dim=1)\n",
        # the log of something else
        "import torch\nlog_scale = torch.log(torch.softmax(x, 1).max() * 0 + scale)\n",
        # softmax reassigned before the log
        "import torch\np = torch.softmax(x, 1)\np = x.sigmoid()\nlp = p.log()\n",
    )
    invalid = (
        Example(
            "import torch\nimport torch.nn.functional as F\nlp = torch.log(F.softmax(x, dim=1))\n",
            lines=(3,),
        ),
        Example("lp = x.softmax(1).log()\n", lines=(1,)),
        Example(
            "import torch\n"
            "p = torch.softmax(x, dim=-1)\n"
            "p = p.clamp(min=1e-7)\n"
            "loss = -(torch.log(p + 1e-8) * onehot).sum(1).mean()\n",
            lines=(4,),
        ),
        Example(
            "import torch.nn.functional as F\np = F.log_softmax(x, 1).exp()\nlp = p.log()\n",
            lines=(3,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        for call in facts.calls:
            if not _is_log(call.node, call.qualified):
                continue
            value = facts.value(call.node, call.site)
            if value is None or value.kind is not flow.Kind.LOG_OF_PROBABILITIES:
                continue
            yield Finding(
                call.node,
                "log of a softmax underflows to -inf for small probabilities: use "
                "log_softmax with the same dim",
                fix=_log_softmax_fix(call.node, facts, call.site),
            )


def _short(loss: str) -> str:
    return loss.rsplit(".", 1)[-1]


def _is_log(node: cst.Call, qualified: str | None) -> bool:
    if qualified is not None:
        return qualified == "torch.log"
    return isinstance(node.func, cst.Attribute) and node.func.attr.value == "log" and not node.args


def _softmax_parts(
    node: cst.CSTNode, facts: Facts, site
) -> tuple[cst.Call, cst.BaseExpression] | None:
    """For a softmax call written as a function of an attribute (``F.softmax(x, 1)``,
    ``torch.softmax(x, 1)``) or as a method (``x.softmax(1)``): the call and its input."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return None
    if node.func.attr.value != "softmax":
        return None
    if names.qualified_name(node.func, site.scope) is not None:
        first = flow.argument(node, 0, "input")
        return (node, first) if first is not None else None
    return node, node.func.value


def _drop_softmax(softmax: cst.CSTNode, facts: Facts, site):
    parts = _softmax_parts(softmax, facts, site)
    if parts is None:
        return None
    call, logits = parts
    return lambda: {call: logits}


def _log_softmax_fix(log_call: cst.Call, facts: Facts, site):
    """``torch.log(F.softmax(x, 1))`` and ``x.softmax(1).log()`` -> the log_softmax call."""
    if isinstance(log_call.func, cst.Attribute) and not log_call.args:
        inner = log_call.func.value  # p.log()
    else:
        inner = flow.argument(log_call, 0, "input")
    if inner is None or _softmax_parts(inner, facts, site) is None:
        return None
    func = inner.func
    renamed = inner.with_changes(func=func.with_changes(attr=cst.Name("log_softmax")))
    return lambda: {log_call: renamed}
