# functools.partial binds a CPU class weight to nn.CrossEntropyLoss in the config; the engine
# instantiates it later, after moving the model with .to(device). The "loss class plus kwargs
# in the config" idiom is that of kkorolev1/as_dla (hw_as/loss, CrossEntropyLossWrapper) and
# AIshutin/hse-antispoof (antispoof/loss/celoss.py), written here with functools.partial.
from functools import partial

import torch
from torch import nn

NUM_CLASSES = 2
SPOOF_WEIGHTS = torch.tensor([1.0, 9.0])  # bona fide, spoof

criterion_factory = partial(nn.CrossEntropyLoss, weight=SPOOF_WEIGHTS)  # expect: WCE301
