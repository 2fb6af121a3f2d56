from torch import nn


def make_loss(loss_cls, class_weights=None, **kwargs):
    """Instantiate a loss class, moving optional class weights to a tensor first."""
    if class_weights is not None:
        import torch

        kwargs["weight"] = torch.as_tensor(class_weights, dtype=torch.float32)
    return loss_cls(**kwargs)


def make_optimizer(model, name="adamw", lr=3e-4, weight_decay=0.05):
    import torch

    if name == "adamw":
        return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    return torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=weight_decay)


LOSS_CLASSES = {"ce": nn.CrossEntropyLoss, "nll": nn.NLLLoss}
