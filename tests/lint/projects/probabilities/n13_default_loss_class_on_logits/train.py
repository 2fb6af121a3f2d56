import torch
from torchmetrics import AUROC

from model import WideAndDeep


def fit(model, loader, epochs, lr=1e-3):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    auroc = AUROC(task="binary")
    for epoch in range(epochs):
        model.train()
        for batch in loader:
            optimizer.zero_grad()
            hidden = model.hidden(batch)
            loss = model.output.compute_loss(hidden, batch)
            loss.backward()
            optimizer.step()
            auroc.update(model.output.predict(hidden.detach()), batch["click"].long())
        print(f"epoch {epoch}: auc {auroc.compute():.4f}")
        auroc.reset()


if __name__ == "__main__":
    fit(WideAndDeep([1000] * 26, 13), torch.load("criteo_day0_loader.pt"), epochs=3)
