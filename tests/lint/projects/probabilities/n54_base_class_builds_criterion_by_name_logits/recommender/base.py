# The layout of p54 (AmazingDD/daisyRec) as its fix wrote it: the item scores stay logits for
# the BCEWithLogitsLoss the base class builds; a second model asks the same base for MSELoss
# (loss type "sl", lower case) and ends in a sigmoid, which is right for a regression on [0, 1].
import torch
import torch.nn as nn


class BPRLoss(nn.Module):
    def forward(self, positive, negative):
        return -torch.log(torch.sigmoid(positive - negative)).sum()


class Recommender(nn.Module):
    def build_criterion(self, loss_type):
        if loss_type.upper() == "CL":
            criterion = nn.BCEWithLogitsLoss(reduction="sum")
        elif loss_type.upper() == "SL":
            criterion = nn.MSELoss(reduction="sum")
        elif loss_type.upper() == "BPR":
            criterion = BPRLoss()
        else:
            raise NotImplementedError(f"unknown loss type {loss_type}")
        return criterion

    def fit(self, loader, epochs=10):
        optimizer = torch.optim.Adam(self.parameters(), lr=self.lr)
        if self.loss_type is not None:
            self.criterion = self.build_criterion(self.loss_type)
        else:
            self.criterion = None
        for _ in range(epochs):
            for batch in loader:
                optimizer.zero_grad()
                loss = self.calc_loss(batch)
                loss.backward()
                optimizer.step()
