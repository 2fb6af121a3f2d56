"""The messages users read: what is wrong with a loss call, in their terms, and the fix.

Every message has the same shape: ``<loss>: <argument> <problem> (<the shapes involved>).
<likely fix>``. The failing argument and the expected shapes come from the contract's jaxtyping
annotations (``contracts.py``); the hints come from the mistakes people actually make.
"""

from __future__ import annotations

import typing

from beartype.door import is_bearable
from jaxtyping import jaxtyped
from torch import Tensor

_SCALARS = ("ignore_index", "reduction", "label_smoothing")
_REAL_DTYPES = "a floating or integer dtype"


def contract_violation(loss_name: str, contract, arguments: dict, *, in_module: bool) -> str:
    """Explain why ``arguments`` break ``contract`` (one of the annotated forms)."""
    hints = typing.get_type_hints(contract, include_extras=True)
    parameter = _first_violation(hints, arguments)
    if parameter == "input":
        return f"{loss_name}: {_input_problem(arguments['input'])}"
    if parameter in _SCALARS:
        return f"{loss_name}: {_scalar_problem(parameter, arguments)}"
    input = arguments["input"]
    sizes = _bind(hints["input"], input.shape)
    hint = _array_hint(hints[parameter])
    expected = _render(hint, sizes)
    if parameter == "target":
        problem = _target_problem(arguments["target"], input, expected, hint.dtypes)
    elif parameter == "fp_weight":
        problem = _cost_matrix_problem(arguments[parameter], input, expected, in_module)
    else:
        problem = _weight_problem(parameter, arguments[parameter], input, expected, in_module)
    return f"{loss_name}: {problem}"


@jaxtyped(typechecker=None)
def _first_violation(hints: dict, arguments: dict) -> str:
    """The first argument, in order, that breaks its annotation.

    Inside this jaxtyped frame the checks share one dimension memo, so a target is judged
    against the sizes the input bound (N, C, d), exactly as the whole contract judged it.
    """
    for name, value in arguments.items():
        if not is_bearable(value, hints[name]):
            return name
    raise AssertionError("the contract failed but no argument breaks its annotation")


def _array_hint(hint):
    """The jaxtyping array type inside ``hint`` (which may be ``X | None``)."""
    if hasattr(hint, "dim_str"):
        return hint
    return next(arg for arg in typing.get_args(hint) if hasattr(arg, "dim_str"))


