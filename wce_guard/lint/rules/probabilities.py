"""WCE1xx: probabilities where logits or log-probabilities are expected."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from wce_guard.lint.lazy import lazy_import
from wce_guard.lint.rule import Example, Finding, Rule

if TYPE_CHECKING:
    from wce_guard.lint.analysis import Facts

cst = lazy_import("libcst")
analysis = lazy_import("wce_guard.lint.analysis")
names = lazy_import("wce_guard.lint.names")
syntax = lazy_import("wce_guard.lint.analysis.syntax")

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
    imported_triggers = triggers  # the loss in a helper's file, the softmax in the model's
    fix_availability = "sometimes"
    fix_note = """
when the softmax is written inside the loss call (`F.cross_entropy(F.softmax(x, 1),
y)`), the fix drops it; through a variable, whose other uses may still need the
probabilities, the finding is only reported."""
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
        Example(  # the variable is used only by the loss: the fix drops the softmax
            "import torch.nn.functional as F\n"
            "probs = F.softmax(model(x), dim=1)\n"
            "loss = F.cross_entropy(probs, y)\n",
            lines=(3,),
            fixed="import torch.nn.functional as F\n"
            "probs = model(x)\n"
            "loss = F.cross_entropy(probs, y)\n",
        ),
        Example(  # the probabilities are also used for metrics: reported, not fixed
            "import torch.nn.functional as F\n"
            "probs = F.softmax(model(x), dim=1)\n"
            "loss = F.cross_entropy(probs, y)\n"
            "accuracy = (probs.argmax(1) == y).float().mean()\n",
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
        for call, value in _given(facts, _CROSS_ENTROPY, analysis.Kind.PROBABILITIES):
            yield _finding(
                facts,
                call,
                value,
                "softmax",
                f"{_short(call.loss)} is given softmax output, but it applies log-softmax "
                f"itself: pass the logits (the softmax's input) instead",
                _drop(value.source, "softmax", call.site, _only_for_the_loss(facts, call, value)),
            )


class LogOfSoftmax(Rule):
    code = "WCE102"
    name = "log-of-softmax"
    summary = "The log of a softmax: use log_softmax, which is exact where this underflows."
    what_it_does = """
Finds the logarithm of softmax output (`torch.log(F.softmax(x, 1))`, `x.softmax(1).log()`,
through variables), and `exp` of a `log_softmax` whose log is taken again. A log kept from 0
by an epsilon or a clamp is reported where it is used as a likelihood: multiplied by anything
but the same probabilities (`onehot * torch.log(p + eps)`, a cross-entropy by hand) or given to
`nll_loss`. Weighted by the same probabilities (`-(p * p.clamp_min(1e-8).log()).sum()`, an
entropy bonus) it is correct and not reported."""
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
    # a softmax, and a log: torch.log (by any alias of torch), .log(), or log imported
    # under another name; not math.log, which takes a number
    triggers = (r"oftmax", r"(?<!math)\.log\(|import[^\n]*\blog\b")
    imported_triggers = (r"oftmax",)  # the model whose output a log is taken of
    fix_availability = "sometimes"
    fix_note = """
