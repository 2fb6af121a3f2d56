import torch


def make_loss(loss_cls, class_weights=None, **kwargs):
    if class_weights is not None:
        kwargs["weight"] = torch.as_tensor(class_weights, dtype=torch.float32)
    return loss_cls(**kwargs)
