import lightning as L
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset

from fraud_module import FraudDetector


def make_loaders(csv_path, batch_size=1024):
    frame = pd.read_csv(csv_path)
    y = torch.tensor(frame.pop("Class").values)
    x = torch.tensor(frame.values, dtype=torch.float32)
    x = (x - x.mean(0)) / x.std(0).clamp(min=1e-6)
    split = int(0.8 * len(y))
    train = TensorDataset(x[:split], y[:split])
    val = TensorDataset(x[split:], y[split:])
    return DataLoader(train, batch_size, shuffle=True), DataLoader(val, batch_size), x.shape[1]


if __name__ == "__main__":
    train_loader, val_loader, n_features = make_loaders("creditcard.csv")
    model = FraudDetector(n_features)
    trainer = L.Trainer(max_epochs=20, accelerator="auto", log_every_n_steps=20)
    trainer.fit(model, train_loader, val_loader)
