"""Class counts from data (spec/losses.md, section 7).

Weights come from counts over the whole training set, never from one mini-batch (a batch often
lacks classes): ``class_counts`` counts one tensor of labels, ``count_classes`` streams a
dataset; ``schemes.py`` turns counts into weights.
"""

from __future__ import annotations

import math
import numbers
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import torch
from torch import Tensor

TargetSelector = int | str | Callable[[Any], Any] | None

# Labels of one-sample items are gathered in Python and counted this many at a time.
_SCALAR_CHUNK = 65536


def class_counts(
    target: Tensor | Sequence[int],
    num_classes: int,
    ignore_index: int = -100,
    *,
    per_sample: bool = False,
) -> Tensor:
    """How many labels of each class ``target`` holds: an int64 tensor of length ``num_classes``.

    ``target`` holds class indices of any shape (positions equal to ``ignore_index`` are not
    counted), or class probabilities: a floating tensor whose axis 1 (axis 0 for a 1-D
    tensor) has ``num_classes`` entries, as ``cross_entropy`` reads it. For probabilities (and
    one-hot rows) the mass of each class is summed and the counts are float64.

    With ``per_sample=True`` the result has one row per sample along axis 0, shape
    ``(N, num_classes)``: per-image pixel counts, as ``median_frequency`` weights use them.

    A label outside ``[0, num_classes)`` is a ``ValueError`` naming the value and its position.
    The counts stay on ``target``'s device; counting reads the data (one synchronisation on a GPU).
    """
    _check_num_classes("class_counts", num_classes)
    labels = _as_tensor("class_counts", "target", target)
    if labels.is_floating_point():
        return _probability_mass(labels, num_classes, per_sample)
    found = _count_labels(labels, num_classes, ignore_index, per_sample)
    if isinstance(found, _OutOfRange):
        where = f"at position {found.position}" if labels.dim() else "as its only value"
        raise ValueError(
            f"class_counts: target holds label {found.value} {where}, but "
            f"num_classes={num_classes}: {_valid_labels(num_classes, ignore_index)}."
        )
    return found


class _OutOfRange:
    """The first label outside ``[0, C)``: what it is and where (for the caller's message)."""

    def __init__(self, value: int, position: tuple[int, ...]) -> None:
        self.value = value
        self.position = position


def _count_labels(
    labels: Tensor, classes: int, ignore_index: int, per_sample: bool = False
) -> Tensor | _OutOfRange:
    if labels.dtype == torch.bool:
        labels = labels.to(torch.uint8)
    if labels.is_complex() or not _is_integer(labels.dtype):
        raise TypeError(
            f"class_counts: labels must be integer class indices or floating class "
            f"probabilities, not {labels.dtype}."
        )
    if not per_sample and labels.numel():
        # The common case in two operations: every label in range and none to ignore.
        low, high = (int(bound) for bound in torch.aminmax(labels))
        if low >= 0 and high < classes and not low <= ignore_index <= high:
            return torch.bincount(labels.reshape(-1), minlength=classes)
    # compared as int64: uint8 labels would compare with ignore_index=-100 wrapped to 156
    labels = labels.long()
    counted = labels != ignore_index
    out_of_range = counted & ((labels < 0) | (labels >= classes))
    if out_of_range.any():
        position = tuple(out_of_range.nonzero()[0].tolist())
        return _OutOfRange(int(labels[position]), position)
    if not per_sample:
        return torch.bincount(labels[counted].long(), minlength=classes)
    if labels.dim() == 0:
        raise ValueError("class_counts: per_sample=True needs a target with a batch axis.")
    samples = labels.shape[0]
    row = torch.arange(samples, device=labels.device).view(-1, *[1] * (labels.dim() - 1))
    cell = (row * classes + labels.long())[counted]
    return torch.bincount(cell, minlength=samples * classes).view(samples, classes)


def _probability_mass(probabilities: Tensor, classes: int, per_sample: bool) -> Tensor:
    class_axis = 1 if probabilities.dim() > 1 else 0
    if probabilities.dim() == 0 or probabilities.shape[class_axis] != classes:
        raise ValueError(
            f"class_counts: a floating target is read as class probabilities with the classes "
            f"on axis {class_axis}, so that axis needs num_classes={classes} entries, but the "
            f"target has shape {tuple(probabilities.shape)}. For class indices, use an integer "
            f"tensor (target.long())."
        )
    low, high = (float(value) for value in torch.aminmax(probabilities.double()))
    if not (math.isfinite(low) and math.isfinite(high) and low >= 0):
        raise ValueError(
            f"class_counts: class probabilities must be finite and >= 0, but the target's "
            f"values range from {low} to {high}."
        )
    if per_sample:
        if class_axis == 0:
            raise ValueError("class_counts: per_sample=True needs a target with a batch axis.")
        reduced = [axis for axis in range(probabilities.dim()) if axis > 1]
    else:
        reduced = [axis for axis in range(probabilities.dim()) if axis != class_axis]
    mass = probabilities.double()
    return mass.sum(dim=reduced) if reduced else mass


