import torch

from matcher import TinyGlue


def train_step(model, batch, optimizer, conf_weight=1.0):
    model.train()
    optimizer.zero_grad()
    all_desc, log_assignment = model(batch["desc0"], batch["desc1"])
    gt = batch["gt_assignment"].float()
    match_nll = -(log_assignment * gt).sum() / gt.sum().clamp(min=1)
    loss = match_nll + conf_weight * model.confidence_loss(all_desc, log_assignment.detach())
    loss.backward()
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    model = TinyGlue()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    for batch in torch.load("homography_pairs.pt"):
        print(train_step(model, batch, optimizer))
