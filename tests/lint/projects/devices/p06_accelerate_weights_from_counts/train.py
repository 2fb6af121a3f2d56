# Balanced class weights computed from the training labels on the CPU, then given to
# F.cross_entropy inside an accelerate loop whose model and batches accelerate has put on the
# GPU. Learned from sacdallago/biotrainer issue #67 ("Class weights need to be sent to the
# device when use_class_weights=True"), with accelerate's prepare as the placement.
import torch
import torch.nn.functional as F
from accelerate import Accelerator
from torch.utils.data import DataLoader

from weights import balanced_class_weights

accelerator = Accelerator()
dataset = torch.load("residue_embeddings.pt")
class_weights = balanced_class_weights(dataset.labels, num_classes=8)

model = torch.nn.Sequential(torch.nn.Linear(1024, 256), torch.nn.ReLU(), torch.nn.Linear(256, 8))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(dataset, batch_size=128, shuffle=True)
model, optimizer, loader = accelerator.prepare(model, optimizer, loader)

for epoch in range(30):
    for embeddings, labels in loader:
        logits = model(embeddings)
        loss = F.cross_entropy(logits, labels, weight=class_weights)  # expect: WCE302
        optimizer.zero_grad()
        accelerator.backward(loss)
        optimizer.step()
