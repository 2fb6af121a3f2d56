# Correct counterpart of YXNTU/GeneralDyG (issue #6): the criterion helper wraps
# binary_cross_entropy_with_logits and the model returns logits; sigmoid only for the AUC.
import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score

from model import TransformerBinaryClassifier


def criterion(logits, labels, pos_weight=None):
    loss = F.binary_cross_entropy_with_logits(
        logits, labels, reduction="none", pos_weight=pos_weight
    )
    return loss.mean()


def train_epoch(model, loader, optimizer, device):
    model.train()
    losses = []
    for batch in loader:
        optimizer.zero_grad()
        logits = model(batch["sequence"].to(device), batch["mask"].to(device))
        loss = criterion(logits, batch["labels"].to(device).float())
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return float(np.mean(losses))


@torch.no_grad()
def eval_epoch(model, loader, device):
    model.eval()
    losses, scores, labels = [], [], []
    for batch in loader:
        logits = model(batch["sequence"].to(device), batch["mask"].to(device))
        y = batch["labels"].to(device).float()
        losses.append(criterion(logits, y).item())
        scores.append(torch.sigmoid(logits).cpu().numpy())
        labels.append(y.cpu().numpy())
    return float(np.mean(losses)), roc_auc_score(np.concatenate(labels), np.concatenate(scores))


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    train_loader, test_loader = torch.load("dyg_loaders.pt")
    model = TransformerBinaryClassifier(input_size=172).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    for epoch in range(50):
        print(
            epoch,
            train_epoch(model, train_loader, optimizer, device),
            eval_epoch(model, test_loader, device),
        )
