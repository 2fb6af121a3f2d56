# The corrected say4n/pytorch-segnet (src/train.py at f7738c6, after issue #5): the model
# returns (scores, softmaxed); the loss takes the scores, the softmax feeds the pixel accuracy.
# The model and criterion are built in an `if gpu ... else` pair.
import argparse

import torch
from torch.utils.data import DataLoader

from model import SegNet

NUM_CLASSES = 21


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/voc_train.pt")
    parser.add_argument("--gpu", type=int)
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()

    dataset, class_freq = torch.load(args.data)
    loader = DataLoader(dataset, batch_size=16, shuffle=True, num_workers=4)
    class_weights = 1.0 / class_freq.clamp(min=1e-6)
    if args.gpu is not None:
        model = SegNet(3, NUM_CLASSES).cuda(args.gpu)
        criterion = torch.nn.CrossEntropyLoss(weight=class_weights.cuda(args.gpu))
    else:
        model = SegNet(3, NUM_CLASSES)
        criterion = torch.nn.CrossEntropyLoss(weight=class_weights)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)

    model.train()
    for epoch in range(args.epochs):
        total, correct, pixels = 0.0, 0, 0
        for images, masks in loader:
            if args.gpu is not None:
                images, masks = images.cuda(args.gpu), masks.cuda(args.gpu)
            predicted, softmaxed = model(images)
            loss = criterion(predicted, masks)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
            correct += (softmaxed.argmax(dim=1) == masks).sum().item()
            pixels += masks.numel()
        print(f"epoch {epoch + 1}: loss {total:.4f} pixel accuracy {correct / pixels:.4f}")


if __name__ == "__main__":
    main()
