# Binary pos_weight = negatives / positives with the positives counted by labels.ne(0).sum()
# and the negatives as numel() - positives: a training subset with no positive divides by
# zero. Learned from automl/Auto-PyTorch pull request #263 (counts_one guarded with
# np.maximum(counts_one, 1) after negative and infinite weights) and PyTorch's
# BCEWithLogitsLoss documentation (pos_weight = negatives / positives).
import torch
from torch import nn

from data import load_labels

labels = load_labels("fraud_train.parquet")
n_pos = labels.ne(0).sum()
n_neg = labels.numel() - n_pos
pos_weight = n_neg / n_pos  # expect: WCE202

model = nn.Sequential(nn.Linear(30, 64), nn.ReLU(), nn.Linear(64, 1))
criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight.float())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for x, y in torch.load("fraud_loader.pt"):
    loss = criterion(model(x).squeeze(1), y.float())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
