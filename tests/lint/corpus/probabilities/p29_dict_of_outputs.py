import torch.nn.functional as F

outputs = {"logits": model(x)}
outputs["probs"] = F.softmax(outputs["logits"], dim=1)
loss = F.cross_entropy(outputs["probs"], y)  # expect: WCE101
