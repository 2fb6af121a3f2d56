def compute_loss(model, x, y):
    import torch.nn.functional as F

    out = F.softmax(model(x), dim=1)
    return F.cross_entropy(out, y)  # expect: WCE101
