# Balanced weights recomputed per batch with compute_class_weight(classes=np.unique(y)): a
# batch without some class gives fewer weights than the classifier has classes. Learned
# from webis-de/small-text issue #39 (balanced class weights from a labelled set that lacks
# classes) and compute_class_weights helpers in public code using classes=np.unique(labels).
import torch
from torch import nn

from losses import balanced_loss

NUM_CLASSES = 7
model = nn.Sequential(nn.Linear(1024, 256), nn.ReLU(), nn.Linear(256, NUM_CLASSES))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for embeddings, labels in torch.load("active_learning_batches.pt"):
    loss = balanced_loss(model(embeddings), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
