import torch
import torch.nn.functional as F

logits = model(x)
loss = F.cross_entropy(logits, y, weight=w)
probs = F.softmax(logits, dim=1)
accuracy = (probs.argmax(1) == y).float().mean()
