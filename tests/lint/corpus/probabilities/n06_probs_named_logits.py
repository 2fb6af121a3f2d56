import torch.nn.functional as F

probs = model(x)  # the name is misleading: these are logits
loss = F.cross_entropy(probs, y)
