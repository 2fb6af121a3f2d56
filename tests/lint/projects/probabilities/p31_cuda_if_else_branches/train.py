# Reproduces say4n/pytorch-segnet, src/model.py and src/train.py before f7738c6: the SegNet's
# softmaxed output goes to a class-weighted nn.CrossEntropyLoss, and the model is built in an
# `if CUDA: ... .cuda(GPU_ID) else: ...` pair (https://github.com/say4n/pytorch-segnet/issues/5).
import argparse
import os
import time

import torch
from torch.utils.data import DataLoader

from dataset import NUM_CLASSES, VOCSegmentation
from model import SegNet


def main():
    parser = argparse.ArgumentParser(description="Train a SegNet model")
    parser.add_argument("--data_root", required=True)
    parser.add_argument("--save_dir", required=True)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--gpu", type=int)
    args = parser.parse_args()

    dataset = VOCSegmentation(
        os.path.join(args.data_root, "ImageSets/Segmentation/train.txt"),
        os.path.join(args.data_root, "JPEGImages"),
        os.path.join(args.data_root, "SegmentationClass"),
    )
    loader = DataLoader(dataset, batch_size=16, shuffle=True, num_workers=4)
    class_weights = 1.0 / dataset.class_frequencies().clamp(min=1e-6)

    if args.gpu is not None:
        model = SegNet(input_channels=3, output_channels=NUM_CLASSES).cuda(args.gpu)
        criterion = torch.nn.CrossEntropyLoss(weight=class_weights.cuda(args.gpu))
    else:
        model = SegNet(input_channels=3, output_channels=NUM_CLASSES)
        criterion = torch.nn.CrossEntropyLoss(weight=class_weights)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)

    best = float("inf")
    model.train()
    for epoch in range(args.epochs):
        started, epoch_loss = time.time(), 0.0
        for batch in loader:
            images, masks = batch["image"], batch["mask"]
            if args.gpu is not None:
                images, masks = images.cuda(args.gpu), masks.cuda(args.gpu)
            optimizer.zero_grad()
            softmaxed = model(images)
            loss = criterion(softmaxed, masks)  # expect: WCE101
            loss.backward()
            optimizer.step()
            epoch_loss += loss.item()
        if epoch_loss < best:
            best = epoch_loss
            torch.save(model.state_dict(), os.path.join(args.save_dir, "model_best.pth"))
        print(f"epoch {epoch + 1}: loss {epoch_loss:.6f} ({time.time() - started:.1f}s)")


if __name__ == "__main__":
    main()
