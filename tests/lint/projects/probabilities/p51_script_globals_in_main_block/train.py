# Reproduces say4n/pytorch-segnet, src/train.py before f7738c6
# (https://github.com/say4n/pytorch-segnet/issues/5): train() reads the model and the criterion
# as globals that the script's main block binds, in the arms of an `if CUDA:`; the model
# returns (logits, softmax) and the softmax goes to a weighted CrossEntropyLoss.
import argparse

import torch
from torch.utils.data import DataLoader

from dataset import SegmentationDataset
from model import SegNet

parser = argparse.ArgumentParser()
parser.add_argument("--data_root", required=True)
parser.add_argument("--gpu", type=int)
args = parser.parse_args()


def train():
    model.train()
    for epoch in range(100):
        for batch in loader:
            images, masks = batch["image"], batch["mask"]
            if CUDA:
                images, masks = images.cuda(GPU_ID), masks.cuda(GPU_ID)
            _, probabilities = model(images)
            optimizer.zero_grad()
            loss = criterion(probabilities, masks)  # expect: WCE101
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    CUDA = args.gpu is not None
    GPU_ID = args.gpu
    dataset = SegmentationDataset(args.data_root)
    loader = DataLoader(dataset, batch_size=8, shuffle=True)
    if CUDA:
        model = SegNet(3, dataset.num_classes).cuda(GPU_ID)
        criterion = torch.nn.CrossEntropyLoss(weight=dataset.class_weights().cuda(GPU_ID))
    else:
        model = SegNet(3, dataset.num_classes)
        criterion = torch.nn.CrossEntropyLoss(weight=dataset.class_weights())
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    train()
