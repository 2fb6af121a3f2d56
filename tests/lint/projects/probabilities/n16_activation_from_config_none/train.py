import torch
from torch import nn

import config
from layers import DenseNet


def fit(model, loader, epochs, lr, pos_weight, threshold):
    criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(pos_weight))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(epochs):
        model.train()
        hits = total = 0
        for features, labels in loader:
            optimizer.zero_grad()
            logits = model(features)
            loss = criterion(logits, labels.float())
            loss.backward()
            optimizer.step()
            hits += ((torch.sigmoid(logits) > threshold) == labels.bool()).sum().item()
            total += labels.numel()
        print(f"epoch {epoch}: label accuracy {hits / total:.3f}")


if __name__ == "__main__":
    x, y = torch.load("drug_response.pt")
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(x, y), batch_size=config.TRAIN["batch_size"], shuffle=True
    )
    model = DenseNet(x.shape[1], out_dim=y.shape[1], **config.MODEL)
    fit(
        model,
        loader,
        config.TRAIN["epochs"],
        config.TRAIN["lr"],
        config.TRAIN["pos_weight"],
        config.TRAIN["threshold"],
    )
