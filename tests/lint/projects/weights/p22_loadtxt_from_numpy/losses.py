import numpy as np
import torch
from torch import nn


def build_criterion(weights_file, ignore_index=255):
    class_weights = np.loadtxt(weights_file, delimiter=",")
    return nn.CrossEntropyLoss(
        weight=torch.from_numpy(class_weights),  # expect: WCE204
        ignore_index=ignore_index,
    )
