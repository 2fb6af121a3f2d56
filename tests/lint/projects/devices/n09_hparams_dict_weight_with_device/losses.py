from torch import nn

LOSSES = {"ce": nn.CrossEntropyLoss, "nll": nn.NLLLoss}


def get_loss(name="ce", **loss_kwargs):
    return LOSSES[name](**loss_kwargs)
