import torch
import torch.nn.functional as F

logits = model(inputs)
probs = F.softmax(logits, dim=1)
loss = F.cross_entropy(probs, targets, weight=class_weights)  # expect: WCE101
loss.backward()
