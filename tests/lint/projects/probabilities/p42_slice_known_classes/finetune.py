# Fine-tunes an open-set model on the known classes only: the softmax output over
# n_known + 1 columns is sliced to the known columns (p[:, :n_known]) and given to
# F.cross_entropy.
import argparse

import torch
import torch.nn.functional as F
from torchvision.models import resnet18

from models import OpenSetNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/known_train.pt")
    parser.add_argument("--checkpoint", default="checkpoints/openset_oe.pt")
    parser.add_argument("--n-known", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=1e-4)
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    backbone = torch.nn.Sequential(*list(resnet18().children())[:-1])
    model = OpenSetNet(backbone, 512, args.n_known)
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model = model.to(device)
    loader = torch.utils.data.DataLoader(torch.load(args.data), batch_size=64, shuffle=True)
    optimizer = torch.optim.SGD(model.classifier.parameters(), lr=args.lr, momentum=0.9)

    for epoch in range(args.epochs):
        model.train()
        seen = hits = 0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            probs = model(images)
            known = probs[:, : args.n_known]
            loss = F.cross_entropy(known, labels, label_smoothing=0.1)  # expect: WCE101
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            hits += (known.argmax(1) == labels).sum().item()
            seen += labels.numel()
        print(f"epoch {epoch}: train accuracy {hits / seen:.3f}")
    torch.save(model.state_dict(), "checkpoints/openset_known_ft.pt")


if __name__ == "__main__":
    main()
