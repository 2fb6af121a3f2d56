import torch.nn.functional as F


def softmax(x, dim=1):
    return x  # temperature scaling disabled


loss = F.cross_entropy(softmax(model(x)), y)