def _is_integer(dtype: torch.dtype) -> bool:
    return not dtype.is_floating_point and not dtype.is_complex and dtype != torch.bool


def _valid_labels(classes: int, ignore_index: int) -> str:
    return (
        f"labels must be 0 to {classes - 1}, or ignore_index={ignore_index} for positions to skip"
    )


# ---------------------------------------------------------------------------------------------
# count_classes


def count_classes(
    source: Iterable[Any],
    num_classes: int,
    *,
    target: TargetSelector = 1,
    ignore_index: int = -100,
    progress: bool | None = None,
    distributed: bool | None = None,
) -> Tensor:
    """Count the classes of a whole dataset by streaming it once.

    ``source`` is a map-style ``Dataset`` (read by index), a ``DataLoader``, or any iterable of
    samples or batches. Each item is read, its labels counted, and the item dropped: the
    data is never held in memory. ``target`` says where an item's labels are:

    - an ``int``: the position in a tuple or list item (default 1, for ``(input, target)``);
    - a ``str``: the key of a dict item;
    - a callable: applied to the item, returns the labels;
    - ``None``: the item is the labels (an iterable of labels or of label tensors).

    Labels may be a Python or numpy integer (one sample), or anything ``class_counts`` reads
    (a batch of class indices, or class probabilities). Returns int64 counts on the CPU, or
    float64 when any labels were probabilities.

    ``progress``: a progress bar on standard error; by default shown when standard error is a
    terminal (and, under ``torch.distributed``, on rank 0 only).

    ``distributed``: under an initialised ``torch.distributed`` process group (the default,
    ``None``, detects it), the counts are summed over all ranks, so every rank returns the
    global counts. Every rank must call ``count_classes`` and read its own part of the data
    (as a ``DistributedSampler`` gives it): a rank that reads the whole dataset counts it
    once per rank. ``False`` keeps each rank's own counts.
    """
    _check_num_classes("count_classes", num_classes)
    labels_of = _label_selector(target)
    items, total = _items_of(source)
    counter = _StreamCounter(num_classes, ignore_index)
    bar = _ProgressBar(total) if _show_progress(progress) else None
    for index, item in enumerate(items):
        counter.add(index, labels_of(index, item))
        if bar is not None:
            bar.update(counter.items, counter.seen)
    counts = counter.result()
    if bar is not None:
        bar.close(counter.items, counter.seen)
    return _all_reduce(counts, distributed)


class _StreamCounter:
    """Running counts. The labels of one-sample items are gathered and counted in chunks: one
    tensor operation per sample would cost more than reading the sample."""

    def __init__(self, classes: int, ignore_index: int) -> None:
        self.classes = classes
        self.ignore_index = ignore_index
        self.counts = torch.zeros(classes, dtype=torch.int64)
        self.items = 0  # items read and labels counted so far, for the progress bar
        self.seen = 0
        # The labels of consecutive one-sample items.
        self._pending: list[int] = []
        self._pending_from = 0  # the item of the first pending label

    def add(self, index: int, labels: Any) -> None:
        self.items += 1
        if type(labels) is int:
            self._add_scalar(index, labels)
            return
        if isinstance(labels, Tensor):
            if labels.dim() == 0 and not labels.is_floating_point():
                # A Python int, not the tensor: thousands of live tensors slow the garbage
                # collector down more than the counting costs.
                self._add_scalar(index, labels.item())
                return
        elif isinstance(labels, numbers.Integral):
            self._add_scalar(index, int(labels))
            return
        self._flush()
        tensor = _as_tensor("count_classes", f"the labels of item {index}", labels)
        if tensor.is_floating_point():
            try:
                counted = _probability_mass(tensor, self.classes, per_sample=False)
            except ValueError as error:
                raise ValueError(f"count_classes: item {index}: {_without_prefix(error)}") from None
            self.seen += tensor.numel() // self.classes
        else:
            counted = _count_labels(tensor, self.classes, self.ignore_index)
            if isinstance(counted, _OutOfRange):
                where = f"item {index}, at position {counted.position} of its labels,"
                raise self._out_of_range(counted.value, where)
            self.seen += tensor.numel()
        self._accumulate(counted)

    def _add_scalar(self, index: int, label: int) -> None:
        if not self._pending:
            self._pending_from = index
        self._pending.append(label)
        self.seen += 1
        if len(self._pending) >= _SCALAR_CHUNK:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        counted = _count_labels(torch.tensor(self._pending), self.classes, self.ignore_index)
        if isinstance(counted, _OutOfRange):
            raise self._out_of_range(
                counted.value, f"item {self._pending_from + counted.position[0]}"
            )
        self._accumulate(counted)
        self._pending = []

    def _accumulate(self, counted: Tensor) -> None:
        if counted.is_floating_point() and not self.counts.is_floating_point():
            self.counts = self.counts.double()
        self.counts += counted.cpu()

    def _out_of_range(self, value: int, where: str) -> ValueError:
        return ValueError(
            f"count_classes: {where} has label {value}, but num_classes={self.classes}: "
            f"{_valid_labels(self.classes, self.ignore_index)}."
        )

    def result(self) -> Tensor:
        self._flush()
        return self.counts


