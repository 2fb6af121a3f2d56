import torch
import torch.nn as nn

from unet import UNet3Plus


def train_net(net, loader, epochs=10):
    optimizer = torch.optim.RMSprop(net.parameters(), lr=1e-4)
    criterion = nn.CrossEntropyLoss() if net.n_classes > 1 else nn.BCEWithLogitsLoss()
    for _ in range(epochs):
        for images, masks in loader:
            masks_pred = net(images)
            loss = criterion(masks_pred, masks)  # expect: WCE104
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


if __name__ == "__main__":
    net = UNet3Plus(n_channels=3, n_classes=1)
    train_net(net, torch.load("carvana_loader.pt"))
