"""The one table of losses: what each classification loss is, for every part of wce-guard.

The linter (which must not import torch), the guard behind ``wce-guard run`` and the checked
losses all read this table: a loss's names in ``torch.nn.functional``, ``torch.nn`` and
``wce_guard``, the order of its arguments, and what its input must hold. It imports nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Loss:
    functional: str  # its name in torch.nn.functional and in wce_guard
    module: str  # its nn.Module class, in torch.nn and in wce_guard
    parameters: tuple[str, ...]  # the functional's positional parameters, in order
    constructor: tuple[str, ...]  # the module constructor's positional parameters, in order
    expects: str  # what the input must hold: "logits", "log-probabilities", "probabilities"
    weights: tuple[str, ...]  # the parameters that take class weights

    @property
    def qualified_functional(self) -> str:
        return f"torch.nn.functional.{self.functional}"

    @property
    def qualified_module(self) -> str:
        return f"torch.nn.{self.module}"


LOSSES = (
    Loss(
        "cross_entropy", "CrossEntropyLoss",
        ("input", "target", "weight", "size_average", "ignore_index", "reduce", "reduction",
         "label_smoothing"),
        ("weight", "size_average", "ignore_index", "reduce", "reduction", "label_smoothing"),
        "logits", ("weight",),
    ),
    Loss(
        "nll_loss", "NLLLoss",
        ("input", "target", "weight", "size_average", "ignore_index", "reduce", "reduction"),
        ("weight", "size_average", "ignore_index", "reduce", "reduction"),
        "log-probabilities", ("weight",),
    ),
    Loss(
        "binary_cross_entropy", "BCELoss",
        ("input", "target", "weight", "size_average", "reduce", "reduction"),
        ("weight", "size_average", "reduce", "reduction"),
        "probabilities", ("weight",),
    ),
    Loss(
        "binary_cross_entropy_with_logits", "BCEWithLogitsLoss",
        ("input", "target", "weight", "size_average", "reduce", "reduction", "pos_weight"),
        ("weight", "size_average", "reduce", "reduction", "pos_weight"),
        "logits", ("weight", "pos_weight"),
    ),
)  # fmt: skip

BY_QUALIFIED_NAME = {
    **{loss.qualified_functional: loss for loss in LOSSES},
    **{loss.qualified_module: loss for loss in LOSSES},
}

# Other spellings of the same losses -> the torch.nn name (wce_guard's checked twins, the
# modules' defining module).
ALIASES = {
    **{f"wce_guard.{loss.functional}": loss.qualified_functional for loss in LOSSES},
    **{
        f"wce_guard.checked.functional.{loss.functional}": loss.qualified_functional
        for loss in LOSSES
    },
    **{f"wce_guard.{loss.module}": loss.qualified_module for loss in LOSSES},
    **{f"wce_guard.checked.modules.{loss.module}": loss.qualified_module for loss in LOSSES},
    **{f"torch.nn.modules.loss.{loss.module}": loss.qualified_module for loss in LOSSES},
}
