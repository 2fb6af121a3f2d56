import torch.nn.functional as F

out = model(x)
if use_probabilities:
    out = F.softmax(out, dim=1)
loss = F.cross_entropy(out, y)
