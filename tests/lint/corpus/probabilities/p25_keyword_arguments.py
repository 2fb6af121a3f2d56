import torch.nn.functional as F

probs = F.softmax(input=model(x), dim=1)
loss = F.cross_entropy(target=y, input=probs)  # expect: WCE101
