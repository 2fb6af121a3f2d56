import torch.nn.functional as F


def class_balanced_ce(logits, labels, class_counts):
    weights = 1.0 / class_counts.clamp(min=1).float()
    per_sample = F.cross_entropy(logits, labels, reduction="none")
    sample_weights = weights[labels]
    return (sample_weights * per_sample).sum() / sample_weights.sum()
