# Reproduces avBuffer/UNet3plus_pth, unet/UNet3Plus.py and train.py: the network returns
# F.sigmoid(d1), and train_net picks nn.BCEWithLogitsLoss when net.n_classes == 1
# (https://github.com/avBuffer/UNet3plus_pth/issues/23, "bceloss not decrease").
import argparse
import logging

import torch
from torch import nn, optim
from torch.utils.data import DataLoader, random_split

from unet import UNet3Plus


def train_net(net, dataset, device, epochs=5, batch_size=2, lr=0.1, val_percent=0.1):
    n_val = int(len(dataset) * val_percent)
    train, _ = random_split(dataset, [len(dataset) - n_val, n_val])
    loader = DataLoader(train, batch_size=batch_size, shuffle=True, num_workers=8, pin_memory=True)
    optimizer = optim.RMSprop(net.parameters(), lr=lr, weight_decay=1e-8)
    if net.n_classes > 1:
        criterion = nn.CrossEntropyLoss()
    else:
        criterion = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        net.train()
        epoch_loss = 0.0
        for batch in loader:
            imgs = batch["image"].to(device=device, dtype=torch.float32)
            mask_type = torch.float32 if net.n_classes == 1 else torch.long
            true_masks = batch["mask"].to(device=device, dtype=mask_type)
            masks_pred = net(imgs)
            loss = criterion(masks_pred, true_masks)  # expect: WCE104
            epoch_loss += loss.item()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        logging.info("epoch %d: loss %.4f", epoch + 1, epoch_loss / len(loader))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Train UNet 3+ on portrait masks")
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--lr", type=float, default=0.1)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = UNet3Plus(n_channels=3, n_classes=1).to(device)
    train_net(net, torch.load("portraits_dataset.pt"), device, epochs=args.epochs, lr=args.lr)