def _label_selector(target: TargetSelector) -> Callable[[int, Any], Any]:
    """A function (index, item) -> the item's labels, with a clear error when it does not fit."""
    if target is None:
        return lambda index, item: item
    if isinstance(target, bool) or (not isinstance(target, int | str) and not callable(target)):
        raise TypeError(
            f"count_classes: target must be a tuple position (int), a dict key (str), a "
            f"callable or None, not {target!r}."
        )
    if callable(target):
        return lambda index, item: target(item)

    def select(index: int, item: Any) -> Any:
        try:
            return item[target]
        except (IndexError, KeyError, TypeError):
            raise TypeError(_does_not_fit(index, item, target)) from None

    return select


def _does_not_fit(index: int, item: Any, target: int | str) -> str:
    if isinstance(item, Mapping):
        found = f"a dict with keys {sorted(map(str, item))}"
        fix = "pass target=<the key of the labels>"
    elif isinstance(item, tuple | list):
        found = f"a {type(item).__name__} of {len(item)} elements"
        fix = "pass target=<the position of the labels>"
    else:
        found = f"a {type(item).__name__}"
        fix = "pass target=None if the items are the labels themselves, or a callable"
    return f"count_classes: item {index} is {found}, which has no [{target!r}]; {fix}."


def _items_of(source: Iterable[Any]) -> tuple[Iterable[Any], int | None]:
    """The items of ``source`` and how many there are, when that is known."""
    from torch.utils.data import Dataset, IterableDataset

    if isinstance(source, Dataset) and not isinstance(source, IterableDataset):
        # A map-style Dataset need not be iterable: read it by index.
        size = len(source)  # type: ignore[arg-type]
        return (source[i] for i in range(size)), size
    if not isinstance(source, Iterable):
        raise TypeError(
            f"count_classes: source must be a Dataset, a DataLoader or an iterable, not "
            f"{type(source).__name__}."
        )
    try:
        size = len(source)  # type: ignore[arg-type]
    except TypeError:
        size = None
    return source, size


def _all_reduce(counts: Tensor, distributed: bool | None) -> Tensor:
    import torch.distributed as dist

    active = dist.is_available() and dist.is_initialized()
    if distributed is False or (distributed is None and not active):
        return counts
    if not active:
        raise RuntimeError(
            "count_classes: distributed=True, but no torch.distributed process group is "
            "initialised; call torch.distributed.init_process_group first."
        )
    # One collective carries the counts and whether any rank saw probabilities (float counts),
    # in float64, which holds integer counts exactly up to 2**53.
    device = torch.device("cpu")
    if dist.get_backend() == "nccl":
        device = torch.device("cuda", torch.cuda.current_device())
    packed = torch.cat([counts.double(), torch.tensor([float(counts.is_floating_point())])])
    packed = packed.to(device)
    dist.all_reduce(packed)
    total, any_float = packed[:-1].cpu(), bool(packed[-1])
    return total if any_float else total.round().long()


def _show_progress(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized() and dist.get_rank() != 0:
        return False
    return sys.stderr.isatty()


class _ProgressBar:
    """One line on standard error, redrawn at most ten times a second."""

    _INTERVAL = 0.1

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.started = time.monotonic()
        self.drawn = 0.0

    def update(self, items: int, labels: int) -> None:
        now = time.monotonic()
        if now - self.drawn >= self._INTERVAL:
            self.drawn = now
            self._draw(items, labels, now)

    def close(self, items: int, labels: int) -> None:
        self._draw(items, labels, time.monotonic())
        sys.stderr.write("\n")
        sys.stderr.flush()

    def _draw(self, items: int, labels: int, now: float) -> None:
        elapsed = now - self.started
        if self.total:
            width = 24
            filled = width * items // self.total
            done = f"[{'#' * filled}{'.' * (width - filled)}] {items:,}/{self.total:,} items"
        else:
            done = f"{items:,} items"
        sys.stderr.write(f"\rcounting classes {done}, {labels:,} labels, {elapsed:.1f}s")
        sys.stderr.flush()


def _check_num_classes(function: str, num_classes: int) -> None:
    if isinstance(num_classes, bool) or not isinstance(num_classes, numbers.Integral):
        raise TypeError(f"{function}: num_classes must be an int, not {num_classes!r}.")
    if num_classes < 1:
        raise ValueError(f"{function}: num_classes must be at least 1, not {num_classes}.")


def _as_tensor(function: str, name: str, value: Any) -> Tensor:
    if isinstance(value, Tensor):
        return value
    try:
        tensor = torch.as_tensor(value)
        if tensor.is_floating_point() and not hasattr(value, "dtype"):
            # Python floats are float64; torch's default float32 would round them.
            tensor = torch.as_tensor(value, dtype=torch.float64)
        return tensor
    except (TypeError, ValueError, RuntimeError) as error:
        raise TypeError(
            f"{function}: {name} must be a tensor, an array or a sequence of numbers, "
            f"not {type(value).__name__} ({error})."
        ) from None


def _without_prefix(error: ValueError) -> str:
    return str(error).partition(": ")[2]
