import torch.nn.functional as F


def predict(model, x):
    logits = model(x)
    probs = F.softmax(logits, dim=-1)
    return probs, logits


probs, logits = predict(model, batch)
loss = F.cross_entropy(probs, target)  # expect: WCE101
