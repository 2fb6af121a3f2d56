# Reproduces the configurable dense network of Aifred-Health/VulcanAI (vulcanai models with a
# pred_activation string next to the criterion spec): the output activation is chosen by name
# from the configuration while the criterion expects logits
# (https://github.com/Aifred-Health/VulcanAI/pull/158, the pred_activation / criter_spec check).
import torch
from torch import nn

import config
from layers import DenseNet


def fit(model, loader, epochs, lr, pos_weight):
    criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(pos_weight))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(epochs):
        model.train()
        running = 0.0
        for features, labels in loader:
            optimizer.zero_grad()
            predictions = model(features)
            loss = criterion(predictions, labels.float())  # expect: WCE104
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")


if __name__ == "__main__":
    x, y = torch.load("drug_response.pt")
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(x, y), batch_size=config.TRAIN["batch_size"], shuffle=True
    )
    model = DenseNet(x.shape[1], out_dim=y.shape[1], **config.MODEL)
    fit(model, loader, config.TRAIN["epochs"], config.TRAIN["lr"], config.TRAIN["pos_weight"])
