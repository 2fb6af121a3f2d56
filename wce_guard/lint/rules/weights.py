"""WCE2xx: class weights that are too short, infinite, of the wrong scale, dtype or type."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from wce_guard.lint.lazy import lazy_import
from wce_guard.lint.rule import LOSS_NAMES, Example, Finding, Rule

if TYPE_CHECKING:
    from wce_guard.lint.analysis import Facts

cst = lazy_import("libcst")
analysis = lazy_import("wce_guard.lint.analysis")
syntax = lazy_import("wce_guard.lint.analysis.syntax")

# Names that hold the class count, by convention; a fix uses one only if it is bound.
_CLASS_COUNT_NAMES = ("num_classes", "n_classes", "NUM_CLASSES", "N_CLASSES", "nclasses")


# Counts with a zero, written as a list (in a configuration): several numbers of two digits
# or more, and a 0 (not [255, 0, 0], [10, 0])
_COUNTS_WRITTEN = r"\[\d{2,}(, \d{2,})+, 0\b"
# Counts however made (hand-written ones too: (y == c).sum(), np.sum(y == c), y.ne(0).sum(),
# sum(1 for ... if ...), len([... if ...])), a literal with a zero, or a total over amounts
# (x.sum() / x) or amounts over their total (x / x.sum()): what the rules that follow counts
# into a division need in a file's text.
_COUNTS_MADE = (
    r"bincount|Counter|value_counts|return_counts|==[^=\n]*\)\.sum\(|\.(ne|eq)\(|sum\(1 for"
    r"|\.sum\([^()\n]*[!=]=|count_nonzero|\.sum\(\)\s*/\s*[(\w]|/\s*[A-Za-z_][\w.]*\.sum\(\)"
    r"|len\(\[|(tensor|array)\(\[([^\]]*[, ])?0\.?0*[,\]]|" + _COUNTS_WRITTEN
)


def _weights_given(facts: Facts) -> Iterator[tuple]:
    """(given weight, value, anchor, its module or None) for every class weight whose value
    is known: given to a loss written here, or to a loss reached in any context (a weight
    made by a caller, a factory, another file), once per place it is reported."""
    seen = set()
    for use in facts.weight_uses():
        value = facts.value(use.expression, use.site)
        if value is not None:
            seen.add((use.expression, value.source))
            yield use, value, use.expression, None
    for call in facts.loss_calls():
        for weight in call.weights():
            if weight.value is None:
                continue
            anchor, module = weight.anchor(facts)
            if (anchor, weight.value.source) in seen:
                continue
            seen.add((anchor, weight.value.source))
            yield weight, weight.value, anchor, module


def _counts_behind(value):
    """The bincount a weight comes from: the counts themselves, or the counts divided into."""
    if value.kind is analysis.Kind.COUNTS:
        return value
    if value.kind is analysis.Kind.WEIGHTS and value.derived_from is not None:
        return value.derived_from
    return None


class BincountWithoutMinlength(Rule):
    code = "WCE201"
    name = "bincount-without-minlength"
    summary = "Class weights from bincount without minlength: one short when a class is absent."
    what_it_does = """
Finds class weights computed from `torch.bincount(y)` or `np.bincount(y)` without `minlength`,
or from counts of the classes present only (`collections.Counter`, pandas' `value_counts`
used through `dict(...)`, `.to_dict()`, `.values`, `.sort_index()` or `[i]`,
`np.unique`/`torch.unique` with `return_counts=True`), that are given to a loss (`weight=`),
followed through variables, helper functions, classes and files."""
    why_is_it_bad = """
`bincount` returns `max(y) + 1` entries. When the last classes are absent from the labels it
counted (a small dataset, a subset, a mini-batch), the weights are too short: PyTorch raises
a shape error on the day that happens, or, with the weights indexed by hand, the wrong class
gets the wrong weight."""
    example = """
counts = torch.bincount(train_labels)
criterion = nn.CrossEntropyLoss(weight=1.0 / counts)"""
    use_instead = """
