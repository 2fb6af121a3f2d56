"""Value facts: what an expression holds, followed through the code."""

import ast

import pytest

from wce_guard.lint.analysis import Facts, Kind

HEADER = "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n"
# A class whose activation a method sets (a setter), and one of it
SETTER = (
    "class T:\n    def set_act(self, act):\n        self.act = act\n"
    "    def run(self, x):\n        return self.act(x)\nt = T()\n"
)


def value_at_last_call(code: str, callee: str = "use"):
    """What the first argument of the last ``use(...)`` call holds."""
    facts = Facts(ast.parse(HEADER + code))
    calls = [c for c in facts.calls if ast.unparse(c.node.func) == callee]
    call = calls[-1]
    return facts.value(call.node.args[0], call.site)


def kind_at_use(code: str):
    value = value_at_last_call(code)
    return None if value is None else value.kind


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("p = F.softmax(x, 1)\nuse(p)\n", Kind.PROBABILITIES),
        ("p = x.softmax(dim=1)\nuse(p)\n", Kind.PROBABILITIES),
        ("p = torch.softmax(x, 1).float().cuda()\nuse(p)\n", Kind.PROBABILITIES),
        ("lp = F.log_softmax(x, 1)\nuse(lp)\n", Kind.LOG_PROBABILITIES),
        ("s = torch.sigmoid(x)\nuse(s)\n", Kind.SIGMOID),
        ("lp = torch.log(F.softmax(x, 1) + 1e-8)\nuse(lp)\n", Kind.LOG_OF_PROBABILITIES),
        ("p = F.log_softmax(x, 1).exp()\nuse(p)\n", Kind.PROBABILITIES),
        ("c = torch.bincount(y)\nuse(c)\n", Kind.COUNTS),
        ("c = torch.bincount(y)\nw = 1.0 / c\nuse(w)\n", Kind.WEIGHTS),
        # reassignment clears the fact
        ("p = F.softmax(x, 1)\np = logits\nuse(p)\n", None),
        # a branch may not have run
        ("p = logits\nif flag:\n    p = p.softmax(1)\nuse(p)\n", None),
        ("p = logits\nif flag: p = p.softmax(1)\nuse(p)\n", None),
        # inside the same branch it did
        ("if flag:\n    p = F.softmax(x, 1)\n    use(p)\n", Kind.PROBABILITIES),
        # a with block always runs
        ("with torch.no_grad():\n    p = F.softmax(x, 1)\nuse(p)\n", Kind.PROBABILITIES),
        # tuple unpacking and tuple returns
        ("p, q = F.softmax(x, 1), x\nuse(p)\n", Kind.PROBABILITIES),
        ("p, q = F.softmax(x, 1), x\nuse(q)\n", None),
        ("def f(x):\n    return x, F.softmax(x, 1)\na, b = f(x)\nuse(b)\n", Kind.PROBABILITIES),
        ("def f(x):\n    return x, F.softmax(x, 1)\nuse(f(x)[1])\n", Kind.PROBABILITIES),
        # helper functions: every return must agree
        ("def f(x):\n    return F.softmax(x, 1)\nuse(f(x))\n", Kind.PROBABILITIES),
        ("def f(x):\n    if a:\n        return x\n    return x.softmax(1)\nuse(f(x))\n", None),
        # layers, Sequential, attributes, add_module
        ("sm = nn.Softmax(dim=1)\nuse(sm(x))\n", Kind.PROBABILITIES),
        ("m = nn.Sequential(nn.Linear(4, 3), nn.Softmax(1))\nuse(m(x))\n", Kind.PROBABILITIES),
        ("m = nn.Sequential(nn.Linear(4, 3), nn.Softmax(1), nn.Identity())\nuse(m(x))\n", None),
        (
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        self.add_module('act', nn.Softmax(1))\n"
            "    def forward(self, x):\n"
            "        return self.act(x)\n"
            "use(Net()(x))\n",
            Kind.PROBABILITIES,
        ),
        (
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        self.head = nn.Linear(4, 3)\n"
            "    def forward(self, x):\n"
            "        return self.head(x)\n"
            "net = Net()\nuse(net(x))\n",
            Kind.LOGITS,
        ),
        (
            "m = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))\nuse(m(x))\n",
            Kind.LOGITS,
        ),
        ("use(F.linear(x, w))\n", Kind.LOGITS),
        ("m = nn.Sequential(nn.Linear(4, 3), nn.ReLU())\nuse(m(x))\n", None),
        # a local function named like torch's is not torch's
        ("def softmax(x):\n    return x\nuse(softmax(x))\n", None),
        # a parameter: unknown, unless it has a default
        ("def f(p):\n    use(p)\n", None),
        ("def f(c=nn.CrossEntropyLoss()):\n    use(c)\n", Kind.LOSS),
        # a module-level value used in a function
        ("crit = nn.CrossEntropyLoss()\ndef f():\n    use(crit)\n", Kind.LOSS),
    ],
)
def test_kinds(code, kind):
    assert kind_at_use(code) == kind


