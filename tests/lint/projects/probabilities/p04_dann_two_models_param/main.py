import argparse

import torch
from torchvision import datasets, transforms

from dann import Classifier, Extractor
from dann.train import source_only


def main():
    parser = argparse.ArgumentParser(description="source-only baseline for MNIST -> MNIST-M")
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    tf = transforms.Compose([transforms.Resize(28), transforms.ToTensor()])
    mnist = datasets.MNIST("data", train=True, download=True, transform=tf)
    loader = torch.utils.data.DataLoader(mnist, batch_size=args.batch_size, shuffle=True)

    device = "cuda" if torch.cuda.is_available() else "cpu"
    encoder = Extractor().to(device)
    classifier = Classifier().to(device)
    source_only(encoder, classifier, loader, args.epochs, device=device)
    torch.save(
        {"encoder": encoder.state_dict(), "classifier": classifier.state_dict()}, "source.pt"
    )


if __name__ == "__main__":
    main()