counts = torch.bincount(train_labels, minlength=num_classes)
criterion = nn.CrossEntropyLoss(weight=counts.sum() / (num_classes * counts.clamp(min=1)))
# or: wce_guard.class_weights(wce_guard.class_counts(train_labels, num_classes))"""
    triggers = (r"bincount|Counter|value_counts|unique", r"weight", LOSS_NAMES)
    fix_availability = "sometimes"
    fix_note = """
when a variable named `num_classes`, `n_classes`, `NUM_CLASSES`, `N_CLASSES` or
`nclasses` holds a value where bincount is called, the fix adds `minlength=` that
variable; otherwise the finding is only reported."""
    valid = (
        "import torch\nfrom torch import nn\n"
        "counts = torch.bincount(y, minlength=10).clamp(min=1)\n"
        "criterion = nn.CrossEntropyLoss(weight=1.0 / counts)\n",
        # counts for a histogram, not weights
        "import torch\nhistogram = torch.bincount(y)\nprint(histogram)\n",
        "import torch\nimport torch.nn.functional as F\n"
        "counts = torch.bincount(y, None, 5)\n"
        "loss = F.cross_entropy(z, y, weight=1 / (counts + 1))\n",
    )
    invalid = (
        Example(
            "import torch\nfrom torch import nn\n"
            "num_classes = 10\n"
            "counts = torch.bincount(labels)\n"
            "criterion = nn.CrossEntropyLoss(weight=counts.sum() / (num_classes * counts + 1))\n",
            lines=(4,),
            fixed="import torch\nfrom torch import nn\n"
            "num_classes = 10\n"
            "counts = torch.bincount(labels, minlength=num_classes)\n"
            "criterion = nn.CrossEntropyLoss(weight=counts.sum() / (num_classes * counts + 1))\n",
        ),
        Example(
            "import numpy as np\nimport torch\nimport torch.nn.functional as F\n"
            "def weights_of(y):\n"
            "    return torch.tensor(1.0 / np.maximum(np.bincount(y), 1), dtype=torch.float32)\n"
            "loss = F.cross_entropy(z, y, weight=weights_of(y))\n",
            lines=(5,),
        ),
        Example(
            "from collections import Counter\nimport torch\nfrom torch import nn\n"
            "counts = Counter(labels)\n"
            "w = torch.tensor([1.0 / n for n in counts.values()])\n"
            "criterion = nn.CrossEntropyLoss(weight=w)\n",
            lines=(4,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        reported = set()
        for _, value, _, _ in _weights_given(facts):
            counts = _counts_behind(value)
            if counts is None or counts.source in reported or _has_minlength(counts.source):
                continue
            if counts.complete and not _is_bincount(counts.source):
                continue  # counted for every class (a comprehension over range(C))
            reported.add(counts.source)
            home = facts.program.module_of(counts.source) or facts
            yield Finding(
                counts.source,
                (
                    "class counts from bincount without minlength are one entry short for "
                    "each absent last class: pass minlength=<number of classes>"
                    if _is_bincount(counts.source)
                    else "class counts that list only the classes present make weights too "
                    "short (and misordered) when a class is absent: count with "
                    "torch.bincount(y, minlength=C) or wce_guard.class_counts"
                ),
                fix=_minlength_fix(counts.source, facts) if home is facts else None,
                module=None if home is facts else home,
            )


def _is_bincount(call) -> bool:
    return isinstance(call, ast.Call) and syntax.called_name(call.func) == "bincount"


def _has_minlength(call) -> bool:
    return _is_bincount(call) and analysis.argument(call, 2, "minlength") is not None


def _minlength_fix(call, facts: Facts):
    """Add ``minlength=num_classes`` when such a name holds a value where bincount is called."""
    site = facts.site_of(call)
    if site is None or not _is_bincount(call):
        return None
    for name in _CLASS_COUNT_NAMES:
        if facts.is_bound(name, site):
            return lambda located: _with_minlength(located(call), name)
    return None


def _with_minlength(call, name: str) -> dict:
    argument = _keyword_argument("minlength", cst.Name(name))
    return {call: call.with_changes(args=[*call.args, argument])}


def _keyword_argument(name: str, value):
    """``name=value``, written as PEP 8 writes a keyword argument."""
    tight = cst.AssignEqual(
        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
    )
    return cst.Arg(keyword=cst.Name(name), value=value, equal=tight)


class DivisionByZeroCount(Rule):
    code = "WCE202"
    name = "division-by-zero-count"
    summary = "Weights divide by class counts that may be zero: an inf weight, then a NaN loss."
    what_it_does = """
Finds class weights computed by dividing by class counts that may be zero (`1 / counts`,
`N / counts`, `counts.max() / counts`) with no clamp, epsilon or mask that keeps them from
zero. Counts are followed however they are made: `bincount`, `unique(return_counts=True)`,
`Counter`, `value_counts`, `(y == c).sum()` or `np.sum(y == c)` per class, counts scattered
or accumulated into `zeros(C)` in a loop, a literal with a zero, numbers read from a file
(`total / counts`). Also divisions by what is zero where counts are: a share of them
(median-frequency weights `median(freq) / freq`), `1 - beta ** n`, and the minimum of
`1 - share`. Guards it knows: `clamp`/`clip`, `+ eps`, `np.maximum`, `torch.where`, a masked
assignment (`counts[counts == 0] = 1`, `w[w == inf] = 0`), `counts[counts > 0]`, an `assert`,
counts of classes drawn from the labels counted (`for c in np.unique(y)`)."""
    why_is_it_bad = """
A class with no sample has count 0, so its weight is `inf`. The loss is `inf * 0 = NaN` as soon
as that class appears (label smoothing makes every class appear), and one NaN step ruins the
weights of the model. It happens on the day a class is missing from the data the counts came
from, not in the test that ran on complete data."""
    example = """
counts = torch.bincount(labels, minlength=num_classes)
weight = 1.0 / counts"""
    use_instead = """
counts = torch.bincount(labels, minlength=num_classes)
weight = 1.0 / counts.clamp(min=1)
# or: wce_guard.class_weights(counts, on_zero="zero")"""
    triggers = (_COUNTS_MADE, r"/")
    # the division in the files the script calls into, and counts a config file writes
    imported_triggers = triggers
    imported_as: ClassVar[dict[str, str]] = {_COUNTS_MADE: _COUNTS_WRITTEN}
    valid = (
        "import torch\ncounts = torch.bincount(y, minlength=5)\nw = 1.0 / counts.clamp(min=1)\n",
        "import torch\n"
        "counts = torch.bincount(y, minlength=5).float() + 1e-6\n"
        "w = counts.sum() / counts\n",
        "import numpy as np\nc = np.bincount(y, minlength=4)\nw = len(y) / np.maximum(c, 1)\n",
        # frequencies: dividing counts, not by them
        "import torch\ncounts = torch.bincount(y, minlength=5)\nfreq = counts / counts.sum()\n",
        # a masked assignment keeps the counts from zero, or the weights from inf
        "import torch\ncounts = torch.bincount(y, minlength=5).float()\n"
        "counts[counts == 0] = 1\nw = counts.max() / counts\n",
        "import numpy as np\ncounts = np.bincount(y, minlength=5)\nw = counts.sum() / counts\n"
        "w[w == np.inf] = 0\n",
        # counts of the classes drawn from the labels counted are never zero (whatever else
        # the name c is used for)
        "import numpy as np\nnames = [str(c) for c in range(10)]\n"
        "w = [len(y) / np.sum(y == c) for c in np.unique(y)]\n",
        # a per-class accuracy: hits per class over samples per class, not weights
        "import torch\nhits = torch.zeros(10)\ntotal = torch.zeros(10)\n"
        "for p, t in zip(pred, y):\n    hits[t] += p == t\n    total[t] += 1\n"
        "accuracy = hits / total\n",
        # amounts summed per class, over counts per class, or over other sums: means
        "import torch\nhits = torch.zeros(10)\ntotal = torch.zeros(10)\n"
        "for i, t in enumerate(y):\n    hits[t] += correct[i].item()\n    total[t] += 1\n"
        "accuracy = hits / total\n",
        "import numpy as np\nsessions = np.zeros(len(models))\n"
        "for i, m in enumerate(models):\n    sessions[i] += stats(m).shape[0]\n"
        "means = sums / sessions[:, None]\n",
        # a metric: one count, not one per class; a ratio of two extremes
        "import numpy as np\nrecall = np.sum((p == 1) & (y == 1)) / np.sum(y == 1)\n",
        "import torch\ncounts = torch.bincount(y, minlength=10)\n"
        "print(counts.max() / counts.min())\n",
        # a mean over the tokens of each row: counts per row
        "import torch\nlengths = torch.sum(ids != pad, dim=1, keepdim=True)\n"
        "pooled = (h * mask).sum(dim=1) / lengths\n",
        # the inf entries are never used: where, a masked write, nan_to_num
        "import torch\ncounts = torch.bincount(y, minlength=5).float()\n"
        "w = torch.where(counts > 0, counts.sum() / counts, torch.zeros_like(counts))\n",
        "import torch\ncounts = torch.bincount(y, minlength=5).float()\nw = 1.0 / counts\n"
        "w[counts == 0] = 0\n",
        "import torch\ncounts = torch.bincount(y, minlength=5).float()\nw = 1.0 / counts\n"
        "w = torch.nan_to_num(w, posinf=0.0)\n",
        # per-sample weights only (a keyword of the same name is not a read)
        "import numpy as np\nclass_weight = len(y) / np.bincount(y, minlength=3)\n"
        "model.fit(x, y, sample_weight=class_weight[y])\nmodel.set_params(class_weight=None)\n",
        # guarded at module level, used in a function
        "import torch\nfrom torch import nn\ncounts = torch.bincount(y, minlength=5).float()\n"
        "counts = counts.clamp(min=1)\ndef make_loss():\n"
        "    return nn.CrossEntropyLoss(weight=1.0 / counts)\n",
    )
    invalid = (
        Example(
            "import torch\ncounts = torch.bincount(y, minlength=5)\nweight = 1.0 / counts\n",
            lines=(3,),
        ),
        Example(
            "import numpy as np\nimport torch\nfrom torch import nn\n"
            "class_counts = np.bincount(train_labels, minlength=3)\n"
            "weights = class_counts.max() / class_counts\n"
            "criterion = nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32))\n",
            lines=(5,),
        ),
        # counts accumulated into zeros(C): a class never seen stays 0
        Example(
            "import numpy as np\nhist = np.zeros(5)\nfor label in labels:\n"
            "    hist[label] += 1\nw = hist.sum() / hist\n",
            lines=(5,),
        ),
        # the minimum of 1 - share is 0 when one class holds every sample
        Example(
            "import torch\ncounts = torch.bincount(y, minlength=3).float()\n"
            "w = 1.0 - counts / len(y)\nw = w / w.min()\n",
            lines=(4,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        reported = set()
        for expression, site in facts.divisions():
            divisor = facts.value(expression.right, site)
            if divisor is None or divisor.kind is not analysis.Kind.COUNTS or divisor.nonzero:
                continue
            if divisor.single:
                continue  # a metric (tp / positives); weights from it are judged at the loss
            numerator = facts.value(expression.left, site)
            per_class = numerator is not None and numerator.reduced_from is None
            if divisor.reduced_from is not None and not per_class:
                continue  # one number over another (max / min): a ratio, not weights
            if (
                per_class
                and (numerator.kind is analysis.Kind.COUNTS or numerator.summed)
                and divisor.reduced_from is None
            ):
                continue  # sums per class over counts per class: a grouped mean, not weights
            if facts.asserted_positive(divisor, site):
                continue  # the code says every class is present
            if facts.only_indexed(expression, site):
                continue  # per-sample weights w[labels] never read an absent class's entry
            if facts.infinities_replaced(expression, site):
                continue  # w[w == inf] = 0: an absent class weighs nothing
            reported.add(expression)
            yield Finding(expression, _ZERO_DIVISION)
        # Weights a loss is given in a context: made by a division by counts that may be zero
        # (counts given to a loss module's constructor, a helper's parameter).
        for _, value, _, _ in _weights_given(facts):
            counts = value.derived_from
            division = value.source
            if (
                value.kind is not analysis.Kind.WEIGHTS
                or counts is None
                or counts.nonzero
                or division in reported
                or not isinstance(division, ast.BinOp)
            ):
                continue
            reported.add(division)
            home = facts.program.module_of(division) or facts
            yield Finding(division, _ZERO_DIVISION, module=None if home is facts else home)


_ZERO_DIVISION = (
    "division by class counts that may be zero gives an inf weight and a NaN loss: clamp the "
    "counts (counts.clamp(min=1)) or use wce_guard.class_weights"
)


class UnnormalisedWeights(Rule):
    code = "WCE203"
    name = "unnormalised-weights"
    summary = "Raw inverse-count weights with reduction 'sum' or 'none': their scale is the step."
    what_it_does = """
Finds class weights computed as raw inverse counts (`1 / counts`, `N / counts`, also of
counts written in a literal) and given to a loss with `reduction="sum"` or
`reduction="none"`, and weighted means written by hand that divide by N
(`(w[y] * loss).mean()`, `(w[y] * loss).sum() / len(y)`), also inside a helper, a loss module
or a trainer that is given the counts or weights."""
    why_is_it_bad = """
With `reduction="mean"` and class-index targets PyTorch divides by the sum of the targets'
weights, so the weights' scale cancels. With `"sum"` or `"none"` it does not: `1 / counts` for
counts in the thousands shrinks the loss, and the learning rate with it, by that factor,
and it changes whenever the dataset grows. A hand-written `(w[y] * loss).mean()` divides by N,
not by the sum of the weights, and has the same problem."""
    example = """
weight = 1.0 / torch.bincount(y, minlength=C).clamp(min=1)
criterion = nn.CrossEntropyLoss(weight=weight, reduction="sum")"""
    use_instead = """
weight = wce_guard.class_weights(counts, normalize="mean")  # a scale chosen on purpose
criterion = nn.CrossEntropyLoss(weight=weight, reduction="sum")"""
    triggers = (_COUNTS_MADE, r"reduction\s*=\s*['\"]")
    imported_triggers = triggers  # the counts in the script, the loss in a module's file
    valid = (
        # mean reduction: the scale cancels
        "import torch\nfrom torch import nn\n"
        "w = 1.0 / torch.bincount(y, minlength=4).clamp(min=1)\n"
        "criterion = nn.CrossEntropyLoss(weight=w)\n",
        # normalised before use
        "import torch\nfrom torch import nn\n"
        "w = 1.0 / torch.bincount(y, minlength=4).clamp(min=1)\n"
        "w = w / w.sum()\n"
        "criterion = nn.CrossEntropyLoss(weight=w, reduction='sum')\n",
        # a hand-written weighted mean that divides by the weights, as PyTorch does
        "import torch\nimport torch.nn.functional as F\n"
        "w = 1.0 / torch.bincount(y, minlength=4).clamp(min=1)\n"
        "losses = F.cross_entropy(z, y, reduction='none')\n"
        "loss = (w[y] * losses).sum() / w[y].sum()\n",
        # normalised at module level, then a mean in a function
        "import torch\nimport torch.nn.functional as F\n"
        "w = 1.0 / torch.bincount(y, minlength=4).clamp(min=1)\nw = w / w.sum() * len(w)\n"
        "def step(z, t):\n    per = F.cross_entropy(z, t, reduction='none')\n"
        "    return (w[t] * per).mean()\n",
    )
    invalid = (
        Example(
            "import torch\nimport torch.nn.functional as F\n"
            "counts = torch.bincount(y, minlength=4).clamp(min=1)\n"
            "loss = F.cross_entropy(z, y, weight=len(y) / counts, reduction='none')\n",
            lines=(4,),
        ),
        Example(
            "import torch\nfrom torch import nn\n"
            "w = 1.0 / torch.bincount(y, minlength=4).clamp(min=1)\n"
            "criterion = nn.CrossEntropyLoss(reduction='none')\n"
            "loss = (w[y] * criterion(z, y)).mean()\n",
            lines=(5,),
        ),
        # the weighted loss summed and divided by the batch size, inside a helper
        Example(
            "import torch\nimport torch.nn.functional as F\n"
            "def balanced(z, y, counts):\n"
            "    w = len(counts) / counts.clamp(min=1).float()\n"
            "    per_sample = F.cross_entropy(z, y, reduction='none')\n"
            "    return (per_sample * w[y]).sum() / len(y)\n"
            "loss = balanced(z, y, torch.bincount(labels, minlength=4))\n",
            lines=(6,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        yield from self._hand_written_means(facts)
        for use, value, anchor, module in _weights_given(facts):
            raw = value.kind is analysis.Kind.WEIGHTS and not value.normalised
            if raw and use.reduction in ("sum", "none"):
                yield Finding(
                    anchor,
                    f"raw inverse-count weights with reduction={use.reduction!r}: their scale "
                    f"multiplies the loss (PyTorch's 'mean' divides by the sum of the targets' "
                    f"weights, 'sum' and 'none' do not); normalise them, e.g. "
                    f"wce_guard.class_weights(counts, normalize='mean')",
                    module=module,
                )

    def _hand_written_means(self, facts: Facts) -> Iterator[Finding]:
        """``(w[y] * loss_none).mean()`` and ``(w[y] * loss_none).sum() / len(y)``: a weighted
        mean divided by N, in this module's code and in every context a loss is reached in
        (weights a caller, a constructor or another file gives)."""
        places = {(facts, None, analysis.UNKNOWN)}  # every scope of this module, as written
        places |= {
            (call.facts, call.site.scope, call.context)
            for call in facts.loss_calls()
            if call.facts is not facts or call.context != analysis.UNKNOWN
        }
        reported = set()
        for home, scope, context in places:
            for node, product, divisor, site in _means_over_n(home, scope):
                if node in reported or not _weighted_product(home, product, site, context):
                    continue
                if divisor is not None and _mentions_weights(home, divisor, site, context):
                    continue  # divided by the weights' sum, as PyTorch does
                reported.add(node)
                yield Finding(
                    node,
                    "a hand-written weighted loss that divides by N: PyTorch's weighted mean "
                    "divides by the sum of the targets' weights (w[y].sum()), so with raw "
                    "inverse-count weights this loss's scale follows the counts; use the loss's "
                    "weight= with reduction='mean', or normalise the weights",
                    module=None if home is facts else home,
                )


def _means_over_n(facts: Facts, scope):
    """(node, product, divisor or None, site) for ``product.mean()``, ``torch.mean(product)``
    and ``product.sum() / divisor`` in ``scope`` (every scope when None)."""
    for call in facts.calls:
        if scope is not None and call.site.scope is not scope:
            continue
        product = _reduced_operand(call.node, "mean")
        if product is not None:
            yield call.node, product, None, call.site
    for division, site in facts.divisions():
        if scope is not None and site.scope is not scope:
            continue
        product = _reduced_operand(division.left, "sum")
        if product is not None:
            yield division, product, division.right, site


def _reduced_operand(node, reduction: str):
    """The product that ``p.mean()`` / ``torch.mean(p)`` (or ``sum``) reduces."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr != reduction:
        return None
    # torch.mean(p), np.sum(p); p.mean(), but not p.mean(dim=1) (nor torch.mean(input=p))
    operand = node.args[0] if node.args else None if node.keywords else func.value
    is_product = isinstance(operand, ast.BinOp) and isinstance(operand.op, ast.Mult)
    return operand if is_product else None


def _weighted_product(facts: Facts, product, site, context) -> bool:
    """Raw class weights indexed by the targets times a per-sample loss."""
    weighted = per_sample = False
    for side in (product.left, product.right):
        value = facts.evaluate(side, site, context)
        if value is not None and value.kind is analysis.Kind.PER_SAMPLE_LOSS:
            per_sample = True
        if isinstance(side, ast.Subscript):
            base = facts.evaluate(side.value, site, context)
            raw = base is not None and base.kind is analysis.Kind.WEIGHTS and not base.normalised
            weighted = weighted or raw
    return weighted and per_sample


def _mentions_weights(facts: Facts, divisor, site, context) -> bool:
    """Whether a divisor reads class weights (``w[y].sum()``)."""
    for node in analysis.subexpressions(divisor):
        value = facts.evaluate(node, site, context)
        if value is not None and value.kind is analysis.Kind.WEIGHTS:
            return True
    return False


class Float64Weights(Rule):
    code = "WCE204"
    name = "float64-weights"
    summary = "Float64 class weights (numpy, scikit-learn, .double()) given to a float32 loss."
    what_it_does = """
Finds class weights that are float64 (from numpy arithmetic, `np.loadtxt`/`np.genfromtxt`,
pandas, or scikit-learn's `compute_class_weight`, through lists, dicts, `.to_numpy()`,
`torch.tensor`/`torch.from_numpy`; `dtype=torch.float64`, `.double()`, `torch.DoubleTensor`)
given to a loss, in a file that neither switches PyTorch to float64 nor converts its model
to float64 (`model.double()`)."""
    why_is_it_bad = """
PyTorch requires the weight's dtype to equal the input's: a float32 model with float64 weights
fails with "expected scalar type Float but found Double" at the first step, or, under
autocast, only on some code paths. numpy computes in float64 by default, so weights built
with numpy or scikit-learn are float64 unless converted."""
    example = """
w = compute_class_weight("balanced", classes=np.arange(C), y=y)
criterion = nn.CrossEntropyLoss(weight=torch.from_numpy(w))"""
    use_instead = """
w = compute_class_weight("balanced", classes=np.arange(C), y=y)
criterion = nn.CrossEntropyLoss(weight=torch.tensor(w, dtype=torch.float32))"""
    triggers = (r"weight", LOSS_NAMES, r"numpy|pandas|float64|double|Double|compute_class_weight")
    valid = (
        "import numpy as np\nimport torch\nfrom torch import nn\n"
        "w = np.array([0.2, 0.8])\n"
        "criterion = nn.CrossEntropyLoss(weight=torch.tensor(w, dtype=torch.float32))\n",
        "import numpy as np\nimport torch\nfrom torch import nn\n"
        "w = torch.from_numpy(np.array([0.2, 0.8])).float()\n"
        "criterion = nn.CrossEntropyLoss(weight=w)\n",
        # the whole program runs in float64
        "import torch\nfrom torch import nn\ntorch.set_default_dtype(torch.float64)\n"
        "criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0]).double())\n",
        # so does the model
        "import torch\nfrom torch import nn\nmodel = nn.Linear(4, 2).double()\n"
        "criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0]).double())\n"
        "loss = criterion(model(x), y)\n",
        # a model of a package not in the run, converted with .to
        "import numpy as np\nimport torch\nfrom torch import nn\nfrom models import Net\n"
        "w = np.array([0.5, 2.0])\nmodel = Net().to(device, torch.float64)\n"
        "criterion = nn.CrossEntropyLoss(weight=torch.from_numpy(w))\n",
    )
    invalid = (
        Example(
            "import numpy as np\nimport torch\nfrom torch import nn\n"
            "from sklearn.utils.class_weight import compute_class_weight\n"
            "w = compute_class_weight('balanced', classes=np.arange(3), y=y)\n"
            "criterion = nn.CrossEntropyLoss(weight=torch.from_numpy(w))\n",
            lines=(6,),
        ),
        # numpy arithmetic on a pandas column: float64
        Example(
            "import pandas as pd\nimport torch\nfrom torch import nn\n"
            "n = pd.read_csv('stats.csv')['count'].clip(lower=1)\n"
            "w = n.sum() / (len(n) * n)\n"
            "criterion = nn.CrossEntropyLoss(weight=torch.tensor(w.to_numpy()))\n",
            lines=(6,),
        ),
        Example(
            "import torch\nimport torch.nn.functional as F\n"
            "w = torch.tensor([1.0, 3.0, 9.0], dtype=torch.float64)\n"
            "loss = F.cross_entropy(z, y, weight=w)\n",
            lines=(4,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        if any(call.qualified == "torch.set_default_dtype" for call in facts.calls):
            return  # float64 input: float64 weights are right
        if facts.models_in_float64():
            return  # model.double(): its logits are float64, as the weights
        for _, value, anchor, module in _weights_given(facts):
            if value.dtype == "float64" and not value.array:
                yield Finding(
                    anchor,
                    "float64 class weights given to a loss: PyTorch needs the weight's dtype "
                    "to equal the input's (float32): convert with .float() or "
                    "dtype=torch.float32",
                    module=module,
                )


class WeightNotATensor(Rule):
    code = "WCE205"
    name = "weight-not-a-tensor"
    summary = "A class weight given as a list, tuple or numpy array instead of a tensor."
    what_it_does = """
Finds `weight=` / `pos_weight=` arguments of losses that are a list or tuple literal, a
numpy array, or scikit-learn's `compute_class_weight` output."""
    why_is_it_bad = """
Loss modules keep the weight as a buffer and functional losses pass it to a tensor op: both
need a tensor. A list fails at construction (`cannot assign 'list' object to buffer`), a numpy
array at the first call, each time only when that code path runs."""
    example = """
criterion = nn.CrossEntropyLoss(weight=[1.0, 5.0, 10.0])"""
    use_instead = """
criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 5.0, 10.0]))"""
    triggers = (r"weight", LOSS_NAMES)
    fix_availability = "sometimes"
    fix_note = """
when the weight is a list or tuple written in the call and `torch` is the imported
torch, the fix wraps it in `torch.tensor(..., dtype=torch.float32)`; a numpy array is
only reported."""
    valid = (
        "import torch\nfrom torch import nn\n"
        "criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 5.0]))\n",
        "from torch import nn\ncriterion = nn.CrossEntropyLoss(weight=class_weight_tensor)\n",
    )
    invalid = (
        Example(
            "import torch\nfrom torch import nn\n"
            "criterion = nn.CrossEntropyLoss(weight=[1.0, 5.0, 10.0])\n",
            lines=(3,),
        ),
        Example(
            "import numpy as np\nimport torch.nn.functional as F\n"
            "w = np.array([1, 2, 4])\n"
            "loss = F.binary_cross_entropy_with_logits(z, t, pos_weight=w)\n",
            lines=(4,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        for use, value, anchor, module in _weights_given(facts):
            if value.array:
                literal = isinstance(anchor, ast.List | ast.Tuple)
                own = anchor is use.expression and module is None
                yield Finding(
                    anchor,
                    f"{use.parameter} must be a tensor, not a "
                    f"{'list or tuple' if literal else 'numpy array'}: wrap it in "
                    f"torch.tensor(..., dtype=torch.float32)",
                    fix=_tensor_fix(use, facts) if literal and own else None,
                    module=module,
                )


def _tensor_fix(use, facts: Facts):
    """``[1.0, 5.0]`` -> ``torch.tensor([1.0, 5.0], dtype=torch.float32)`` where ``torch``
    is the imported torch."""
    if facts.resolve("torch", use.site) != "torch":
        return None
    expression = use.expression

    def fix(located):
        written = located(expression)
        float32 = cst.Attribute(value=cst.Name("torch"), attr=cst.Name("float32"))
        dtype = _keyword_argument("dtype", float32)
        call = cst.Call(
            func=cst.Attribute(value=cst.Name("torch"), attr=cst.Name("tensor")),
            args=[cst.Arg(value=written), dtype],
        )
        return {written: call}

    return fix


class WeightWrongLength(Rule):
    code = "WCE206"
    name = "weight-wrong-length"
    summary = "A class weight whose length differs from the number of classes of the loss input."
    what_it_does = """
Finds a class weight given to a cross-entropy or NLL loss whose number of entries is known and
differs from the number of classes of the loss's input, also known: the weight's length from
a literal list, `torch.tensor([...])`, `torch.ones(k)`, `torch.full((k,), ...)`,
`bincount(minlength=k)`, `len(CLASSES)` or a configuration value; the classes from the model's
last `nn.Linear(_, C)` or `nn.Conv2d(_, C, ...)` or the `num_classes=` of a torchvision, timm
or segmentation_models_pytorch constructor. Also weights computed over the classes present
only (`compute_class_weight(classes=np.unique(y_batch), ...)`) given to a loss whose number of
classes is known: shorter whenever a batch or split lacks a class. Values are followed through
calls and files, as for the other rules."""
    why_is_it_bad = """
PyTorch checks the weight's length only when the loss runs: "weight tensor should be defined
either for all C classes or no classes". On a real run that is after the data is loaded and
the model is built, often on a busy GPU node; here it is found before anything runs."""
    example = """
model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 5))
criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 4.0, 8.0]))
loss = criterion(model(x), y)"""
    use_instead = """
model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 5))
criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 4.0, 8.0, 8.0]))
loss = criterion(model(x), y)"""
    triggers = (r"weight", r"cross_entropy|CrossEntropyLoss|nll_loss|NLLLoss")
    imported_triggers = triggers  # the model's file, the loss helper's file
    valid = (
        "import torch\nfrom torch import nn\n"
        "model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 3))\n"
        "criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 4.0]))\n"
        "loss = criterion(model(x), y)\n",
        # the number of classes is not known: nothing to compare
        "import torch\nimport torch.nn.functional as F\n"
        "loss = F.cross_entropy(model(x), y, weight=torch.ones(4))\n",
    )
    invalid = (
        Example(
            "import torch\nfrom torch import nn\n"
            "model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 5))\n"
            "criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 4.0, 8.0]))\n"
            "loss = criterion(model(x), y)\n",
            lines=(4,),
        ),
        Example(
            "import torch\nimport torch.nn.functional as F\nimport torchvision\n"
            "CLASSES = ['cat', 'dog', 'bird']\n"
            "model = torchvision.models.resnet18(num_classes=len(CLASSES))\n"
            "weights = torch.ones(4)\n"
            "loss = F.cross_entropy(model(x), y, weight=weights)\n",
            lines=(7,),
        ),
    )

    def check(self, facts: Facts) -> Iterator[Finding]:
        reported = set()
        for call in facts.loss_calls():
            if call.loss.rsplit(".", 1)[-1] not in _CLASS_INDEX_LOSSES:
                continue
            classes = call.value(call.input)
            if classes is None or classes.kind is not analysis.Kind.LOGITS or not classes.length:
                continue
            for weight in call.weights():
                value = weight.value
                length = value.length if value is not None else None
                # weights of the classes present only (compute_class_weight(classes=
                # np.unique(y))): as short as the classes a batch or split happens to hold
                present = (
                    value is not None and value.kind is analysis.Kind.WEIGHTS and not value.complete
                )
                mismatch = length is not None and length != classes.length
                if weight.parameter != "weight" or not (mismatch or present):
                    continue
                if weight.call in reported:
                    continue
                reported.add(weight.call)
                related = []
                for label, node in (("weight", weight.value.source), ("classes", classes.source)):
                    module = facts.program.module_of(node) if node is not None else None
                    if module is not None:
                        related.append((label, node, module))
                entries = (
                    f"{length} entries"
                    if mismatch
                    else "one entry per class present in the labels it was computed from"
                )
                yield Finding(
                    weight.call,
                    f"the class weight has {entries} but the loss input has "
                    f'{classes.length} classes: PyTorch fails when this loss runs ("weight '
                    f"tensor should be defined either for all {classes.length} classes or no "
                    f'classes"); give one weight per class',
                    module=None if weight.facts is facts else weight.facts,
                    related=tuple(related),
                )


_CLASS_INDEX_LOSSES = {"cross_entropy", "CrossEntropyLoss", "nll_loss", "NLLLoss"}
