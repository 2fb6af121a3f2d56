# Correct counterpart of avBuffer/UNet3plus_pth (issue #23): the network returns the raw d1 map,
# the criterion is BCEWithLogitsLoss for one class, and the sigmoid is applied only for the
# thresholded masks that are logged.
import logging

import torch
from torch import nn, optim
from torch.utils.data import DataLoader

from unet import UNet3Plus


def train_net(net, dataset, device, epochs=5, batch_size=2, lr=0.1):
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=8)
    optimizer = optim.RMSprop(net.parameters(), lr=lr, weight_decay=1e-8)
    if net.n_classes > 1:
        criterion = nn.CrossEntropyLoss()
    else:
        criterion = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        net.train()
        foreground = 0.0
        for batch in loader:
            imgs = batch["image"].to(device=device, dtype=torch.float32)
            mask_type = torch.float32 if net.n_classes == 1 else torch.long
            true_masks = batch["mask"].to(device=device, dtype=mask_type)
            masks_pred = net(imgs)
            loss = criterion(masks_pred, true_masks)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if net.n_classes == 1:
                foreground += (torch.sigmoid(masks_pred) > 0.5).float().mean().item()
        logging.info(
            "epoch %d: loss %.4f, foreground %.3f", epoch + 1, loss.item(), foreground / len(loader)
        )


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = UNet3Plus(n_channels=3, n_classes=1).to(device)
    train_net(net, torch.load("portraits_dataset.pt"), device, epochs=100)