when the softmax is written inside the log (`torch.log(F.softmax(x, 1))`,
`x.softmax(1).log()`), the fix writes the log_softmax call with the same arguments."""
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
        reported = set()
        for call in facts.calls:
            if not _is_log(call.node, call.qualified):
                continue
            value = facts.value(call.node, call.site)
            if value is None or value.kind is not analysis.Kind.LOG_OF_PROBABILITIES:
                continue
            if value.nonzero and not self._used_as_likelihood(facts, value):
                continue  # guarded, and weighted by the probabilities: an entropy
            reported.add(call.node)
            yield Finding(
                call.node,
                "log of a softmax underflows to -inf for small probabilities"
                + (", and the clamp or epsilon that prevents it leaves confident mistakes "
                   "without a gradient" if value.nonzero else "")
                + ": use log_softmax with the same dim",
                fix=_log_softmax_fix(call.node, facts, call.site),
            )  # fmt: skip
        for call, value in _given(facts, _NLL, analysis.Kind.LOG_OF_PROBABILITIES):
            if value.source in reported:
                continue
            yield _finding(
                facts,
                call,
                value,
                "log",
                f"{_short(call.loss)} is given the log of a softmax: where a probability "
                f"underflows it is -inf, or, clamped, gives a confident mistake no gradient; "
                f"use log_softmax",
                None,
            )

    @staticmethod
    def _used_as_likelihood(facts: Facts, log) -> bool:
        """Whether a guarded log of probabilities is multiplied by anything but the same
        probabilities: a cross-entropy written by hand (``onehot * log(p + eps)``), whose
        clamp takes the gradient of confident mistakes. ``p * log(p + eps)`` is an entropy."""
        for product, site in facts.products:
            sides = [facts.value(side, site) for side in (product.left, product.right)]
            for this, other in (sides, sides[::-1]):
                weighted = other is not None and other.kind is analysis.Kind.PROBABILITIES
                if this is not None and this.source is log.source and not weighted:
                    return True
        return False


def _short(loss: str) -> str:
    return loss.rsplit(".", 1)[-1]


def _is_log(node, qualified: str | None) -> bool:
    if qualified is not None:
        return qualified == "torch.log"
    return (
        isinstance(node.func, ast.Attribute)
        and node.func.attr == "log"
        and not syntax.count_arguments(node)
    )


def _given(facts: Facts, losses: set[str], kind) -> Iterator[tuple]:
    """(loss call, value) for each loss call of ``losses`` reached whose input holds ``kind``,
    once per place a finding would be anchored."""
    anchors = set()
    for call in facts.loss_calls():
        if call.loss not in losses:
            continue
        value = call.value(call.input)
        if value is None or value.kind is not kind:
            continue
        anchor, _ = call.anchor(value)
        if anchor not in anchors:
            anchors.add(anchor)
            yield call, value


def _finding(facts: Facts, call, value, origin: str, message: str, fix) -> Finding:
    """A finding about ``value`` given to the loss ``call``, anchored where the user fixes
    it, naming the activation and the loss when they are elsewhere. Fixes rewrite only what
    is written in the loss call of the file being linted."""
    anchor, module = call.anchor(value)
    related = []
    source_module = facts.program.module_of(value.source) if value.source is not None else None
    if source_module is not None and value.source is not anchor:
        related.append((origin, value.source, source_module))
    if call.node is not anchor:
        related.append(("loss", call.node, call.facts))
    own = module is facts and call.facts is facts and not value.via
    return Finding(
        anchor,
        message,
        fix=fix if own else None,
        module=None if module is facts else module,
        related=tuple(related),
    )


def _activation_parts(node, activation: str, site) -> tuple | None:
    """For an activation written as a function of a module (``F.softmax(x, 1)``,
    ``torch.sigmoid(z)``) or as a method (``x.softmax(1)``): the call and its input. Forms
    a fix cannot rename safely (``from ... import softmax``, a layer object) give None."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    if node.func.attr != activation:
        return None
    if names.qualified_name(node.func, site.scope) is not None:
        first = analysis.argument(node, 0, "input")
        return (node, first) if first is not None else None
    return node, node.func.value


def _only_for_the_loss(facts: Facts, call, value) -> bool:
    """Whether the activation's output goes to the loss and nowhere else: written inside the
    loss call, or assigned to a name that only the loss reads."""
    if value.source is call.input:
        return True
    return facts.sole_assignment(call.input, call.site) is value.source


def _drop(activation_node, activation: str, site, inline: bool):
    """A fix that replaces an inline activation call by its input."""
    parts = _activation_parts(activation_node, activation, site) if inline else None
    if parts is None:
        return None
    call, logits = parts
    return lambda located: {located(call): located(logits)}


def _to_log_softmax(softmax_node, site, inline: bool):
    """A fix that turns an inline softmax call into log_softmax with the same arguments."""
    if not inline or _activation_parts(softmax_node, "softmax", site) is None:
        return None

    def fix(located):
        softmax = located(softmax_node)
        renamed = softmax.func.with_changes(attr=cst.Name("log_softmax"))
        return {softmax: softmax.with_changes(func=renamed)}

    return fix


def _log_softmax_fix(log_call, facts: Facts, site):
    """``torch.log(F.softmax(x, 1))`` and ``x.softmax(1).log()`` -> the log_softmax call."""
    if isinstance(log_call.func, ast.Attribute) and not syntax.count_arguments(log_call):
        inner = log_call.func.value  # p.log()
    else:
        inner = analysis.argument(log_call, 0, "input")
    rename = _to_log_softmax(inner, site, inline=inner is not None)
    if rename is None:
        return None
    return lambda located: {located(log_call): rename(located)[located(inner)]}


_NLL = {"torch.nn.functional.nll_loss", "torch.nn.NLLLoss"}
_BCE_WITH_LOGITS = {
    "torch.nn.functional.binary_cross_entropy_with_logits",
    "torch.nn.BCEWithLogitsLoss",
}
_BCE = {"torch.nn.functional.binary_cross_entropy", "torch.nn.BCELoss"}


