# FixMatch step in the manner of kekmodel/FixMatch-pytorch (train.py): labelled, weak and strong
# views go through the model in one torch.cat batch; the softmax of the weak view (detached) only
# makes hard pseudo-labels and a confidence mask; the losses take logits, sliced, chunked and
# indexed with the mask.
import torch
import torch.nn.functional as F

from wrn import WideResNet


def train_epoch(
    model,
    labeled_loader,
    unlabeled_loader,
    optimizer,
    scheduler,
    device,
    threshold=0.95,
    lambda_u=1.0,
):
    model.train()
    for (inputs_x, targets_x), ((inputs_u_w, inputs_u_s), _) in zip(
        labeled_loader, unlabeled_loader
    ):
        batch_size = inputs_x.shape[0]
        inputs = torch.cat((inputs_x, inputs_u_w, inputs_u_s)).to(device)
        targets_x = targets_x.to(device)
        logits = model(inputs)
        logits_x = logits[:batch_size]
        logits_u_w, logits_u_s = logits[batch_size:].chunk(2)

        loss_x = F.cross_entropy(logits_x, targets_x)
        pseudo = torch.softmax(logits_u_w.detach(), dim=-1)
        max_probs, targets_u = pseudo.max(dim=-1)
        mask = max_probs.ge(threshold)
        if mask.any():
            loss_u = F.cross_entropy(logits_u_s[mask], targets_u[mask], reduction="sum")
            loss_u = loss_u / logits_u_s.shape[0]
        else:
            loss_u = logits_u_s.sum() * 0.0
        loss = loss_x + lambda_u * loss_u

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
    return loss.item(), mask.float().mean().item()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    labeled, unlabeled = torch.load("data/cifar10_fixmatch_loaders.pt")
    model = WideResNet().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9, nesterov=True)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, 2**20)
    for epoch in range(1024):
        loss, kept = train_epoch(model, labeled, unlabeled, optimizer, scheduler, device)
        print(f"epoch {epoch}: loss {loss:.4f}, mask {kept:.2%}")
