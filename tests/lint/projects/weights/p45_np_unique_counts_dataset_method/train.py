# Weights from np.unique(self.labels, return_counts=True) in a Dataset method: one count per
# AAMI beat class PRESENT in the records of the split. With an inter-patient split the rare
# fusion (F) or unclassifiable (Q) beats can be missing, and the weight is shorter than the
# five outputs (the classes after the gap take their neighbour's weight). Learned from
# ninous-dev/heart-prediction (LogisticRegression/compute_class_weights.py, np.unique(...,
# return_counts=True)), written anew as a method of the dataset.
import torch
from torch import nn
from torch.utils.data import DataLoader

from dataset import BeatDataset
from model import BeatCNN

AAMI_CLASSES = ["N", "S", "V", "F", "Q"]

train_set = BeatDataset("mitbih_ds1_records.npz")
model = BeatCNN(n_classes=len(AAMI_CLASSES))
criterion = nn.CrossEntropyLoss(weight=train_set.class_weights())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(30):
    for beats, labels in DataLoader(train_set, batch_size=256, shuffle=True):
        loss = criterion(model(beats), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
