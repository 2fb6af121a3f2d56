from torch import nn


def get_loss(cfg):
    if cfg["name"] == "ce":
        return nn.CrossEntropyLoss(
            weight=cfg["class_weights"],  # expect: WCE205
            label_smoothing=cfg["label_smoothing"],
        )
    raise ValueError(cfg["name"])
