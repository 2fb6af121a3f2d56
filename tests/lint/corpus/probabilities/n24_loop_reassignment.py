import torch.nn.functional as F

out = model(x)
for layer in post_layers:
    out = layer(out)
loss = F.cross_entropy(out, y)
probs = F.softmax(out, dim=1)
