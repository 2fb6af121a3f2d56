import argparse

import torch
from torch import nn

from factory import make_loss, make_optimizer
from net import TabularResNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="covtype.pt")
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--smoothing", type=float, default=0.1)
    args = parser.parse_args()

    x_train, y_train = torch.load(args.data)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(x_train, y_train), batch_size=512, shuffle=True
    )
    model = TabularResNet(x_train.shape[1], int(y_train.max()) + 1)
    criterion = make_loss(nn.CrossEntropyLoss, label_smoothing=args.smoothing)
    optimizer = make_optimizer(model)

    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        for xb, yb in loader:
            optimizer.zero_grad()
            out = model(xb)
            loss = criterion(out, yb)  # expect: WCE101
            loss.backward()
            optimizer.step()
            total += loss.item() * len(yb)
        print(f"epoch {epoch}: {total / len(loader.dataset):.4f}")


if __name__ == "__main__":
    main()
