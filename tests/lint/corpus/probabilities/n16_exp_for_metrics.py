import torch.nn.functional as F

log_probs = F.log_softmax(model(x), dim=-1)
loss = F.nll_loss(log_probs, y)
probs = log_probs.exp()
top5 = probs.topk(5).indices
