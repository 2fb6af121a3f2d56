# Forest-cover classification on tabular data: the model is rebound by `model.train()` and
# `.eval()` and called as model.forward(...) for the loss (logits); probabilities only come from
# predict_proba() for the log-loss report.
import argparse

import torch
import torch.nn as nn
from sklearn.metrics import log_loss
from torch.utils.data import DataLoader, TensorDataset

from tabular import TabularMLP


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/covtype_split.pt")
    parser.add_argument("--epochs", type=int, default=25)
    args = parser.parse_args()

    (xn, xc, y), (vn, vc, vy), cardinalities = torch.load(args.data)
    loader = DataLoader(TensorDataset(xn, xc, y), batch_size=1024, shuffle=True)
    model = TabularMLP(xn.shape[1], cardinalities, n_classes=7)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.05)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-5)

    for epoch in range(args.epochs):
        model = model.train()
        for numeric, categorical, target in loader:
            logits = model.forward(numeric, categorical)
            loss = criterion(logits, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model = model.eval()
        probs = model.predict_proba(vn, vc)
        print(
            f"epoch {epoch}: val log-loss {log_loss(vy.numpy(), probs.numpy()):.4f}, "
            f"accuracy {(probs.argmax(1) == vy).float().mean():.4f}"
        )


if __name__ == "__main__":
    main()
