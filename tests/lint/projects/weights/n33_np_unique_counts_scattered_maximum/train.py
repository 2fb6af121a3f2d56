# Correct counterpart of p02 and p45: np.unique(..., return_counts=True) counts only the classes
# present, but they are written into np.zeros(num_classes) at their class index, so the weight
# has one entry per class, aligned, and np.maximum keeps the absent ones from dividing by zero;
# cast to float32 before torch. Learned from GraphGPS (graphgps/loss/weighted_cross_entropy.py,
# counts scattered into zeros) and automl/Auto-PyTorch pull request #263 (np.maximum(counts, 1)).
import torch
from torch import nn
from torch.utils.data import DataLoader

from dataset import BeatDataset

AAMI_CLASSES = ["N", "S", "V", "F", "Q"]

train_set = BeatDataset("mitbih_ds1_records.npz", num_classes=len(AAMI_CLASSES))
model = nn.Sequential(
    nn.Conv1d(1, 32, 7, padding=3), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(32, len(AAMI_CLASSES))
)
criterion = nn.CrossEntropyLoss(weight=train_set.class_weights())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(30):
    for beats, labels in DataLoader(train_set, batch_size=256, shuffle=True):
        loss = criterion(model(beats), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
