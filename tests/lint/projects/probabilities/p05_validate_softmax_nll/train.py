import argparse
import pickle

import torch
from torch import nn, optim

from evaluate import validate
from models import StockGAT


def train_step(model, optimizer, criterion, batch, adj, device):
    model.train()
    text, price, label = (t.to(device) for t in batch)
    optimizer.zero_grad()
    output = model(text, price, adj)
    loss = criterion(output, label.argmax(dim=1))
    loss.backward()
    optimizer.step()
    return loss.item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=5000)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--heads", type=int, default=8)
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    with open("prepared.p", "rb") as handle:
        train_batches, test_samples, adj = pickle.load(handle)
    adj = adj.to(device)
    model = StockGAT(64, args.hidden, 2, dropout=0.38, alpha=0.2, nheads=args.heads).to(device)
    optimizer = optim.Adam(model.parameters(), lr=args.lr, weight_decay=5e-4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        train_step(
            model, optimizer, criterion, train_batches[epoch % len(train_batches)], adj, device
        )
    results = validate(model, test_samples, adj, device)
    print(f"test loss {results['loss']:.4f} f1 {results['f1']:.4f} mcc {results['mcc']:.4f}")


if __name__ == "__main__":
    main()
