# Reproduces doronharitan/human_activity_recognition_LRCN, LRCN/lrcn_model.py, LRCN/train.py and
# utils_action_recognition.py (foward_step): the output layer is nn.Sequential(Linear, Softmax),
# the model is rebound by `model = model.to(device)`, and the output is computed in both branches
# of an if/else before nn.CrossEntropyLoss
# (https://github.com/doronharitan/human_activity_recognition_LRCN/issues/4).
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from lrcn_model import ConvLstm
from utils import test_model, train_model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clips", default="data/ucf101_clips.pt")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--latent_dim", type=int, default=512)
    parser.add_argument("--hidden_size", type=int, default=256)
    parser.add_argument("--lstm_layers", type=int, default=2)
    parser.add_argument("--bidirectional", action="store_true")
    parser.add_argument("--lr", type=float, default=1e-4)
    args = parser.parse_args()

    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    train_set, val_set, num_class = torch.load(args.clips)
    loaders = {
        "train": DataLoader(train_set, batch_size=8, shuffle=True),
        "val": DataLoader(val_set, batch_size=8),
    }

    model = ConvLstm(
        args.latent_dim, args.hidden_size, args.lstm_layers, args.bidirectional, num_class
    )
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        train_loss, train_acc = train_model(model, loaders["train"], device, optimizer, criterion)
        val_loss, val_acc = test_model(model, loaders["val"], device, criterion)
        print(
            f"epoch {epoch}: train {train_loss:.3f}/{train_acc:.1f}% "
            f"val {val_loss:.3f}/{val_acc:.1f}%"
        )
        torch.save(model.state_dict(), f"checkpoints/lrcn_{epoch:03d}.pt")


if __name__ == "__main__":
    main()
