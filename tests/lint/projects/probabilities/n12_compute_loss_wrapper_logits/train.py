import torch

from lm import CharLSTM
from utils import RunningMetrics, compute_loss


def train_epoch(model, batches, optimizer, temperature=1.0):
    model.train()
    metrics = RunningMetrics()
    for inputs, targets in batches:
        optimizer.zero_grad()
        logits, _ = model(inputs)
        loss = compute_loss(logits, targets)
        loss.backward()
        optimizer.step()
        probs = (logits.detach() / temperature).softmax(dim=-1)
        metrics.update(probs, targets)
    return metrics.accuracy()


if __name__ == "__main__":
    batches, vocab_size = torch.load("tinyshakespeare.pt")
    model = CharLSTM(vocab_size)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(20):
        print(epoch, train_epoch(model, batches, optimizer))
