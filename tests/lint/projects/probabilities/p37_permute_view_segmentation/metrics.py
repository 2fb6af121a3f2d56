import torch


def mean_iou(pred, target, n_classes, ignore_index=255):
    valid = target != ignore_index
    ious = []
    for c in range(n_classes):
        p, t = (pred == c) & valid, (target == c) & valid
        union = (p | t).sum().item()
        if union:
            ious.append((p & t).sum().item() / union)
    return sum(ious) / max(len(ious), 1)


def confusion(pred, target, n_classes, ignore_index=255):
    valid = target != ignore_index
    index = target[valid] * n_classes + pred[valid]
    return torch.bincount(index, minlength=n_classes**2).view(n_classes, n_classes)
