# CheXpert-style multi-label training: uncertain labels are -1 and masked out; the sigmoid
# output is reshaped and indexed with the mask before F.binary_cross_entropy_with_logits.
import argparse

import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader

from densenet_head import ChestXrayNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", default="chexpert/train.pt")
    parser.add_argument("--valid", default="chexpert/valid.pt")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--findings", type=int, default=14)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader = DataLoader(torch.load(args.train), batch_size=16, shuffle=True, num_workers=8)
    valid_loader = DataLoader(torch.load(args.valid), batch_size=64)
    model = ChestXrayNet(args.findings).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, betas=(0.9, 0.999))

    for epoch in range(args.epochs):
        model.train()
        for step, (images, labels) in enumerate(train_loader):
            images, labels = images.to(device), labels.to(device).float()
            scores = model(images).reshape(-1)
            labels = labels.reshape(-1)
            known = labels >= 0
            loss = F.binary_cross_entropy_with_logits(  # expect: WCE104
                scores[known], labels[known]
            )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 200 == 0:
                print(f"epoch {epoch} step {step}: loss {loss.item():.4f}")

        model.eval()
        outputs, targets = [], []
        with torch.no_grad():
            for images, labels in valid_loader:
                outputs.append(model(images.to(device)).cpu())
                targets.append(labels)
        outputs, targets = torch.cat(outputs), torch.cat(targets)
        aucs = [
            roc_auc_score(targets[:, i] == 1, outputs[:, i])
            for i in range(args.findings)
            if (targets[:, i] == 1).any()
        ]
        print(f"epoch {epoch}: mean AUC {sum(aucs) / len(aucs):.4f}")


if __name__ == "__main__":
    main()
