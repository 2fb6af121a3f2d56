import torch
import torch.nn.functional as F

logits = policy(state)
action = torch.multinomial(F.softmax(logits, dim=-1), 1)
loss = F.cross_entropy(logits, expert_action)
