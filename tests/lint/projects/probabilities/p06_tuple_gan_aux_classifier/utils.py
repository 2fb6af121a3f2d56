import torch
import torch.nn.functional as F


def compute_acc(preds, labels):
    return (preds.argmax(dim=1) == labels).float().mean().item()


def noise_with_labels(batch_size, nz, num_classes, device):
    label = torch.randint(0, num_classes, (batch_size,), device=device)
    noise = torch.randn(batch_size, nz, device=device)
    noise[:, :num_classes] = F.one_hot(label, num_classes).float()
    return noise, label
