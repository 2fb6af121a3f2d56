"""The analysis core: an abstract interpreter over the files of a lint run.

- ``values``: abstract values (what an expression may hold) and contexts;
- ``library``: what library calls do to values, as tables;
- ``syntax``: small readings of Python's syntax tree;
- ``walk``: the one walk over a module's syntax;
- ``facts``: the evaluator, and the loss calls it reaches (where rules look);
- ``program``: the run's files, loaded on demand.

Names are loaded on first use: a lint run served from the cache never imports the analysis.
"""

import importlib

_HOMES = {
    "Facts": "facts",
    "GivenWeight": "facts",
    "LossCall": "facts",
    "WeightUse": "facts",
    "argument": "syntax",
    "keyword": "syntax",
    "subexpressions": "facts",
    "Program": "program",
    "Context": "values",
    "Kind": "values",
    "UNKNOWN": "values",
    "Value": "values",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
