import torch
from torch import nn


class Trainer:
    def __init__(self, model, class_weights, lr=1e-3, device="cuda"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)
        self.criterion = nn.CrossEntropyLoss(
            weight=torch.as_tensor(class_weights).double().to(self.device),  # expect: WCE204
        )
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)

    def fit(self, loader, epochs):
        self.model.train()
        for _ in range(epochs):
            for x, y in loader:
                x, y = x.to(self.device), y.to(self.device)
                loss = self.criterion(self.model(x), y)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
