"""WCE3xx: a class weight that stays on the CPU while the loss runs on another device."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from wce_guard.lint.lazy import lazy_import
from wce_guard.lint.rule import LOSS_NAMES, Example, Finding, Rule

if TYPE_CHECKING:
    from wce_guard.lint.analysis import Facts, LossCall

cst = lazy_import("libcst")
analysis = lazy_import("wce_guard.lint.analysis")
library = lazy_import("wce_guard.lint.analysis.library")

# Words of code that moves something to an accelerator, or of a framework that does.
_ACCELERATOR = r"\.cuda\(|\.to\(|LightningModule|Trainer|Accelerator|DataParallel"
_MESSAGE = (
    "{parameter} is created on the CPU and never moved, but this code moves the model or "
    "data to another device: {fix}"
)


def _on_cpu(value) -> bool:
    """A tensor made on the CPU and not moved (numpy arrays and lists are WCE205's)."""
    return (
        value is not None
        and value.kind in (analysis.Kind.TENSOR, analysis.Kind.WEIGHTS, analysis.Kind.COUNTS)
        and value.device == "cpu"
        and not value.array
    )


def _accelerated(facts: Facts, call: LossCall, weight) -> bool:
    """Evidence that the loss runs on an accelerator: where the weight is given, something
    may be moved to one (or a framework places the model); or so in the loss call's module,
    or in the linted one, when they are other modules."""
    if weight.facts.runs_on_accelerator(weight.site):
        return True
    if call.facts is not weight.facts and call.facts.runs_on_accelerator(call.site):
        return True
    return facts not in (weight.facts, call.facts) and facts.runs_on_accelerator()


def _anchored(facts: Facts, weight) -> tuple:
    """Where a finding about a CPU weight is reported: where it entered the function that
    gives it to the loss (``GivenWeight.anchor``), but at a plain attribute of a module,
    which is the cause."""
    if _module_attribute(weight):
        return weight.expression, None if weight.facts is facts else weight.facts
    return weight.anchor(facts)


def _module_attribute(weight) -> bool:
    """A weight read from ``self`` in a method of an ``nn.Module``: a plain attribute there
    is the cause, whatever its tensor came from, since
    moving the module does not move it."""
    expression = weight.expression
    klass = weight.facts.class_of(weight.site)
    return (
        klass is not None
        and weight.facts.is_module_class(klass)
        and isinstance(expression, ast.Attribute)
        and isinstance(expression.value, ast.Name)
        and expression.value.id == "self"
    )


def _cpu_weights(facts: Facts) -> Iterator:
    """Weights written in this module's loss constructors whose tensor was made on the CPU
    and not moved, in code that moves something to an accelerator; also weights that reach a
    constructor through ``**kwargs`` (a ``kwargs.setdefault("weight", w.to(device))`` in
    between keeps the caller's CPU tensor)."""
    uses = [use for use in facts.weight_uses() if use.constructor]
    uses += [use for use, _ in facts.kwargs_weight_uses()]
    for use in uses:
        if not facts.possible(use.site):
            continue  # in an arm that cannot run (`if MULTILABEL:` with MULTILABEL = False)
        if _on_cpu(facts.value(use.expression, use.site)) and facts.runs_on_accelerator(use.site):
            yield use


def _to_device_fix(expression, site, facts: Facts):
    """``weight=w`` -> ``weight=w.to(device)`` where a ``device`` name holds a value."""
    if not facts.is_bound("device", site):
        return None

    def fix(located):
        weight = located(expression)
        moved = cst.Call(
            func=cst.Attribute(value=weight, attr=cst.Name("to")),
            args=[cst.Arg(value=cst.Name("device"))],
        )
        return {weight: moved}

    return fix


def _buffer_fix(expression, site, facts: Facts):
    """``self.w = torch.tensor(...)`` -> ``self.register_buffer("w", torch.tensor(...))``
    for a weight given as a plain attribute of an ``nn.Module``, where that is always safe:
    the attribute is assigned once, by a plain statement of ``__init__`` after
    ``super().__init__()``, so no earlier attribute of that name makes register_buffer fail
    and nothing else assigns it."""
    if not (isinstance(expression, ast.Attribute) and isinstance(expression.value, ast.Name)):
        return None
    klass = facts.class_of(site)
    init = None if klass is None else klass.methods.get("__init__")
    name = expression.attr
    if init is None or not facts.is_module_class(klass) or expression.value.id != init.self_name:
        return None
    bindings = klass.attributes.get(name, [])
    if len(bindings) != 1 or bindings[0].site.scope is not init.scope:
        return None
    statement = _plain_assignment(init, bindings[0].value)
    if statement is None or not _after_super_init(init, statement):
        return None

    def fix(located):
        assignment = located(statement)
        register = cst.Call(
            func=cst.Attribute(value=cst.Name(init.self_name), attr=cst.Name("register_buffer")),
            args=[cst.Arg(cst.SimpleString(repr(name))), cst.Arg(assignment.value)],
        )
        return {assignment: cst.Expr(register)}

    return fix


def _plain_assignment(init, value) -> ast.Assign | None:
    """The statement ``self.<name> = value`` at the top level of ``__init__``'s body."""
    for statement in init.node.body:
        if isinstance(statement, ast.Assign) and statement.value is value:
            return statement if len(statement.targets) == 1 else None
    return None


def _after_super_init(init, assignment) -> bool:
    for statement in init.node.body:
        if statement is assignment:
            return False
        call = statement.value if isinstance(statement, ast.Expr) else None
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "__init__"
            and isinstance(call.func.value, ast.Call)
            and isinstance(call.func.value.func, ast.Name)
            and call.func.value.func.id == "super"
        ):
            return True
    return False


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
not. The weight may come from anywhere the analysis follows values: a caller, a factory
(`build_criterion(weights)`), a trainer's argument, `**config`, `functools.partial`, a
configuration class; the finding is where the CPU tensor enters the code that builds the loss.
Evidence of an accelerator: `.cuda()`, `.to(device)` (not to an explicit `"cpu"`, and not a
move made only in the other arm of the weight's `if`), or a framework that places the model
itself (a LightningModule, a transformers Trainer, accelerate, `DataParallel`)."""
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
    triggers = (r"weight", LOSS_NAMES, _ACCELERATOR)
    # the loss and its weight in a helper's file (the move is seen here)
    imported_triggers = (r"weight", LOSS_NAMES)
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
        # bound in both arms, moved after them
        "import torch\nfrom torch import nn\n"
        "model = Net().cuda()\n"
        "w = torch.tensor([1.0, 4.0])\n"
        "if smooth:\n"
        "    criterion = nn.CrossEntropyLoss(weight=w, label_smoothing=0.1)\n"
        "else:\n"
        "    criterion = nn.CrossEntropyLoss(weight=w)\n"
        "criterion = criterion.cuda()\n",
        # the CPU arm of an explicit device split
        "import torch\nfrom torch import nn\n"
        "w = torch.tensor([1.0, 4.0])\n"
        "if gpu:\n"
        "    model = Net().cuda()\n"
        "    criterion = nn.CrossEntropyLoss(weight=w.cuda())\n"
        "else:\n"
        "    model = Net()\n"
        "    criterion = nn.CrossEntropyLoss(weight=w)\n",
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
            "def build_criterion(weights):\n"
            "    return nn.CrossEntropyLoss(weight=weights)\n"
            "model = Net().cuda()\n"
            "criterion = build_criterion(torch.tensor([1.0, 4.0]))\n"
            "loss = criterion(model(x.cuda()), y.cuda())\n",
            lines=(6,),
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
        seen = set()
        # The constructors written here (also never called here).
        for use in _cpu_weights(facts):
            if use.call in moved or facts.is_submodule(use.call):
                continue
            seen.add(use.expression)
            yield _finding(use.parameter, use.expression, _to_device_fix(
                use.expression, use.site, facts))  # fmt: skip
        # The loss objects called in the code reached from here, with the weights their
        # constructors were given where they were made (a factory, a trainer's argument...).
        for call in facts.loss_calls():
            if call.loss not in library.LOSS_CLASSES or _held_by_a_module(call):
                continue  # (a module moves the losses it holds with it)
            for weight in call.weights():
                made, home = weight.call, weight.facts
                if not _on_cpu(weight.value) or made in moved or home.is_submodule(made):
                    continue
                if not _accelerated(facts, call, weight):
                    continue
                if made in call.facts.moved_losses() or made in home.moved_losses():
                    continue
                node, module = _anchored(facts, weight)
                if node in seen:
                    continue
                seen.add(node)
                own = node is weight.expression and module is None
                fix = _to_device_fix(node, weight.site, facts) if own else None
                yield _finding(weight.parameter, node, fix, module)


def _finding(parameter: str, node, fix, module=None) -> Finding:
    # The message names first what the fix writes, when there is one.
    advice = "move the criterion with criterion.to(device) (the weight is a buffer)"
    if fix is not None:
        advice = f"move it with .to(device) where it is given, or {advice}"
    return Finding(node, _MESSAGE.format(parameter=parameter, fix=advice), fix=fix, module=module)


def _held_by_a_module(call: LossCall) -> bool:
    """``self.criterion(...)`` in a method of a class with a base class: an ``nn.Module``
    registers the loss object it holds as a submodule, and moving it moves the loss."""
    func = call.node.func
    klass = call.facts.class_of(call.site)
    return (
        klass is not None
        and bool(klass.node.bases)
        and isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
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
    triggers = (r"weight", LOSS_NAMES, _ACCELERATOR)
    # the loss and its weight in a helper's file (the move is seen here)
    imported_triggers = (r"weight", LOSS_NAMES)
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
        # an explicit CPU device is not an accelerator
        "import torch\nimport torch.nn.functional as F\n"
        "device = torch.device('cpu')\n"
        "model.to(device)\n"
        "w = torch.tensor([1.0, 4.0])\n"
        "loss = F.cross_entropy(model(x), y, weight=w)\n",
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
            fixed="import torch\nimport torch.nn.functional as F\nfrom torch import nn\n"
            "class Model(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.fc = nn.Linear(8, 2)\n"
            "        self.register_buffer('class_weight', torch.tensor([1.0, 4.0]))\n"
            "    def training_step(self, x, y):\n"
            "        return F.cross_entropy(self.fc(x), y, weight=self.class_weight)\n"
            "model = Model().to('cuda')\n",
        ),
        Example(  # Lightning places the module: no .to() is written
            "import torch\nimport torch.nn.functional as F\nimport lightning as L\n"
            "class Model(L.LightningModule):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.fc = torch.nn.Linear(8, 2)\n"
            "    def training_step(self, batch, index):\n"
            "        x, y = batch\n"
            "        w = torch.tensor([1.0, 4.0])\n"
            "        return F.cross_entropy(self.fc(x), y, weight=w)\n",
            lines=(11,),
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
        seen = set()
        for call in facts.loss_calls():
            if call.loss not in library.LOSS_FUNCTIONS:
                continue
            loss_input = call.value(call.input)
            if loss_input is not None and loss_input.device == "cpu":
                continue  # the loss runs on the CPU on purpose
            for weight in call.weights():
                if not _on_cpu(weight.value) or not _accelerated(facts, call, weight):
                    continue
                node, module = _anchored(facts, weight)
                if node in seen:
                    continue
                seen.add(node)
                fix = None
                if node is weight.expression and module is None:
                    fix = _buffer_fix(node, weight.site, facts) or _to_device_fix(
                        node, weight.site, facts
                    )
                yield Finding(
                    node,
                    _MESSAGE.format(
                        parameter=weight.parameter,
                        fix="create it with device= or move it with .to(device); in a module, "
                        "register it as a buffer",
                    ),
                    fix=fix,
                    module=module,
                )


class CpuWeightByHand(Rule):
    code = "WCE303"
    name = "cpu-weight-by-hand"
    summary = "A CPU class weight multiplies a loss term that is on another device."
    what_it_does = """
Finds a class weight tensor made on the CPU and never moved (a plain attribute of a module
too) that multiplies per-sample losses or log-probabilities by hand, `w[target] * loss` or
`self.class_weight * log_probs`, in code that moves the model or the data to an accelerator
(or runs under a framework that does: Lightning, a transformers Trainer, accelerate)."""
    why_is_it_bad = """
Arithmetic between a CPU tensor and a GPU tensor fails with "Expected all tensors to be on the
same device" (a 0-d CPU tensor is the one exception). Written by hand, the weighting escapes
the loss's own `weight=` and any check that comes with it; the script that ran on a laptop
fails on the first step on a GPU."""
    example = """
w = torch.tensor([1.0, 4.0])
per_sample = F.cross_entropy(model(x), y, reduction="none")
loss = (w[y] * per_sample).mean()"""
    use_instead = """
w = torch.tensor([1.0, 4.0], device=device)
per_sample = F.cross_entropy(model(x), y, reduction="none")
loss = (w[y] * per_sample).mean()"""
    triggers = (r"weight|alpha|\bw\b", r"reduction\s*=\s*['\"]none|log_softmax\(", _ACCELERATOR)
    imported_triggers = triggers  # the loss module's file, the move in the script's
    fix_availability = "never"
    valid = (
        # made on the device
        "import torch\nimport torch.nn.functional as F\n"
        "model = model.cuda()\n"
        "w = torch.tensor([1.0, 4.0], device='cuda')\n"
        "per_sample = F.cross_entropy(model(x), y, reduction='none')\n"
        "loss = (w[y] * per_sample).mean()\n",
        # everything on the CPU
        "import torch\nimport torch.nn.functional as F\n"
        "w = torch.tensor([1.0, 4.0])\n"
        "per_sample = F.cross_entropy(model(x), y, reduction='none')\n"
        "loss = (w[y] * per_sample).mean()\n",
        # a buffer moves with the module
        "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n"
        "class Loss(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.register_buffer('w', torch.tensor([1.0, 4.0]))\n"
        "    def forward(self, z, y):\n"
        "        return -(self.w * F.log_softmax(z, 1)).sum(1).mean()\n"
        "criterion = Loss().to('cuda')\n",
    )
    invalid = (
        Example(
            "import torch\nimport torch.nn.functional as F\n"
            "model = model.cuda()\n"
            "w = torch.tensor([1.0, 4.0])\n"
            "per_sample = F.cross_entropy(model(x), y, reduction='none')\n"
            "loss = (w[y] * per_sample).mean()\n",
            lines=(6,),
        ),
        Example(
            "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n"
            "class Loss(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.class_weight = torch.tensor([1.0, 4.0])\n"
            "    def forward(self, z, y):\n"
            "        return -(self.class_weight * F.log_softmax(z, 1)).sum(1).mean()\n"
            "criterion = Loss().to('cuda')\n",
            lines=(9,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        # The products of this module where it may run on an accelerator, and those of the
        # methods of the module classes whose objects this module moves to one.
        places = [(facts, product, site) for product, site in facts.products
                  if facts.runs_on_accelerator(site)]  # fmt: skip
        for klass in facts.moved_classes():
            home = klass.facts
            scopes = {method.scope for method in klass.methods.values()}
            places += [(home, product, site) for product, site in home.products
                       if site.scope in scopes]  # fmt: skip
        seen = set()
        for home, product, site in places:
            if product in seen or _inside_a_product(product, home):
                continue
            seen.add(product)
            values = [home.value(_indexed(factor), site) for factor in _factors(product)]
            if any(_on_cpu(v) for v in values) and any(_loss_term(v) for v in values):
                yield Finding(
                    product,
                    "a class weight created on the CPU and never moved multiplies a loss "
                    "term, but this code moves the model or data to another device: create "
                    "it with device= or move it with .to(device); in a module, register it "
                    "as a buffer",
                    module=None if home is facts else home,
                )


def _loss_term(value) -> bool:
    Kind = analysis.Kind
    terms = (Kind.PER_SAMPLE_LOSS, Kind.LOG_PROBABILITIES, Kind.LOG_OF_PROBABILITIES)
    return value is not None and value.kind in terms


def _factors(product) -> list:
    """The factors of a chain of products: ``-w[y] * (1 - p) ** g * logp`` has three."""
    if isinstance(product, ast.BinOp) and isinstance(product.op, ast.Mult):
        return _factors(product.left) + _factors(product.right)
    return [product]


def _inside_a_product(product, home: Facts) -> bool:
    """Whether ``product`` is a factor of a larger product (judged with it, once)."""
    return product in home.product_factors()


def _indexed(expression):
    """``-w[y]`` -> ``w``: a weight indexed by the labels is where the weight is."""
    while True:
        if isinstance(expression, ast.Subscript):
            expression = expression.value
        elif isinstance(expression, ast.UnaryOp):
            expression = expression.operand
        else:
            return expression
