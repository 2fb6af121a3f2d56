# Reproduces AmazingDD/daisyRec before 5cce37e (daisy/model/AbstractRecommender.py and
# Item2VecRecommender.py, PR #15): the base class builds the criterion in fit() from a loss
# type its subclass sets ('CL' -> BCEWithLogitsLoss), and the subclass's forward ends in
# nn.Sigmoid; calc_loss, a method of the subclass, applies one to the other.
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
