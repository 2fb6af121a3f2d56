# Two architectures behind --arch; both end in a softmax, and the loss is nn.NLLLoss, which
# expects log-probabilities.
import argparse

import torch
import torch.nn as nn
from torchvision import datasets, transforms

from models import MLP, LeNet


def get_loaders(batch_size):
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train = datasets.FashionMNIST("data", train=True, download=True, transform=tf)
    test = datasets.FashionMNIST("data", train=False, transform=tf)
    return (
        torch.utils.data.DataLoader(train, batch_size=batch_size, shuffle=True),
        torch.utils.data.DataLoader(test, batch_size=1000),
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", choices=["mlp", "lenet"], default="lenet")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader, test_loader = get_loaders(args.batch_size)
    if args.arch == "mlp":
        model = MLP(hidden=512).to(device)
    else:
        model = LeNet().to(device)
    criterion = nn.NLLLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    for epoch in range(1, args.epochs + 1):
        model.train()
        for step, (images, labels) in enumerate(train_loader):
            images, labels = images.to(device), labels.to(device)
            probs = model(images)
            loss = criterion(probs, labels)  # expect: WCE103
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step}: loss {loss.item():.4f}")

        model.eval()
        correct = 0
        with torch.no_grad():
            for images, labels in test_loader:
                pred = model(images.to(device)).argmax(dim=1).cpu()
                correct += (pred == labels).sum().item()
        print(f"epoch {epoch}: test accuracy {correct / len(test_loader.dataset):.4f}")


if __name__ == "__main__":
    main()
