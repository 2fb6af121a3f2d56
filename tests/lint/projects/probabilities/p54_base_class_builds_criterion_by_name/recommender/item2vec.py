import torch
import torch.nn as nn

from recommender.base import Recommender


class Item2Vec(Recommender):
    def __init__(self, item_num, factors=64, lr=0.001):
        super().__init__()
        self.embedding = nn.Embedding(item_num, factors)
        self.out_act = nn.Sigmoid()
        self.lr = lr
        self.loss_type = "CL"

    def forward(self, target, context):
        score = torch.sum(self.embedding(target) * self.embedding(context), dim=1)
        return self.out_act(score).view(-1)

    def calc_loss(self, batch):
        target, context, label = batch
        prediction = self.forward(target, context)
        return self.criterion(prediction, label.float())  # expect: WCE104
