from torch import nn


def build_criterion(name, class_weights=None, ignore_index=255):
    if name == "ce":
        return nn.CrossEntropyLoss(weight=class_weights, ignore_index=ignore_index)
    if name == "nll2d":
        return nn.NLLLoss(weight=class_weights, ignore_index=ignore_index)
    raise ValueError(f"unknown criterion {name}")
