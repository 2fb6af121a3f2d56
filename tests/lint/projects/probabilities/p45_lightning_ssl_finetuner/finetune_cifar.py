import argparse

import pytorch_lightning as pl
import torch
from torchvision.models import resnet50

from probe.finetuner import SSLFineTuner


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="simclr_resnet50.pt")
    parser.add_argument("--data", default="data/cifar10_224.pt")
    parser.add_argument("--hidden", type=int, default=None)
    args = parser.parse_args()

    backbone = resnet50()
    backbone.fc = torch.nn.Identity()
    backbone.load_state_dict(torch.load(args.ckpt, map_location="cpu"), strict=False)
    train_set, val_set = torch.load(args.data)
    tuner = SSLFineTuner(backbone, in_features=2048, num_classes=10, hidden_dim=args.hidden)
    trainer = pl.Trainer(max_epochs=100, precision="16-mixed")
    trainer.fit(
        tuner,
        torch.utils.data.DataLoader(train_set, batch_size=256, shuffle=True),
        torch.utils.data.DataLoader(val_set, batch_size=256),
    )


if __name__ == "__main__":
    main()
