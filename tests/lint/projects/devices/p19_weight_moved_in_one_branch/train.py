# The class weights are moved to the GPU only in the branch that "balances with the loss"; the
# other branch also balances with a sampler and still gives the CPU weights to the criterion.
# Learned from the "if torch.cuda.is_available(): weight = weight.cuda()" factories of public
# code (LOSS_FN_REGISTRY CrossEntropy(cfg) helpers) and the issue this corpus is for.
import torch
import yaml
from torch import nn
from torch.utils.data import DataLoader, WeightedRandomSampler

from model import make_model

with open("config.yaml") as f:
    cfg = yaml.safe_load(f)

device = torch.device(cfg.get("device", "cuda"))
dataset = torch.load(cfg["dataset"])
class_weights = torch.tensor(cfg["class_weights"], dtype=torch.float32)
if cfg["balance"] == "loss":
    class_weights = class_weights.to(device)
    loader = DataLoader(dataset, batch_size=cfg["batch_size"], shuffle=True)
else:
    sample_weights = class_weights[dataset.targets]
    sampler = WeightedRandomSampler(sample_weights, num_samples=len(dataset))
    loader = DataLoader(dataset, batch_size=cfg["batch_size"], sampler=sampler)

model = make_model(cfg["arch"], len(cfg["class_weights"])).to(device)
criterion = nn.CrossEntropyLoss(weight=class_weights)  # expect: WCE301
optimizer = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=0.9)
for images, labels in loader:
    images, labels = images.to(device), labels.to(device)
    loss = criterion(model(images), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
