import torch


class Trainer:
    def __init__(self, model, criterion, optimizer, device):
        self.model = model
        self.criterion = criterion
        self.optimizer = optimizer
        self.device = device

    def run_epoch(self, iterator):
        self.model.train()
        total = 0.0
        for x, y in iterator:
            x, y = x.to(self.device), y.to(self.device)
            self.optimizer.zero_grad()
            log_probs = self.model(x)
            loss = self.criterion(log_probs, y)
            loss.backward()
            self.optimizer.step()
            total += loss.item()
        return total / max(len(iterator), 1)

    @torch.no_grad()
    def predict_proba(self, x):
        self.model.eval()
        return self.model(x.to(self.device)).exp()
