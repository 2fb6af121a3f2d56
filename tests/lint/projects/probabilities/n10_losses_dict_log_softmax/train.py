import torch
import torch.nn.functional as F

from losses import build_losses
from model import InceptionWithAux


def train_epoch(model, loader, optimizer, aux_weight=0.4, teacher=None, temperature=2.0):
    losses = build_losses(label_smoothing=0.1)
    model.train()
    for images, labels in loader:
        optimizer.zero_grad()
        log_probs, aux_logits = model(images)
        loss = losses["nll"](log_probs, labels) + aux_weight * losses["ce"](aux_logits, labels)
        if teacher is not None:
            with torch.no_grad():
                soft_targets = F.softmax(teacher(images) / temperature, dim=1)
            loss = loss + losses["kl"](log_probs, soft_targets)
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    model = InceptionWithAux(num_classes=102)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=0.045, alpha=0.9, eps=1.0)
    for epoch in range(30):
        train_epoch(model, torch.load("flowers102_loader.pt"), optimizer)
