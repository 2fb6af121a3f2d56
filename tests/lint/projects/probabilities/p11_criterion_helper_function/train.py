# Reproduces YXNTU/GeneralDyG, train.py and model/Transformer.py: a module-level
# criterion(logits, labels) helper wraps F.binary_cross_entropy_with_logits, and the classifier's
# forward ends in self.sigmoid (https://github.com/YXNTU/GeneralDyG/issues/6).
import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score

from model.transformer import TransformerBinaryClassifier


def criterion(logits, labels):
    loss_classify = F.binary_cross_entropy_with_logits(logits, labels, reduction="none")
    return torch.mean(loss_classify)


def train_epoch(model, loader, optimizer, device):
    model.train()
    losses = []
    for batch in loader:
        optimizer.zero_grad()
        logits = model(batch["sequence"].to(device), batch["mask"].to(device))
        y = batch["labels"].to(device).float()
        loss = criterion(logits, y)  # expect: WCE104
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return float(np.mean(losses))


@torch.no_grad()
def eval_epoch(model, loader, device):
    model.eval()
    scores, labels = [], []
    for batch in loader:
        scores.append(model(batch["sequence"].to(device), batch["mask"].to(device)).cpu().numpy())
        labels.append(batch["labels"].numpy())
    return roc_auc_score(np.concatenate(labels), np.concatenate(scores))


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    train_loader, test_loader = torch.load("dyg_loaders.pt")
    model = TransformerBinaryClassifier(input_size=172).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    best = 0.0
    for epoch in range(50):
        train_loss = train_epoch(model, train_loader, optimizer, device)
        auc = eval_epoch(model, test_loader, device)
        best = max(best, auc)
        print(f"epoch {epoch}: loss {train_loss:.4f} auc {auc:.4f} best {best:.4f}")
