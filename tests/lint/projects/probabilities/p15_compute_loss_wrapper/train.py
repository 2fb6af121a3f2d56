import argparse

import torch

from lm import CharLSTM
from utils import compute_loss, perplexity


def train_epoch(model, batches, optimizer, clip=1.0, temperature=1.0):
    model.train()
    total = 0.0
    for inputs, targets in batches:
        optimizer.zero_grad()
        logits, _ = model(inputs)
        probs = (logits / temperature).softmax(dim=-1)
        loss = compute_loss(probs, targets)  # expect: WCE103
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
        total += loss.item()
    return perplexity(total, len(batches))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="tinyshakespeare.pt")
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()
    batches, vocab_size = torch.load(args.corpus)
    model = CharLSTM(vocab_size)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(args.epochs):
        print(epoch, train_epoch(model, batches, optimizer))
