import argparse

import torch
import torch.nn.functional as F
from torchvision import datasets, transforms

from center_loss import CenterLoss
from model import EmbeddingNet

EPS = 1e-7


def run_epoch(model, center_loss, loader, optimizers, lam, device):
    model.train()
    correct = seen = 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        probs, features = model(images)
        nll = F.nll_loss(torch.log(probs + EPS), labels)  # expect: WCE102
        loss = nll + lam * center_loss(features, labels)
        for opt in optimizers:
            opt.zero_grad()
        loss.backward()
        for opt in optimizers:
            opt.step()
        correct += (probs.argmax(1) == labels).sum().item()
        seen += labels.numel()
    return correct / seen


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lam", type=float, default=0.003)
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    data = datasets.FashionMNIST("data", train=True, download=True, transform=transforms.ToTensor())
    loader = torch.utils.data.DataLoader(data, batch_size=128, shuffle=True)
    model = EmbeddingNet(10).to(device)
    center = CenterLoss(10, 128).to(device)
    optimizers = [
        torch.optim.Adam(model.parameters(), 1e-3),
        torch.optim.SGD(center.parameters(), 0.5),
    ]
    for epoch in range(args.epochs):
        print(epoch, run_epoch(model, center, loader, optimizers, args.lam, device))
