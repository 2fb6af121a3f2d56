# Counts turned to double "for precision" before the balanced formula: the weights are
# float64 and the float32 logits of F.cross_entropy reject them. Learned from pytorch/pytorch
# issue #101213 (the weight of CrossEntropyLoss must match the input's floating dtype) and
# deepset-ai/FARM issue #758.
import torch
import torch.nn.functional as F

from model import AudioNet

NUM_CLASSES = 10
labels = torch.load("esc10_labels.pt")
counts = torch.bincount(labels, minlength=NUM_CLASSES).double()
class_weight = counts.sum() / (NUM_CLASSES * counts.clamp(min=1))

model = AudioNet(NUM_CLASSES)
optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
for mel, y in torch.load("esc10_loader.pt"):
    loss = F.cross_entropy(model(mel), y, weight=class_weight)  # expect: WCE204
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