@pytest.mark.parametrize(
    ("code", "device"),
    [
        ("w = torch.tensor([1.0, 2.0])\nuse(w)\n", "cpu"),
        ("w = torch.tensor([1.0, 2.0], device=d)\nuse(w)\n", "given"),
        ("w = torch.tensor([1.0, 2.0]).to(device)\nuse(w)\n", "moved"),
        ("w = torch.ones(3)\nw = w.cuda()\nuse(w)\n", "moved"),
        ("w = torch.ones(3).to(torch.float16)\nuse(w)\n", "cpu"),
        ("w = torch.ones(3).to(dtype=torch.float16)\nuse(w)\n", "cpu"),
        ("c = torch.bincount(torch.tensor(y))\nuse(1 / c)\n", "cpu"),
    ],
)
def test_devices(code, device):
    assert value_at_last_call(code).device == device


def test_loss_calls_through_objects():
    code = HEADER + (
        "class Trainer:\n"
        "    def __init__(self, weight):\n"
        "        self.criterion = nn.CrossEntropyLoss(weight=weight)\n"
        "    def step(self, x, y):\n"
        "        return self.criterion(x, y)\n"
        "crit = nn.NLLLoss()\n"
        "a = crit(lp, target=y)\n"
        "d = nn.BCELoss().forward(q, u)\n"
        "b = F.binary_cross_entropy_with_logits(z, t)\n"
        "c = some_function(x, y)\n"
    )
    facts = Facts(ast.parse(code))
    found = [
        (
            call.loss.rsplit(".", 1)[1],
            ast.unparse(call.input),
            ast.unparse(call.target),
        )
        for call in facts.loss_calls()
    ]
    assert sorted(found) == [
        ("BCELoss", "q", "u"),
        ("CrossEntropyLoss", "x", "y"),
        ("NLLLoss", "lp", "y"),
        ("binary_cross_entropy_with_logits", "z", "t"),
    ]


