import torch


def per_class_counts(samples, num_classes):
    return [len([s for s in samples if s["label"] == c]) for c in range(num_classes)]


def reciprocal_weights(samples, num_classes):
    counts = per_class_counts(samples, num_classes)
    weights = [1.0 / n for n in counts]  # expect: WCE202
    total = sum(weights)
    return torch.tensor([w * num_classes / total for w in weights], dtype=torch.float32)
