# Cardiac MRI segmentation with cross-entropy plus soft Dice: the logits are permuted and
# flattened for F.cross_entropy; the softmax of the same logits goes to the Dice term, which
# needs probabilities.
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from losses import soft_dice_loss
from unet import SmallUNet

N_CLASSES = 4


def train(slices, epochs=100, dice_weight=1.0):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    loader = DataLoader(slices, batch_size=16, shuffle=True, num_workers=4)
    net = SmallUNet(n_classes=N_CLASSES).to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    scheduler = torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters=epochs, power=0.9)
    for epoch in range(epochs):
        net.train()
        for images, masks in loader:
            images, masks = images.to(device), masks.to(device)
            logits = net(images)
            flat = logits.permute(0, 2, 3, 1).reshape(-1, N_CLASSES)
            ce = F.cross_entropy(flat, masks.reshape(-1))
            dice = soft_dice_loss(logits.softmax(dim=1), masks, N_CLASSES)
            loss = ce + dice_weight * dice
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"epoch {epoch}: ce {ce.item():.4f} dice {dice.item():.4f}")
    return net


if __name__ == "__main__":
    model = train(torch.load("data/acdc_slices.pt"))
    torch.save(model.state_dict(), "acdc_unet.pt")
