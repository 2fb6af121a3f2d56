from torch import nn


def build_losses(label_smoothing=0.0):
    return {
        "nll": nn.NLLLoss(),
        "ce": nn.CrossEntropyLoss(label_smoothing=label_smoothing),
        "kl": nn.KLDivLoss(reduction="batchmean"),
    }
