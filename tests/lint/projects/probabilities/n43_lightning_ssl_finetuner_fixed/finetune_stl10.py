import pytorch_lightning as pl
import torch
from torchvision.models import resnet18

from probe.finetuner import SSLFineTuner

if __name__ == "__main__":
    backbone = resnet18()
    backbone.fc = torch.nn.Identity()
    backbone.load_state_dict(torch.load("byol_resnet18_stl10.pt", map_location="cpu"), strict=False)
    train_set, val_set = torch.load("data/stl10_96.pt")
    tuner = SSLFineTuner(backbone, in_features=512, num_classes=10, hidden_dim=1024, dropout=0.1)
    trainer = pl.Trainer(max_epochs=100)
    trainer.fit(
        tuner,
        torch.utils.data.DataLoader(train_set, batch_size=256, shuffle=True),
        torch.utils.data.DataLoader(val_set, batch_size=256),
    )
