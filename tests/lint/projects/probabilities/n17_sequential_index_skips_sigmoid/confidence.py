# Reproduces the confidence classifier of cvg/glue-factory (LightGlue matcher, TokenConfidence):
# self.token = nn.Sequential(nn.Linear(dim, 1), nn.Sigmoid()) gives probabilities at inference,
# while the loss feeds self.token[0] (the Linear alone, so logits) to BCEWithLogitsLoss.
# Raised as a possible double sigmoid in https://github.com/cvg/glue-factory/issues/89; it is correct.
from torch import nn


class TokenConfidence(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.token = nn.Sequential(nn.Linear(dim, 1), nn.Sigmoid())
        self.loss_fn = nn.BCEWithLogitsLoss(reduction="none")

    def forward(self, desc0, desc1):
        return self.token(desc0.detach()).squeeze(-1), self.token(desc1.detach()).squeeze(-1)

    def loss(self, desc0, desc1, la_now, la_final):
        logit0 = self.token[0](desc0.detach()).squeeze(-1)
        logit1 = self.token[0](desc1.detach()).squeeze(-1)
        la_now, la_final = la_now.detach(), la_final.detach()
        correct0 = la_final[:, :-1, :].max(-1).indices == la_now[:, :-1, :].max(-1).indices
        correct1 = la_final[:, :, :-1].max(-2).indices == la_now[:, :, :-1].max(-2).indices
        return (
            self.loss_fn(logit0, correct0.float()).mean(-1)
            + self.loss_fn(logit1, correct1.float()).mean(-1)
        ) / 2.0