def test_self_referencing_values_terminate():
    code = "def f(x):\n    return f(x)\nuse(f(1))\na = b\nb = a\nuse(a)\n"
    assert kind_at_use(code) is None


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        # arguments of the call site, instances and their attributes, classes of the run
        ("def f(m, x):\n    return m(x)\nuse(f(nn.Softmax(1), x))\n", Kind.PROBABILITIES),
        ("def f(m, x):\n    return m(x)\nuse(f(nn.Linear(3, 2), x))\n", Kind.LOGITS),
        (
            "class T:\n    def __init__(self, m):\n        self.m = m\n"
            "    def run(self, x):\n        return self.m(x)\nuse(T(nn.Softmax(1)).run(x))\n",
            Kind.PROBABILITIES,
        ),
        (
            "class Net(nn.Module):\n    def forward(self, x):\n        return x.sigmoid()\n"
            "model = Net().eval().to('cuda')\nuse(model(x))\n",
            Kind.SIGMOID,
        ),
        # constants decide branches, getattr and match
        ("use(getattr(nn, 'Softmax')(1)(x))\n", Kind.PROBABILITIES),
        (
            "def act(k):\n    match k:\n        case 'softmax':\n            return nn.Softmax(1)\n"
            "        case _:\n            return nn.Identity()\nuse(act('softmax')(x))\n",
            Kind.PROBABILITIES,
        ),
        (
            "def act(k):\n    match k:\n        case 'softmax':\n            return nn.Softmax(1)\n"
            "        case _:\n            return nn.Identity()\nuse(act('none')(x))\n",
            None,
        ),
        (
            "name = 'softmax'\nif name is None or name == 'softmax':\n    y = F.softmax(x, 1)\n"
            "else:\n    y = x\nuse(y)\n",
            Kind.PROBABILITIES,
        ),
        (
            "act = nn.Softmax(1)\nif act is not None:\n    y = act(x)\nelse:\n    y = x\nuse(y)\n",
            Kind.PROBABILITIES,
        ),
        ("loss_fn = None or nn.Sigmoid()\nuse(loss_fn(x))\n", Kind.SIGMOID),
        # both arms of an if give the same kind: joined, also for two different classes
        (
            "if a:\n    p = F.softmax(x, 1)\nelse:\n    p = x.softmax(1)\nuse(p)\n",
            Kind.PROBABILITIES,
        ),
        ("if a:\n    p = F.softmax(x, 1)\nelse:\n    p = x\nuse(p)\n", None),
        # containers
        ("out = {}\nout['p'] = F.softmax(x, 1)\nuse(out['p'])\n", Kind.PROBABILITIES),
        ("out = {}\nif a:\n    out['p'] = F.softmax(x, 1)\nuse(out['p'])\n", None),
        ("d = {'p': F.softmax(x, 1)}\ne = {**d, 'b': 1}\nuse(e['p'])\n", Kind.PROBABILITIES),
        ("d = {'p': F.softmax(x, 1)}\ne = {**d, **other}\nuse(e['p'])\n", None),
        # loops: after a loop over a known sequence, its last run is what remains
        (
            "layers = [nn.Linear(4, 3), nn.Softmax(1)]\nfor layer in layers:\n    x = layer(x)\n"
            "use(x)\n",
            Kind.PROBABILITIES,
        ),
        (
            "layers = [nn.Softmax(1), nn.Linear(4, 3)]\nfor layer in layers:\n    x = layer(x)\n"
            "use(x)\n",
            Kind.LOGITS,
        ),
        (
            "layers = [nn.Linear(4, 3), nn.Softmax(1)]\nfor layer in layers:\n    x = layer(x)\n"
            "    if done:\n        break\nuse(x)\n",
            None,
        ),
        ("for layer in layers:\n    x = layer(x)\nuse(x)\n", None),
        (
            "layers = []\nfor w in widths:\n    layers.append(nn.Linear(w, w))\n"
            "layers.append(nn.Softmax(1))\nuse(nn.Sequential(*layers)(x))\n",
            Kind.PROBABILITIES,
        ),
        (
            "layers = [nn.Linear(3, 3)]\nfor w in [1, 2]:\n    layers.append(nn.Softmax(1))\n"
            "use(layers[0](x))\n",
            None,  # appended in a loop: what came before the last item is not known
        ),
        # a layer's forward is the layer (vinhkhuc/PyTorch-Mini-Tutorials calls it so)
        ("sm = nn.Softmax(dim=1)\nuse(sm.forward(x))\n", Kind.PROBABILITIES),
        ("m = nn.Sequential(nn.Linear(4, 3))\nuse(m.forward(x))\n", Kind.LOGITS),
        # a script's main block runs: a function it calls reads the globals it binds, also in
        # the arms of an if inside it (say4n/pytorch-segnet's train())
        (
            "def fit():\n    use(model(x))\nif __name__ == '__main__':\n    if gpu:\n"
            "        model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(1)).cuda()\n    else:\n"
            "        model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(1))\n    fit()\n",
            Kind.PROBABILITIES,
        ),
        (
            "def fit():\n    use(model(x))\nif __name__ == '__main__':\n    if gpu:\n"
            "        model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(1))\n    else:\n"
            "        model = nn.Linear(4, 3)\n    fit()\n",
            None,  # the arms disagree
        ),
        (
            "if __name__ != '__main__':\n    p = F.softmax(x, 1)\nelse:\n    p = x\nuse(p)\n",
            None,
        ),
        # methods called on an object set its attributes (a setter): the last call holds,
        # one that may not have run says nothing
        (
            SETTER + "t.set_act(nn.Softmax(1))\nuse(t.run(x))\n",
            Kind.PROBABILITIES,
        ),
        (
            SETTER + "t.set_act(nn.Softmax(1))\nt.set_act(nn.Linear(2, 2))\nuse(t.run(x))\n",
            Kind.LOGITS,
        ),
        (
            SETTER + "if a:\n    t.set_act(nn.Softmax(1))\nuse(t.run(x))\n",
            None,
        ),
        (
            SETTER + "use(t.run(x))\nt.set_act(nn.Softmax(1))\n",
            None,
        ),
        (
            "class N(nn.Module):\n    def forward(self, x):\n        return x.softmax(1)\n"
            "use(N().__call__(x))\n",
            Kind.PROBABILITIES,
        ),
        (
            "m = nn.Sequential(nn.Linear(4, 3), nn.Softmax(1))\nuse(m.__call__(x))\n",
            Kind.PROBABILITIES,
        ),
    ],
)
def test_values_through_calls_objects_constants_and_containers(code, kind):
    assert kind_at_use(code) == kind
