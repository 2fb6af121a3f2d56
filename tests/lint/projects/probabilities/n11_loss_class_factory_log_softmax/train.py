import torch
from torch import nn
from torchmetrics.classification import MulticlassCalibrationError

from factory import make_loss
from net import TabularResNet


def main(data_path="covtype.pt", epochs=50):
    x_train, y_train = torch.load(data_path)
    n_classes = int(y_train.max()) + 1
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(x_train, y_train), batch_size=512, shuffle=True
    )
    model = TabularResNet(x_train.shape[1], n_classes)
    criterion = make_loss(nn.NLLLoss)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.05)
    ece = MulticlassCalibrationError(num_classes=n_classes)
    for epoch in range(epochs):
        model.train()
        for xb, yb in loader:
            optimizer.zero_grad()
            log_probs = model(xb)
            loss = criterion(log_probs, yb)
            loss.backward()
            optimizer.step()
            ece.update(log_probs.detach().exp(), yb)
        print(f"epoch {epoch}: ece {ece.compute():.4f}")
        ece.reset()


if __name__ == "__main__":
    main()
