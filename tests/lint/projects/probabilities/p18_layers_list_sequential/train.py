import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from config import get_config
from mlp import MLPClassifier


def run(cfg):
    x, y = torch.load(cfg.data)
    loader = DataLoader(TensorDataset(x, y), batch_size=cfg.batch_size, shuffle=True)
    model = MLPClassifier(x.shape[1], cfg.hidden, int(y.max()) + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, cfg.epochs)
    for epoch in range(cfg.epochs):
        model.train()
        seen = correct = 0
        for xb, yb in loader:
            optimizer.zero_grad()
            scores = model(xb)
            loss = F.cross_entropy(scores, yb)  # expect: WCE101
            loss.backward()
            optimizer.step()
            correct += (scores.argmax(1) == yb).sum().item()
            seen += len(yb)
        scheduler.step()
        print(f"epoch {epoch}: train acc {correct / seen:.3f}")


if __name__ == "__main__":
    run(get_config())
