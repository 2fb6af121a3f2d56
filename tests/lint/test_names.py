"""Import aliases resolve to qualified names, in every way torch is imported."""

import ast

import pytest

from wce_guard.lint.analysis import Facts

SOFTMAX = "torch.nn.functional.softmax"


def qualified(code: str, callee: str) -> str | None:
    """The qualified name of the (last) call whose callee is written ``callee``."""
    facts = Facts(ast.parse(code))
    found = [c for c in facts.calls if ast.unparse(c.node.func) == callee]
    assert found, f"no call of {callee}"
    return found[-1].qualified


@pytest.mark.parametrize(
    ("code", "callee", "expected"),
    [
        ("import torch.nn.functional as F\nF.softmax(x)\n", "F.softmax", SOFTMAX),
        ("from torch.nn import functional as fn\nfn.softmax(x)\n", "fn.softmax", SOFTMAX),
        ("from torch.nn.functional import softmax as sm\nsm(x)\n", "sm", SOFTMAX),
        ("from torch.nn.functional import softmax\nsoftmax(x)\n", "softmax", SOFTMAX),
        ("import torch as t\nt.softmax(x)\n", "t.softmax", SOFTMAX),
        ("import torch\ntorch.special.softmax(x)\n", "torch.special.softmax", SOFTMAX),
        (
            "import torch.nn.functional\ntorch.nn.functional.softmax(x)\n",
            "torch.nn.functional.softmax",
            SOFTMAX,
        ),
        (
            "import torch\nx.y = torch.nn.functional.softmax(x)\n",
            "torch.nn.functional.softmax",
            SOFTMAX,
        ),
        (
            "from torch import nn\nnn.CrossEntropyLoss()\n",
            "nn.CrossEntropyLoss",
            "torch.nn.CrossEntropyLoss",
        ),
        (
            "import torch.nn as nn\nnn.modules.loss.CrossEntropyLoss()\n",
            "nn.modules.loss.CrossEntropyLoss",
            "torch.nn.CrossEntropyLoss",
        ),
        ("from torch.nn import CrossEntropyLoss as CE\nCE()\n", "CE", "torch.nn.CrossEntropyLoss"),
        (
            "import wce_guard as wg\nwg.cross_entropy(x, y)\n",
            "wg.cross_entropy",
            "torch.nn.functional.cross_entropy",
        ),
        ("import numpy as np\nnp.bincount(y)\n", "np.bincount", "numpy.bincount"),
    ],
)
def test_import_styles(code, callee, expected):
    assert qualified(code, callee) == expected


def test_function_local_import():
    code = "def f(x):\n    import torch.nn.functional as F\n    return F.softmax(x)\nF.softmax(x)\n"
    facts = Facts(ast.parse(code))
    assert [c.qualified for c in facts.calls] == [SOFTMAX, None]


@pytest.mark.parametrize(
    "code",
    [
        # a parameter shadows the module's import
        "import torch.nn.functional as F\ndef f(F, x):\n    return F.softmax(x)\n",
        # an assignment in the function shadows it for the whole function
        "import torch.nn.functional as F\ndef f(x):\n    y = F.softmax(x)\n    F = other\n",
        # imported and reassigned in one scope: unsure, so nothing
        "import torch.nn.functional as F\nF = my_module\nF.softmax(x)\n",
        # class bodies do not enclose their methods
        "class A:\n    import torch.nn.functional as F\n    def m(self, x):\n"
        "        return F.softmax(x)\n",
        # a module of the user's package, not torch
        "from . import F\nF.softmax(x)\n",
        # a loop variable
        "import torch.nn.functional as F\nfor F in helpers:\n    F.softmax(x)\n",
    ],
)
def test_shadowed_or_local_names_resolve_to_nothing(code):
    assert qualified(code, "F.softmax") is None


def test_global_declaration_uses_the_module_binding():
    code = "import torch.nn.functional as F\ndef f(x):\n    global F\n    return F.softmax(x)\n"
    assert qualified(code, "F.softmax") == SOFTMAX


def test_nested_function_sees_enclosing_import():
    code = (
        "def outer():\n    from torch.nn import functional as F\n"
        "    def inner(x):\n        return F.softmax(x)\n    return inner\n"
    )
    assert qualified(code, "F.softmax") == SOFTMAX


def test_method_call_on_a_value_is_not_a_qualified_name():
    assert qualified("import torch\nlogits.softmax(1)\n", "logits.softmax") is None
