# Correct counterpart of the aidotse/LeakPro Adult handler (issue #229): the model returns logits
# for BCEWithLogitsLoss and the sigmoid is applied only to count correct predictions.
import torch
from torch import nn, optim


class AdultInputHandler:
    def get_criterion(self):
        return nn.BCEWithLogitsLoss()

    def train(self, dataloader, model, epochs, device="cpu"):
        model.to(device)
        criterion = self.get_criterion()
        optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.8)
        for _ in range(epochs):
            model.train()
            correct = 0
            for data, target in dataloader:
                data, target = data.to(device), target.float().unsqueeze(1).to(device)
                optimizer.zero_grad()
                output = model(data)
                loss = criterion(output, target)
                correct += (torch.sigmoid(output) >= 0.5).eq(target).sum().item()
                loss.backward()
                optimizer.step()
        return model, correct / len(dataloader.dataset)

    @torch.no_grad()
    def eval(self, dataloader, model, device="cpu"):
        model.eval()
        scores = [model.predict_proba(x.to(device)).cpu() for x, _ in dataloader]
        return torch.cat(scores)
