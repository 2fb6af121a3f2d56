import torch
from torch import nn

from confidence import TokenConfidence


class TinyGlue(nn.Module):
    def __init__(self, dim=256, n_layers=9, depth_confidence=0.95):
        super().__init__()
        self.layers = nn.ModuleList(
            nn.TransformerEncoderLayer(dim, 4, 2 * dim, batch_first=True) for _ in range(n_layers)
        )
        self.token_confidence = nn.ModuleList(TokenConfidence(dim) for _ in range(n_layers - 1))
        self.depth_confidence = depth_confidence

    def assignment(self, desc0, desc1):
        sim = torch.einsum("bmd,bnd->bmn", desc0, desc1) / desc0.shape[-1] ** 0.5
        padded = nn.functional.pad(sim, (0, 1, 0, 1))
        return padded.log_softmax(-1)

    def forward(self, desc0, desc1):
        all_desc = []
        for i, layer in enumerate(self.layers):
            desc0, desc1 = layer(desc0), layer(desc1)
            all_desc.append((desc0, desc1))
            if not self.training and i < len(self.token_confidence):
                c0, c1 = self.token_confidence[i](desc0, desc1)
                if torch.cat([c0, c1], -1).gt(self.depth_confidence).float().mean() > 0.95:
                    break
        return all_desc, self.assignment(desc0, desc1)

    def confidence_loss(self, all_desc, la_final):
        total = 0.0
        for i, (d0, d1) in enumerate(all_desc[:-1]):
            la_now = self.assignment(d0, d1)
            total = total + self.token_confidence[i].loss(d0, d1, la_now, la_final).mean()
        return total / max(len(all_desc) - 1, 1)
