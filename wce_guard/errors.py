"""The exceptions and warnings wce-guard raises (importable without torch)."""


class LossContractError(ValueError):
    """A loss was called with arguments that break its contract.

    A ``ValueError``, so code that already catches PyTorch's ``ValueError`` keeps working. The
    message names the argument, what was expected, what was given, and the likely fix.
    """


class ProbabilityInputWarning(UserWarning):
    """The input of a loss that expects logits looks like probabilities (softmax output)."""
