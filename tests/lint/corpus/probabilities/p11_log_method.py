import torch

probs = torch.softmax(scores, dim=-1)
log_probs = probs.log()  # expect: WCE102
loss = -(log_probs * soft_targets).sum(dim=-1).mean()