class SoftmaxIntoNllLoss(Rule):
    code = "WCE103"
    name = "softmax-into-nll-loss"
    summary = "Softmax output is passed to nll_loss, which expects log-probabilities."
    what_it_does = """
Finds softmax output (not log-softmax) that reaches `F.nll_loss` or `nn.NLLLoss` as its input,
followed through variables, attributes, layers and helper functions."""
    why_is_it_bad = """
`nll_loss` computes `-input[target]`: it expects log-probabilities, which are <= 0. Given
probabilities, it maximises `p[target]` linearly instead of its log: the gradient vanishes for
the badly classified samples that need it most, and the loss value is not a cross-entropy."""
    example = """
probs = F.softmax(model(x), dim=1)
loss = F.nll_loss(probs, y)"""
    use_instead = """
log_probs = F.log_softmax(model(x), dim=1)
loss = F.nll_loss(log_probs, y)"""
    triggers = (r"nll_loss|NLLLoss", r"oftmax")
    imported_triggers = triggers  # the loss in a helper's file, the softmax in the model's
    fix_availability = "sometimes"
    fix_note = """
when the softmax is written inside the loss call, the fix turns it into log_softmax with
the same arguments; through a variable, the finding is only reported."""
    valid = (
        "import torch.nn.functional as F\nloss = F.nll_loss(F.log_softmax(z, dim=1), y)\n",
        "import torch\nfrom torch import nn\n"
        "head = nn.Sequential(nn.Linear(8, 3), nn.LogSoftmax(dim=1))\n"
        "loss = nn.NLLLoss()(head(x), y)\n",
        # probabilities computed for a metric next to a correct loss
        "import torch.nn.functional as F\n"
        "lp = F.log_softmax(z, 1)\nconfidence = lp.exp().max(1).values\nloss = F.nll_loss(lp, y)\n",
    )
    invalid = (
        Example(
            "import torch.nn.functional as F\nloss = F.nll_loss(F.softmax(z, dim=1), y)\n",
            lines=(2,),
        ),
        Example(  # wce-guard's checked twin is the same loss (the table of losses)
            "import torch\nimport wce_guard as wg\nloss = wg.nll_loss(torch.softmax(z, 1), y)\n",
            lines=(3,),
        ),
        Example(
            "import torch\nfrom torch import nn\n"
            "class Head(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.out = nn.Sequential(nn.Linear(8, 3), nn.Softmax(dim=1))\n"
            "    def forward(self, x):\n"
            "        return self.out(x)\n"
            "criterion = nn.NLLLoss(weight=w)\n"
            "loss = criterion(Head()(x), y)\n",
            lines=(10,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        for call, value in _given(facts, _NLL, analysis.Kind.PROBABILITIES):
            yield _finding(
                facts,
                call,
                value,
                "softmax",
                f"{_short(call.loss)} is given softmax output, but it expects "
                f"log-probabilities: use log_softmax",
                _to_log_softmax(value.source, call.site, value.source is call.input),
            )


class SigmoidIntoBCEWithLogits(Rule):
    code = "WCE104"
    name = "sigmoid-into-bce-with-logits"
    summary = "Sigmoid output is passed to a with-logits BCE, which applies sigmoid itself."
    what_it_does = """
Finds sigmoid output (`torch.sigmoid`, `x.sigmoid()`, an `nn.Sigmoid` layer, a model whose
`forward` ends in one) that reaches `F.binary_cross_entropy_with_logits` or
`nn.BCEWithLogitsLoss` as its input."""
    why_is_it_bad = """
The with-logits loss computes `sigmoid(input)` itself. Given probabilities, it applies sigmoid
twice: every prediction is squeezed into [0.5, 0.73], the loss cannot fall below about 0.31
for a positive, and the model learns slowly and is badly calibrated. Nothing fails."""
    example = """
probs = torch.sigmoid(model(x))
loss = F.binary_cross_entropy_with_logits(probs, y)"""
    use_instead = """
loss = F.binary_cross_entropy_with_logits(model(x), y)"""
    triggers = (r"with_logits|WithLogits", r"igmoid")
    imported_triggers = triggers
    fix_availability = "sometimes"
    fix_note = """
when the sigmoid is written inside the loss call, the fix drops it; through a variable,
the finding is only reported."""
    valid = (
        "import torch.nn.functional as F\n"
        "logits = model(x)\n"
        "loss = F.binary_cross_entropy_with_logits(logits, y)\n"
        "probs = logits.sigmoid()\n",
        # a Linear+Sigmoid block, but the loss is given the Linear's output
        "import torch\nfrom torch import nn\n"
        "linear, act = nn.Linear(8, 1), nn.Sigmoid()\n"
        "z = linear(x)\n"
        "p = act(z)\n"
        "loss = nn.BCEWithLogitsLoss()(z, y)\n",
    )
    invalid = (
        Example(
            "import torch\nimport torch.nn.functional as F\n"
            "loss = F.binary_cross_entropy_with_logits(torch.sigmoid(z), y, pos_weight=pw)\n",
            lines=(3,),
        ),
        Example(
            "import torch\nfrom torch import nn\n"
            "model = nn.Sequential(nn.Linear(8, 1), nn.Sigmoid())\n"
            "criterion = nn.BCEWithLogitsLoss()\n"
            "out = model(x)\n"
            "loss = criterion(out.squeeze(1), y)\n",
            lines=(6,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        for call, value in _given(facts, _BCE_WITH_LOGITS, analysis.Kind.SIGMOID):
            yield _finding(
                facts,
                call,
                value,
                "sigmoid",
                f"{_short(call.loss)} is given sigmoid output, but it applies sigmoid itself: "
                f"pass the logits (the sigmoid's input) instead",
                _drop(value.source, "sigmoid", call.site, value.source is call.input),
            )


class SigmoidThenBCE(Rule):
    code = "WCE105"
    name = "sigmoid-then-bce"
    summary = "Sigmoid then binary_cross_entropy: use the with-logits loss on the logits."
    what_it_does = """
Finds sigmoid output that reaches `F.binary_cross_entropy` or `nn.BCELoss`."""
    why_is_it_bad = """
Sigmoid rounds to exactly 0 or 1 in float32 once a logit passes about +-17 (+-9 in float16), and
`binary_cross_entropy` then clamps its log at -100: the loss saturates and the gradient of a
confidently wrong sample vanishes. `binary_cross_entropy_with_logits` computes the same loss
from the logits with the log-sum-exp trick, exactly, and it is the form autocast allows
(`binary_cross_entropy` raises under float16 autocast)."""
    example = """
probs = torch.sigmoid(model(x))
loss = F.binary_cross_entropy(probs, y)"""
    use_instead = """
loss = F.binary_cross_entropy_with_logits(model(x), y)
probs = torch.sigmoid(model(x))  # where the probabilities are needed"""
    triggers = (r"binary_cross_entropy|BCELoss", r"igmoid")
    imported_triggers = triggers
    fix_availability = "sometimes"
    fix_note = """
when the sigmoid is written inside the loss call, the fix passes its input to the with-
logits loss; through a variable, the finding is only reported."""
    valid = (
        "import torch.nn.functional as F\nloss = F.binary_cross_entropy_with_logits(z, y)\n",
        # probabilities from elsewhere (a calibrated model's output), not a sigmoid here
        "import torch.nn.functional as F\nloss = F.binary_cross_entropy(calibrated(x), y)\n",
        # sigmoid for metrics, the loss on the logits
        "import torch\nfrom torch import nn\n"
        "z = model(x)\nacc = (torch.sigmoid(z) > 0.5).float().mean()\n"
        "loss = nn.BCEWithLogitsLoss()(z, y)\n",
    )
    invalid = (
        Example(
            "import torch\nimport torch.nn.functional as F\n"
            "loss = F.binary_cross_entropy(torch.sigmoid(z), y, weight=w)\n",
            lines=(3,),
        ),
        Example(
            "import torch\nfrom torch import nn\n"
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.fc = nn.Linear(8, 1)\n"
            "    def forward(self, x):\n"
            "        return torch.sigmoid(self.fc(x))\n"
            "def train(model, loader, criterion=nn.BCELoss()):\n"
            "    for x, y in loader:\n"
            "        loss = criterion(model(x), y)\n"
            "train(Net(), loader)\n"
            "net = Net()\n"
            "loss = nn.BCELoss()(net(x), y)\n",
            lines=(11, 14),  # 11: train is called with a Net and the default BCELoss
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        for call, value in _given(facts, _BCE, analysis.Kind.SIGMOID):
            yield _finding(
                facts,
                call,
                value,
                "sigmoid",
                f"sigmoid then {_short(call.loss)} saturates and loses the gradient of "
                f"confident mistakes: use binary_cross_entropy_with_logits (or "
                f"BCEWithLogitsLoss) on the logits",
                _with_logits_fix(call, value),
            )


def _with_logits_fix(call, value):
    """``F.binary_cross_entropy(torch.sigmoid(z), y, ...)`` -> ``F.binary_cross_entropy_
    with_logits(z, y, ...)``: same arguments in the same order. Only for the functional form
    written as ``module.binary_cross_entropy`` with the sigmoid inside the call."""
    func = call.node.func
    if value.source is not call.input or not isinstance(func, ast.Attribute):
        return None
    if call.loss != "torch.nn.functional.binary_cross_entropy":
        return None
    parts = _activation_parts(value.source, "sigmoid", call.site)
    if parts is None:
        return None
    sigmoid, logits = parts

    def fix(located):
        loss, given = located(call.node), located(sigmoid)
        arguments = [
            arg.with_changes(value=located(logits)) if arg.value is given else arg
            for arg in loss.args
        ]
        renamed = loss.func.with_changes(attr=cst.Name("binary_cross_entropy_with_logits"))
        return {loss: loss.with_changes(func=renamed, args=arguments)}

    return fix