def _bind(hint, shape: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
    """Sizes named by a dimension string such as "N C *d", bound from a ``shape`` that fits it.

    A variadic name ("*d") takes the axes that the names before and after it leave over.
    """
    names = hint.dim_str.split()
    variadic = next((i for i, name in enumerate(names) if name.startswith("*")), len(names))
    sizes = {}
    for i, name in enumerate(names):
        from_end = len(names) - i  # position of this name counted from the end
        if i < variadic:
            sizes[name] = (shape[i],)
        elif i == variadic:
            sizes[name[1:]] = tuple(shape[i : len(shape) - from_end + 1])
        else:
            sizes[name] = (shape[len(shape) - from_end],)
    return sizes


def _render(hint, sizes: dict[str, tuple[int, ...]]) -> tuple[int, ...]:
    """The shape a dimension string asks for, with the bound sizes filled in."""
    return tuple(size for name in hint.dim_str.split() for size in sizes[name.lstrip("*")])


def shape_text(shape: tuple[int, ...]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else f"({', '.join(map(str, shape))})"


def _type_name(value: object) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


_LOGIT_DTYPES = "float16, bfloat16, float32 or float64"


def _input_problem(input: object) -> str:
    if not isinstance(input, Tensor):
        return f"input must be a torch.Tensor of logits, got {_type_name(input)}."
    if not input.is_floating_point() or input.dtype.itemsize == 1:
        hint = (
            " Did you pass predicted class ids (argmax) instead of the model's raw output?"
            if not input.is_floating_point() and not input.is_complex()
            else " Use input.float()."
        )
        return (
            f"input has dtype {input.dtype}, but cross-entropy needs floating-point logits "
            f"({_LOGIT_DTYPES}).{hint}"
        )
    return (
        "input is a 0-d tensor, but cross-entropy needs one score per class: shape (C,) for "
        "one sample or (N, C, d1, ..., dk) for a batch. For one logit per sample (binary "
        "classification), use binary_cross_entropy_with_logits."
    )


def _target_problem(
    target: object, input: Tensor, expected: tuple[int, ...], dtypes: tuple[str, ...]
) -> str:
    if not isinstance(target, Tensor):
        return (
            f"target must be a torch.Tensor, got {_type_name(target)}. "
            f"Use torch.as_tensor(target, device=input.device)."
        )
    shapes = f"(input {shape_text(input.shape)}, target {shape_text(target.shape)})"
    index_shape = (input.shape[0], *input.shape[2:]) if input.ndim > 1 else ()
    if target.is_floating_point():
        if target.shape == index_shape:
            return (
                f"target has dtype {target.dtype}: it has the shape of class indices, but "
                f"class indices must be integers {shapes}. Use target.long()."
            )
        if target.dtype.itemsize == 1:  # float8: no log_softmax kernel
            return (
                f"target has dtype {target.dtype}, which cross-entropy cannot use. "
                f"Use target.float()."
            )
        return (
            f"target has a floating dtype, so it is read as class probabilities, which need "
            f"the input's shape {shape_text(expected)} {shapes}. For class indices, use an "
            f"integer target of shape {shape_text(index_shape)}."
        )
    if target.shape != expected:
        if input.ndim == 1:
            return (
                f"input of shape {shape_text(input.shape)} is one sample with {input.shape[0]} "
                f"classes, so target must be one class index of shape (), but target has shape "
                f"{shape_text(target.shape)}. For a batch, input must be (N, C); for one logit "
                f"per sample (binary classification), use binary_cross_entropy_with_logits."
            )
        return f"target has shape {shape_text(target.shape)} but input " + (
            f"{shape_text(input.shape)} needs class-index targets of shape "
            f"{shape_text(expected)}.{_target_shape_hint(target, input, expected)}"
        )
    allowed = " or ".join(f"torch.{dtype}" for dtype in dtypes)
    spatial = " with input of more than 2 dimensions" if input.ndim > 2 else ""
    return (
        f"target has dtype {target.dtype}, but class indices must be {allowed}{spatial} "
        f"{shapes}. Use target.long()."
    )


def _target_shape_hint(target: Tensor, input: Tensor, expected: tuple[int, ...]) -> str:
    shape = tuple(target.shape)
    for axis, size in enumerate(shape):
        if size == 1 and shape[:axis] + shape[axis + 1 :] == expected:
            return f" Use target.squeeze({axis}) to drop the extra axis of size 1."
    if input.ndim >= 3 and shape == tuple(input.shape[:-1]):
        move = "input.permute(0, 2, 1)" if input.ndim == 3 else "input.movedim(-1, 1)"
        return (
            f" Classes go on axis 1, but input has them last: use {move} to make it "
            f"{shape_text((input.shape[0], input.shape[-1], *input.shape[1:-1]))}."
        )
    if shape == tuple(input.shape):
        return (
            " If it is one-hot, use target.argmax(1) for class indices, or target.float() "
            "for probability targets."
        )
    if shape and expected and shape[0] != expected[0]:
        return f" The batch sizes differ: {expected[0]} samples in input, {shape[0]} in target."
    return ""


def _weight_problem(
    name: str, weight: object, input: Tensor, expected: tuple[int, ...], in_module: bool
) -> str:
    """``weight`` of cross-entropy or ``fn_weight`` of RWWCE: one number per class."""
    classes = expected[0]
    if not isinstance(weight, Tensor):
        return (
            f"{name} must be a torch.Tensor or None, got {_type_name(weight)}. Use "
            f"torch.tensor({name}, dtype=torch.float32)"
            + (" when building the criterion." if in_module else ".to(input.device).")
        )
    shapes = f"(input {shape_text(input.shape)}, {name} {shape_text(weight.shape)})"
    if name == "weight" and not weight.is_floating_point():
        return (
            f"weight has dtype {weight.dtype}, but class weights must be floating {shapes}. "
            f"Use weight.to({input.dtype})."
        )
    if weight.ndim != 1:
        fix = f" Use {name}.flatten()." if weight.numel() == classes else ""
        if weight.ndim == 2 and weight.shape[0] == weight.shape[1] == classes:
            fix = f" If it is the authors' (C, C) matrix, pass its diagonal: {name}.diagonal()."
        return (
            f"{name} must be 1-D, one entry per class, shape {shape_text(expected)}, but it "
            f"has shape {shape_text(weight.shape)} {shapes}.{fix}"
        )
    if weight.shape[0] < classes:
        return (
            f"{name} has {weight.shape[0]} entries but input has {classes} classes {shapes}. "
            f"Did you build it with torch.bincount(target) without minlength={classes}? "
            f"Classes absent from the data make bincount too short."
        )
    if weight.shape[0] > classes:
        return (
            f"{name} has {weight.shape[0]} entries but input has {classes} classes {shapes}. "
            f"Does the model's last layer have one output per class?"
        )
    usable = "floating" if name == "weight" else _REAL_DTYPES
    return (
        f"{name} has dtype {weight.dtype}, which this loss cannot use: it needs {usable}. "
        f"Use {name}.float()."
    )


def _cost_matrix_problem(
    matrix: object, input: Tensor, expected: tuple[int, ...], in_module: bool
) -> str:
    """``fp_weight`` of RWWCE: a (C, C) matrix, row = true class, column = predicted class."""
    if not isinstance(matrix, Tensor):
        return (
            f"fp_weight must be a torch.Tensor of shape {shape_text(expected)} or None, got "
            f"{_type_name(matrix)}. Use torch.tensor(fp_weight, dtype=torch.float32)"
            + (" when building the criterion." if in_module else ".to(input.device).")
        )
    shapes = f"(input {shape_text(input.shape)}, fp_weight {shape_text(matrix.shape)})"
    if tuple(matrix.shape) != expected:
        return (
            f"fp_weight must be a (C, C) matrix of false-positive costs, row = true class, "
            f"column = predicted class, so {shape_text(expected)} here, but it has shape "
            f"{shape_text(matrix.shape)} {shapes}."
        )
    return (
        f"fp_weight has dtype {matrix.dtype}, which this loss cannot use: it needs "
        f"{_REAL_DTYPES}. Use fp_weight.float()."
    )


def bad_reduction(loss_name: str, reduction: object) -> str:
    return f"{loss_name}: reduction must be 'none', 'mean' or 'sum', got {reduction!r}."


def _scalar_problem(parameter: str, arguments: dict) -> str:
    value = arguments[parameter]
    if parameter == "reduction":
        return f"reduction must be 'none', 'mean' or 'sum', got {value!r}."
    if parameter == "label_smoothing":
        return f"label_smoothing must be a number in [0, 1], got {value!r}."
    if not isinstance(value, int):
        return f"ignore_index must be an int, got {_type_name(value)} {value!r}."
    return (
        f"ignore_index={value} cannot be used with probability targets (a floating target of "
        f"the input's shape): PyTorch masks no position there. Leave ignore_index at its "
        f"default, or give integer class-index targets."
    )


def uint8_target_with_weight_and_smoothing(loss_name: str, target: Tensor) -> str:
    return (
        f"{loss_name}: target has dtype torch.uint8, which PyTorch cannot combine with a weight, "
        f"label_smoothing > 0 and reduction='mean' (its smoothing term gathers weights by int64 "
        f"index). "
        f"Use target.long()."
    )


def too_few_classes(loss_name: str, input: Tensor) -> str:
    return (
        f"{loss_name}: input of shape {shape_text(input.shape)} has "
        f"{input.shape[0 if input.ndim == 1 else 1]} class; a classification loss over one "
        f"class is always 0 and trains nothing. For one logit per sample (binary "
        f"classification), use binary_cross_entropy_with_logits with a float target."
    )


def device_mismatch(
    loss_name: str,
    name: str,
    tensor: Tensor,
    input: Tensor,
    *,
    in_module: bool,
    module: str = "wce_guard.CrossEntropyLoss(weight=...)",
) -> str:
    problem = f"{loss_name}: {name} is on {tensor.device} but input is on {input.device}."
    if name == "target":
        return f"{problem} Move it with target.to(input.device), where the batch is moved."
    if in_module:
        return (
            f"{problem} Move the criterion with criterion.to(device): its weight is a buffer "
            f"and moves with it."
        )
    return (
        f"{problem} Use {name}.to(input.device), or hold it in {module}, which moves it "
        f"with .to(device)."
    )


def weight_dtype_mismatch(loss_name: str, weight: Tensor, input: Tensor, in_module: bool) -> str:
    fix = (
        f"Cast the criterion's weight with criterion.to({input.dtype})"
        if in_module
        else f"Use weight.to({input.dtype})"
    )
    return (
        f"{loss_name}: weight has dtype {weight.dtype} but input has dtype {input.dtype} "
        f"(input {shape_text(input.shape)}, weight {shape_text(weight.shape)}); PyTorch needs "
        f"them equal. {fix}; weights computed with numpy or scikit-learn are float64."
    )


def target_out_of_range(
    loss_name: str, value: int, position: tuple[int, ...], classes: int, ignore_index: int
) -> str:
    return (
        f"{loss_name}: target holds class index {value} at position {shape_text(position)}, "
        f"but input has {classes} classes: valid targets are 0 to {classes - 1}, or "
        f"ignore_index={ignore_index} for positions to skip."
    )


def probabilities_out_of_range(loss_name: str, low: float, high: float) -> str:
    return (
        f"{loss_name}: target is read as class probabilities (a floating target of the "
        f"input's shape), so its values must be finite and in [0, 1], but they range from "
        f"{low} to {high}."
    )


def bad_weight_values(loss_name: str, weight: Tensor) -> str:
    values = weight.tolist()
    nan = [c for c, w in enumerate(values) if w != w]
    inf = [c for c, w in enumerate(values) if w in (float("inf"), float("-inf"))]
    negative = [c for c, w in enumerate(values) if w < 0 and c not in inf]
    if nan or inf:
        kinds = " and ".join(
            f"{kind} at classes {classes}"
            for kind, classes in (("NaN", nan), ("inf", inf))
            if classes
        )
        return (
            f"{loss_name}: weight has {kinds}; class weights must be finite. Was it computed "
            f"as 1 / counts with a class that never occurs? Count with "
            f"torch.bincount(target, minlength={len(values)}) and clamp the counts: "
            f"counts.clamp(min=1)."
        )
    if negative:
        return (
            f"{loss_name}: weight is negative at classes {negative}; class weights must be "
            f">= 0 (a negative weight rewards the model for getting that class wrong)."
        )
    return (
        f"{loss_name}: weight is all zeros, so every sample counts 0: the mean is NaN and "
        f"nothing trains. Give at least one class a positive weight."
    )


def probability_input(loss_name: str, input: Tensor) -> str:
    axis = 0 if input.ndim == 1 else 1
    return (
        f"{loss_name}: input of shape {shape_text(input.shape)} looks like probabilities "
        f"(every value in [0, 1], summing to 1 over axis {axis}), but cross-entropy applies "
        f"log_softmax itself. Pass the model's raw logits, without softmax."
    )


def bad_cost_values(loss_name: str, name: str, values: Tensor) -> str:
    """Costs (``fn_weight``, ``fp_weight``, binary weights) that are not finite and >= 0."""
    flat = values.detach().double().flatten()
    kinds = [
        (kind, int(mask.sum()))
        for kind, mask in (
            ("NaN", flat.isnan()),
            ("inf", flat.isinf()),
            ("negative", (flat < 0) & flat.isfinite()),
        )
        if mask.any()
    ]
    found = ", ".join(f"{count} {kind}" for kind, count in kinds)
    return (
        f"{loss_name}: {name} holds {found} value(s); real-world costs must be finite and "
        f">= 0 (a negative cost rewards the mistake it prices)."
    )


def cost_diagonal(loss_name: str, classes: list[int]) -> str:
    shown = ", ".join(map(str, classes[:10])) + (", ..." if len(classes) > 10 else "")
    return (
        f"{loss_name}: fp_weight has non-zero entries on its diagonal (classes {shown}). "
        f"fp_weight[i, j] is the cost of predicting j when the truth is i, so fp_weight[i, i] "
        f"would penalise confidence in the correct class. Put the cost of missing class i in "
        f"fn_weight[i] and use fp_weight.fill_diagonal_(0)."
    )


def weight_does_not_broadcast(loss_name: str, name: str, weight: Tensor, input: Tensor) -> str:
    return (
        f"{loss_name}: {name} of shape {shape_text(weight.shape)} does not broadcast to the "
        f"input's shape {shape_text(input.shape)} without changing it. Give a number, or a "
        f"tensor of shape {shape_text(input.shape)} (or one that broadcasts to it)."
    )


def not_a_tensor(loss_name: str, name: str, value: object) -> str:
    return (
        f"{loss_name}: {name} must be a torch.Tensor or None, got {_type_name(value)}. Use "
        f"torch.as_tensor({name}, dtype=input.dtype, device=input.device)."
    )


def target_dtype_differs(loss_name: str, target: Tensor, input: Tensor) -> str:
    return (
        f"{loss_name}: target has dtype {target.dtype} but input has {input.dtype}; "
        f"binary_cross_entropy needs both the same. Use target.to(input.dtype)."
    )


# -- the binary losses: one label per value


def binary_violation(loss_name: str, contract, arguments: dict, expects: str) -> str:
    """Explain why ``arguments`` break a binary form (``binary_contracts.py``)."""
    hints = typing.get_type_hints(contract, include_extras=True)
    parameter = _first_violation(hints, arguments)
    input, target = arguments["input"], arguments["target"]
    if parameter == "input":
        before = " Pass the model's raw output, before sigmoid." if expects == "logits" else ""
        return (
            f"{loss_name}: input must be a floating-point tensor of {expects} "
            f"({_LOGIT_DTYPES}), got {_described(input)}.{before}"
        )
    if parameter == "reduction":
        return f"{loss_name}: {_scalar_problem('reduction', arguments)}"
    if not isinstance(target, Tensor) or tuple(target.shape) == tuple(input.shape):
        return (
            f"{loss_name}: target must be a floating-point tensor of labels in [0, 1], got "
            f"{_described(target)}. Use target.float()."
        )
    if target.numel() == input.numel():
        hint = f" Use target.view_as(input) (both hold {input.numel()} values)."
    else:
        hint = " For class indices and one logit per class, use cross_entropy."
    return (
        f"{loss_name}: target has shape {shape_text(target.shape)} but input has shape "
        f"{shape_text(input.shape)}; it needs one label per value.{hint}"
    )


def _described(value: object) -> str:
    if isinstance(value, Tensor):
        return f"a tensor of dtype {value.dtype}"
    return _type_name(value)


def not_a_number_or_tensor(loss_name: str, name: str, value: object) -> str:
    return f"{loss_name}: {name} must be a number or a tensor, got {_described(value)}."


def bad_cost_number(loss_name: str, name: str, value: float) -> str:
    return f"{loss_name}: {name}={value!r}; real-world costs must be finite and >= 0."


def weight_not_real(loss_name: str, name: str, weight: Tensor) -> str:
    return (
        f"{loss_name}: {name} has dtype {weight.dtype}; weights are real numbers. "
        f"Use {name}.float()."
    )


def labels_out_of_range(loss_name: str, low: float, high: float) -> str:
    return (
        f"{loss_name}: target must hold labels in [0, 1], but its values range from "
        f"{low:.3g} to {high:.3g}."
    )


def logits_given_as_probabilities(loss_name: str, low: float, high: float) -> str:
    return (
        f"{loss_name}: input ranges from {low:.3g} to {high:.3g}, so it is not probabilities: "
        f"it looks like logits. Use binary_cross_entropy_with_logits on them (it is also "
        f"stabler than sigmoid followed by binary_cross_entropy)."
    )


def sigmoid_output_as_logits(loss_name: str) -> str:
    return (
        f"{loss_name}: every value of input lies in [0, 1], like sigmoid output, but it takes "
        f"logits and applies the sigmoid itself. Pass the logits, without sigmoid."
    )


# -- nll_loss


def nll_probability_target(loss_name: str, target: Tensor) -> str:
    return (
        f"{loss_name}: target has dtype {target.dtype}, but nll_loss takes class indices "
        f"(integers), never class probabilities. Use target.long(), or cross_entropy for "
        f"probability targets."
    )


def not_log_probabilities(loss_name: str, low: float, high: float) -> str:
    probabilities = low >= 0 and high <= 1
    kind = "probabilities (softmax output)" if probabilities else "logits"
    fix = (
        "Pass log_softmax output instead, or give the logits to cross_entropy."
        if probabilities
        else "Apply log_softmax first, or give the logits to cross_entropy, which does both."
    )
    return (
        f"{loss_name}: input holds values up to {high:.3g}, so it is not log-probabilities "
        f"(which are <= 0); it looks like {kind}. {fix}"
    )


# -- the real-world cost (the metric)


def cost_of_probability_targets(name: str) -> str:
    return (
        f"{name}: target must hold class indices (an integer tensor); the cost of a mistake is "
        f"defined for a true class, not for class probabilities."
    )


def bad_threshold(name: str, threshold: object) -> str:
    return f"{name}: threshold must be in [0, 1], got {threshold!r}."


def labels_not_zero_or_one(name: str) -> str:
    return f"{name}: target must hold 0 or 1 labels."


def confusion_not_square(name: str, matrix: Tensor) -> str:
    return (
        f"{name}: confusion must be a square (C, C) matrix of counts, row = true class, column "
        f"= predicted class, with C >= 2; got shape {shape_text(tuple(matrix.shape))}."
    )


def confusion_not_counts(name: str) -> str:
    return f"{name}: confusion must hold finite counts >= 0."


def costs_do_not_fit_confusion(name: str, classes: int, fn: Tensor, fp: Tensor) -> str:
    return (
        f"{name}: with a ({classes}, {classes}) confusion matrix, fn_weight must be ({classes},) "
        f"and fp_weight ({classes}, {classes}); got {shape_text(tuple(fn.shape))} and "
        f"{shape_text(tuple(fp.shape))}."
    )
