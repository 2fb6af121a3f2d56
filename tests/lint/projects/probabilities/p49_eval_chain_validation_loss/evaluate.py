# Evaluates saved checkpoints: the model is rebound by `model = model.eval().cuda()` and the
# validation loss is F.cross_entropy of its softmax output.
import argparse
import glob

import torch
import torch.nn.functional as F
from torchvision import datasets, transforms

from net import TrafficSignNet


@torch.no_grad()
def evaluate(checkpoint, loader):
    model = TrafficSignNet()
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    model = model.eval().cuda()
    total_loss, correct, seen = 0.0, 0, 0
    for images, labels in loader:
        images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
        outputs = model(images)
        total_loss += F.cross_entropy(outputs, labels, reduction="sum").item()  # expect: WCE101
        correct += (outputs.argmax(1) == labels).sum().item()
        seen += labels.numel()
    return total_loss / seen, correct / seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoints", default="runs/gtsrb/*.pt")
    parser.add_argument("--root", default="data")
    args = parser.parse_args()
    tf = transforms.Compose([transforms.Resize((48, 48)), transforms.ToTensor()])
    test = datasets.GTSRB(args.root, split="test", transform=tf, download=True)
    loader = torch.utils.data.DataLoader(test, batch_size=512, num_workers=8, pin_memory=True)
    for path in sorted(glob.glob(args.checkpoints)):
        loss, acc = evaluate(path, loader)
        print(f"{path}: loss {loss:.4f} accuracy {acc:.4f}")


if __name__ == "__main__":
    main()
