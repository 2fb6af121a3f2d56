import torch
from torch import nn

from han import AttentionClassifier


def attention_entropy(weights):
    return torch.special.entr(weights).sum(-1).mean()


def train_epoch(model, loader, optimizer, beta=0.01):
    criterion = nn.CrossEntropyLoss()
    model.train()
    for tokens, labels in loader:
        optimizer.zero_grad()
        outputs = model(tokens)
        loss = criterion(outputs[0], labels) + beta * attention_entropy(outputs[1])
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()


if __name__ == "__main__":
    loader, vocab_size = torch.load("yelp_batches.pt")
    model = AttentionClassifier(vocab_size, n_classes=5)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(10):
        train_epoch(model, loader, optimizer)
