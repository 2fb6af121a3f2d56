"""The registry: every rule, one module per family, ordered by code."""

from __future__ import annotations

from wce_guard.lint.rule import Rule
from wce_guard.lint.rules.devices import (
    CpuWeightByHand,
    CpuWeightInFunctionalLoss,
    CpuWeightInLossModule,
)
from wce_guard.lint.rules.probabilities import (
    LogOfSoftmax,
    SigmoidIntoBCEWithLogits,
    SigmoidThenBCE,
    SoftmaxIntoCrossEntropy,
    SoftmaxIntoNllLoss,
)
from wce_guard.lint.rules.tool import UnknownSuppressionCode, UnreadableFile, UnusedSuppression
from wce_guard.lint.rules.weights import (
    BincountWithoutMinlength,
    DivisionByZeroCount,
    Float64Weights,
    UnnormalisedWeights,
    WeightNotATensor,
    WeightWrongLength,
)

ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        [
            UnreadableFile,
            UnusedSuppression,
            UnknownSuppressionCode,
            SoftmaxIntoCrossEntropy,
            LogOfSoftmax,
            SoftmaxIntoNllLoss,
            SigmoidIntoBCEWithLogits,
            SigmoidThenBCE,
            BincountWithoutMinlength,
            DivisionByZeroCount,
            UnnormalisedWeights,
            Float64Weights,
            WeightNotATensor,
            WeightWrongLength,
            CpuWeightInLossModule,
            CpuWeightInFunctionalLoss,
            CpuWeightByHand,
        ],
        key=lambda rule: rule.code,
    )
)
BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}
