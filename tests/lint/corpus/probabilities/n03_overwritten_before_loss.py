import torch

out = torch.softmax(model(x), dim=1)
print(out.max())
out = model(x)
loss = torch.nn.functional.cross_entropy(out, y)
