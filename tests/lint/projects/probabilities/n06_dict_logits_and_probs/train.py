import torch
import torch.nn.functional as F
from torch import nn
from torchmetrics.classification import MultilabelAUROC

from detector import LaneDetector


def train_one_epoch(model, loader, optimizer, device, num_lanes=4):
    seg_criterion = nn.CrossEntropyLoss(ignore_index=255)
    exist_criterion = nn.BCEWithLogitsLoss()
    auroc = MultilabelAUROC(num_labels=num_lanes)
    model.train()
    for batch in loader:
        output = model(batch["img"].to(device))
        seg_loss = seg_criterion(output["seg"], batch["mask"].long().to(device))
        exist_target = batch["lane_exist"].to(device)
        exist_loss = exist_criterion(output["exist_logits"], exist_target.float())
        loss = seg_loss + 0.1 * exist_loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        auroc.update(output["exist_probs"].detach(), exist_target.long())
    return auroc.compute()


def lane_probability_maps(model, img):
    with torch.no_grad():
        return F.softmax(model(img)["seg"], dim=1)[:, 1:]


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    backbone = torch.load("erfnet_encoder.pt")
    model = LaneDetector(backbone, feat_dim=128 * 9 * 25).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.025, momentum=0.9)
    loader = torch.load("culane_train_loader.pt")
    for epoch in range(12):
        print(epoch, train_one_epoch(model, loader, optimizer, device))
