"""WCE3xx: a class weight that stays on the CPU while the loss runs on another device."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from wce_guard.lint.lazy import lazy_import
from wce_guard.lint.rule import LOSS_NAMES, Example, Finding, Rule

if TYPE_CHECKING:
    from wce_guard.lint.analysis import Facts

cst = lazy_import("libcst")

_MESSAGE = (
    "{parameter} is created on the CPU and never moved, but this code moves the model or "
    "data to another device: {fix}"
)


def _cpu_weights(facts: Facts, constructor: bool) -> Iterator:
    """Weight uses whose tensor was made on the CPU and not moved, in code that moves
    something to an accelerator. For loss constructors this includes weights that reach them
    through ``**kwargs`` (a ``kwargs.setdefault("weight", w.to(device))`` in between keeps
    the caller's CPU tensor)."""
    if not facts.moves_to_accelerator():
        return
    uses = list(facts.weight_uses())
    if constructor:
        uses += [use for use, _ in facts.kwargs_weight_uses()]
    for use in uses:
        if use.constructor is not constructor:
            continue
        value = facts.value(use.expression, use.site)
        if value is not None and value.device == "cpu" and not value.array:
            yield use


def _to_device_fix(use, facts: Facts):
    """``weight=w`` -> ``weight=w.to(device)`` where a ``device`` name holds a value."""
    if not facts.is_bound("device", use.site):
        return None
    expression = use.expression

    def fix():
        moved = cst.Call(
            func=cst.Attribute(value=expression, attr=cst.Name("to")),
            args=[cst.Arg(value=cst.Name("device"))],
        )
        return {expression: moved}

    return fix


class CpuWeightInLossModule(Rule):
    code = "WCE301"
    name = "cpu-weight-in-loss-module"
    summary = "A loss module gets a CPU weight, and neither it nor the weight is moved."
    what_it_does = """
Finds a class weight tensor created without a device (`torch.tensor(...)`, weights from a
CPU `bincount`) given to `nn.CrossEntropyLoss(weight=...)` (or `NLLLoss`, `BCELoss`,
`BCEWithLogitsLoss`'s `weight` and `pos_weight`) in code that moves the model or the data to
an accelerator, when neither the criterion (`criterion.to(device)`) nor the weight is moved.
A criterion kept as an attribute of a module is moved with it; one kept in a plain list is
not."""
    why_is_it_bad = """
The loss runs where its inputs are. A weight left on the CPU fails the first training step on
a GPU with "Expected all tensors to be on the same device", after data loading, model
construction and often a long wait for a GPU: the script worked on the laptop and fails on
the cluster."""
    example = """
model = Net().to(device)
criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 4.0]))"""
    use_instead = """
model = Net().to(device)
criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 4.0])).to(device)"""
    triggers = (r"weight", LOSS_NAMES, r"\.cuda\(|\.to\(")
    fix_availability = "sometimes"
    fix_note = """
when a variable named `device` holds a value where the loss is made, the fix moves the
weight: `weight=w.to(device)`; otherwise the finding is only reported."""
    valid = (
        # the criterion is moved
        "import torch\nfrom torch import nn\n"
        "model = Net().to(device)\n"
        "criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 4.0]))\n"
        "criterion.to(device)\n",
        # the weight is made on the device, or moved
        "import torch\nfrom torch import nn\n"
        "model = Net().cuda()\n"
        "w = torch.tensor([1.0, 4.0], device='cuda')\n"
        "criterion = nn.CrossEntropyLoss(weight=w)\n",
        "import torch\nfrom torch import nn\n"
        "model = Net().to(device)\n"
        "w = torch.tensor([1.0, 4.0])\nw = w.to(device)\n"
        "criterion = nn.CrossEntropyLoss(weight=w)\n",
        # everything on the CPU
        "import torch\nfrom torch import nn\n"
        "criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 4.0]))\n",
        # a criterion attribute of a module is moved with the module
        "import torch\nfrom torch import nn\n"
        "class Model(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 4.0]))\n"
        "model = Model().to(device)\n",
    )
    invalid = (
        Example(
            "import torch\nfrom torch import nn\n"
            "device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')\n"
            "model = Net().to(device)\n"
            "weights = torch.tensor([1.0, 4.0, 9.0])\n"
            "criterion = nn.CrossEntropyLoss(weight=weights)\n",
            lines=(6,),
        ),
        Example(
            "import torch\nfrom torch import nn\n"
            "class Trainer:\n"
            "    def __init__(self, model, counts):\n"
            "        self.model = model.cuda()\n"
            "        w = torch.tensor(counts.max() / counts, dtype=torch.float32)\n"
            "        w.cuda()  # not in place: w stays on the CPU\n"
            "        self.criteria = [nn.CrossEntropyLoss(weight=w)]\n",
            lines=(8,),
        ),
        Example(
            "import torch\nfrom torch import nn\n"
            "def make_criterion(device, **kwargs):\n"
            "    kwargs.setdefault('weight', torch.ones(3).to(device))\n"
            "    return nn.CrossEntropyLoss(**kwargs)\n"
            "model = Net().to('cuda')\n"
            "criterion = make_criterion('cuda', weight=torch.tensor([1.0, 2.0, 3.0]))\n",
            lines=(7,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        moved = facts.moved_losses()
        for use in _cpu_weights(facts, constructor=True):
            if use.call in moved or facts.is_submodule(use.call):
                continue
            fix = _to_device_fix(use, facts)
            # The message names first what the fix writes, when there is one.
            advice = "move the criterion with criterion.to(device) (the weight is a buffer)"
            if fix is not None:
                advice = f"move it with .to(device) where it is given, or {advice}"
            yield Finding(
                use.expression,
                _MESSAGE.format(parameter=use.parameter, fix=advice),
                fix=fix,
            )


class CpuWeightInFunctionalLoss(Rule):
    code = "WCE302"
    name = "cpu-weight-in-functional-loss"
    summary = "A functional loss gets a CPU weight in code that runs on another device."
    what_it_does = """
Finds a class weight tensor created without a device and never moved, given to
`F.cross_entropy(..., weight=...)` or another functional loss, in code that moves the model or
the data to an accelerator. Weights stored as plain attributes of a module (not buffers) look
moved with the module but are not, and are found too."""
    why_is_it_bad = """
A functional loss runs on its inputs' device and needs the weight there: on a GPU, a CPU
weight fails with "Expected all tensors to be on the same device". A plain tensor attribute
of an `nn.Module` does not move with `model.to(device)`; only parameters and buffers do."""
    example = """
self.class_weight = torch.tensor([1.0, 4.0])  # a plain attribute: not moved with the model
...
loss = F.cross_entropy(self(x), y, weight=self.class_weight)"""
    use_instead = """
self.register_buffer("class_weight", torch.tensor([1.0, 4.0]))  # moves with the model
...
loss = F.cross_entropy(self(x), y, weight=self.class_weight)"""
    triggers = (r"weight", LOSS_NAMES, r"\.cuda\(|\.to\(")
    fix_availability = "sometimes"
    fix_note = """
when a variable named `device` holds a value where the loss is called, the fix moves the
weight: `weight=w.to(device)`; otherwise the finding is only reported."""
    valid = (
        "import torch\nimport torch.nn.functional as F\n"
        "x = x.to(device)\n"
        "w = torch.ones(3, device=device)\n"
        "loss = F.cross_entropy(model(x), y, weight=w)\n",
        # a buffer moves with the module
        "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n"
        "class Model(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.register_buffer('w', torch.tensor([1.0, 4.0]))\n"
        "    def loss(self, x, y):\n"
        "        return F.cross_entropy(self(x), y, weight=self.w)\n"
        "model = Model().cuda()\n",
        # evaluated on the CPU on purpose
        "import torch\nimport torch.nn.functional as F\n"
        "model.cuda()\n"
        "w = torch.tensor([1.0, 4.0])\n"
        "cpu_loss = F.cross_entropy(model(x).cpu(), y.cpu(), weight=w)\n",
    )
    invalid = (
        Example(
            "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n"
            "class Model(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.fc = nn.Linear(8, 2)\n"
            "        self.class_weight = torch.tensor([1.0, 4.0])\n"
            "    def training_step(self, x, y):\n"
            "        return F.cross_entropy(self.fc(x), y, weight=self.class_weight)\n"
            "model = Model().to('cuda')\n",
            lines=(10,),
        ),
        Example(
            "import torch\nimport torch.nn.functional as F\n"
            "device = 'cuda'\n"
            "def step(model, x, y):\n"
            "    x, y = x.to(device), y.to(device)\n"
            "    w = torch.tensor([0.5, 2.0])\n"
            "    return F.binary_cross_entropy_with_logits(model(x), y, pos_weight=w)\n",
            lines=(7,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        for use in _cpu_weights(facts, constructor=False):
            loss_input = facts.value(cst.ensure_type(use.call, cst.Call).args[0].value, use.site)
            if loss_input is not None and loss_input.device == "cpu":
                continue  # the loss runs on the CPU on purpose
            yield Finding(
                use.expression,
                _MESSAGE.format(
                    parameter=use.parameter,
                    fix="create it with device= or move it with .to(device); in a module, "
                    "register it as a buffer",
                ),
                fix=_to_device_fix(use, facts),
            )
