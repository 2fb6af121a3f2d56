import torch
from torch import nn

loss_fn = nn.NLLLoss(ignore_index=-100)


def compute_loss(pred, y):
    """Token-level loss over (batch, seq, vocab) predictions."""
    return loss_fn(pred.reshape(-1, pred.size(-1)), y.reshape(-1))


def perplexity(total_loss, n_batches):
    return torch.exp(torch.tensor(total_loss / max(n_batches, 1))).item()
