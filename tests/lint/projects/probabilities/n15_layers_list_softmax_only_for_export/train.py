import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from mlp import MLPClassifier
from export import export_onnx


def run(data="har_features.pt", hidden=(512, 256, 128), epochs=40):
    x, y = torch.load(data)
    loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)
    model = MLPClassifier(x.shape[1], hidden, int(y.max()) + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        model.train()
        for xb, yb in loader:
            optimizer.zero_grad()
            scores = model(xb)
            loss = F.cross_entropy(scores, yb)
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: {loss.item():.4f}")
    export_onnx(model, x.shape[1], "har_mlp.onnx")


if __name__ == "__main__":
    run()
