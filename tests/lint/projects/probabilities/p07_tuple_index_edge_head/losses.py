import torch
import torch.nn.functional as F


def balanced_edge_bce(edge_logits, edge_mask):
    """Class-balanced BCE: edge pixels are rare, weight them by the share of non-edge pixels."""
    target = edge_mask.float()
    pos = (target == 1).sum()
    neg = (target == 0).sum()
    total = (pos + neg).clamp(min=1)
    weight = torch.where(target == 1, neg / total, pos / total)
    weight = weight * (edge_mask <= 1)
    return F.binary_cross_entropy_with_logits(edge_logits, target.clamp(max=1), weight)


def seg_loss(seg_logits, seg_mask, ignore_index=255):
    return F.cross_entropy(seg_logits, seg_mask, ignore_index=ignore_index)
