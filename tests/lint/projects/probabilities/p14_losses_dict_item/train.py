import torch

from losses import accuracy, build_losses
from models import PointNetCls


def train(cfg):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = PointNetCls(k=cfg["classes"]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.999))
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=20, gamma=0.5)
    losses = build_losses()
    loader = torch.load(cfg["loader"])
    for epoch in range(cfg["epochs"]):
        model.train()
        for points, target in loader:
            points, target = points.transpose(2, 1).to(device), target.to(device)
            optimizer.zero_grad()
            pred = model(points)
            loss = losses["ce"](pred, target)  # expect: WCE101
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"epoch {epoch}: last batch acc {accuracy(pred, target).item():.3f}")


if __name__ == "__main__":
    train({"classes": 40, "lr": 1e-3, "epochs": 200, "loader": "modelnet40_loader.pt"})
