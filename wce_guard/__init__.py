"""wce-guard: guard rails for weighted cross-entropy in PyTorch.

The runtime API (checked losses) needs torch and is loaded on first use, so that the linter
(``wce_guard.lint``, the ``wce-guard`` command) imports and runs without torch.
"""

from __future__ import annotations

import importlib

from wce_guard.errors import LossContractError, ProbabilityInputWarning
from wce_guard.loss_table import LOSSES

__version__ = "0.1.0"

# public name -> module that defines it. No module path component is a public name: importing
# the module would bind it over the name (``import wce_guard.rwwce`` once broke ``wg.rwwce``).
_LAZY = {
    **{loss.functional: "wce_guard.checked.functional" for loss in LOSSES},
    **{loss.module: "wce_guard.checked.modules" for loss in LOSSES},
    "checks": "wce_guard.checked.levels",
    "current_level": "wce_guard.checked.levels",
    "CheckLevel": "wce_guard.checked.levels",
    "class_counts": "wce_guard.weighting.counting",
    "count_classes": "wce_guard.weighting.counting",
    "class_weights": "wce_guard.weighting.schemes",
    "rwwce": "wce_guard.realworld.functional",
    "binary_rwwce": "wce_guard.realworld.functional",
    "RWWCELoss": "wce_guard.realworld.modules",
    "BinaryRWWCELoss": "wce_guard.realworld.modules",
    "real_world_cost": "wce_guard.realworld.metric",
    "binary_real_world_cost": "wce_guard.realworld.metric",
    "real_world_cost_from_confusion": "wce_guard.realworld.metric",
    "guard": "wce_guard.guarding.session",
}

# What the checked losses import besides torch: the `torch` extra of the package.
_RUNTIME_EXTRA = ("beartype", "jaxtyping")

__all__ = ["LossContractError", "ProbabilityInputWarning", "__version__", *_LAZY]


def __getattr__(name: str):
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'wce_guard' has no attribute {name!r}")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == "torch":
            raise ImportError(
                f"wce_guard.{name} needs PyTorch, which is not installed. Install it with pip "
                f"install 'wce-guard[torch]' (or pip install torch beartype jaxtyping); the "
                f"linter works without it."
            ) from error
        if error.name in _RUNTIME_EXTRA:
            raise ImportError(
                f"wce_guard.{name} needs {error.name}, which is not installed: it comes with "
                f"pip install 'wce-guard[torch]' (the linter-only install leaves it out)."
            ) from error
        raise
    value = getattr(module, name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
