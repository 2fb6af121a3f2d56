import torch
from torchmetrics import AUROC

from model import DLRMLike


def fit(model, loader, epochs, lr=1e-3, device="cpu"):
    optimizer = torch.optim.Adagrad(model.parameters(), lr=lr)
    auroc = AUROC(task="binary")
    for epoch in range(epochs):
        model.train()
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            optimizer.zero_grad()
            loss = model.output.compute_loss(model.hidden(batch), batch)
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                auroc.update(model(batch), batch["click"].long())
        print(f"epoch {epoch}: auc {auroc.compute():.4f}")
        auroc.reset()


if __name__ == "__main__":
    loader = torch.load("criteo_day0_loader.pt")
    model = DLRMLike(cardinalities=[1000] * 26, dense_dim=13)
    fit(model, loader, epochs=3)
