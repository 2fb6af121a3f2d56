# Weights from np.unique(labels, return_counts=True): one count per class PRESENT, so a
# split without some class gives a weight shorter than the classifier's output. Learned from
# ninous-dev/heart-prediction (LogisticRegression/compute_class_weights.py, counts from
# np.unique(..., return_counts=True) turned into a weight tensor).
import torch
from torch import nn

from data import class_weights, load_split

x_train, y_train = load_split("heart_train.npz")
model = nn.Sequential(nn.Linear(x_train.shape[1], 32), nn.ReLU(), nn.Linear(32, 5))
criterion = nn.CrossEntropyLoss(weight=class_weights(y_train))
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)

for epoch in range(200):
    loss = criterion(model(x_train), y_train)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
