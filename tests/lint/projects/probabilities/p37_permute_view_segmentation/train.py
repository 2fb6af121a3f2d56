# Aerial-image segmentation: the UNet head ends in nn.Softmax(dim=1); the (N, C, H, W) output is
# flattened to (N*H*W, C) with permute/contiguous/view before F.cross_entropy.
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from metrics import mean_iou
from unet import SmallUNet

IGNORE = 255


@torch.no_grad()
def validate(net, loader, device, n_classes):
    net.eval()
    scores = []
    for images, masks in loader:
        pred = net(images.to(device)).argmax(dim=1).cpu()
        scores.append(mean_iou(pred, masks, n_classes, IGNORE))
    return sum(scores) / len(scores)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tiles", default="data/potsdam_tiles.pt")
    parser.add_argument("--classes", type=int, default=6)
    parser.add_argument("--epochs", type=int, default=50)
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_set, val_set = torch.load(args.tiles)
    train_loader = DataLoader(train_set, batch_size=8, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=8)
    net = SmallUNet(n_classes=args.classes).to(device)
    optimizer = torch.optim.AdamW(net.parameters(), lr=3e-4, weight_decay=1e-4)

    for epoch in range(args.epochs):
        net.train()
        for images, masks in train_loader:
            images, masks = images.to(device), masks.to(device)
            probs = net(images)
            probs = probs.permute(0, 2, 3, 1).contiguous().view(-1, args.classes)
            loss = F.cross_entropy(probs, masks.view(-1), ignore_index=IGNORE)  # expect: WCE101
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: mIoU {validate(net, val_loader, device, args.classes):.3f}")


if __name__ == "__main__":
    main()
