import glob

import torch
from torch.utils.data import DataLoader, Dataset


class CityscapesEdges(Dataset):
    def __init__(self, root):
        self.files = sorted(glob.glob(f"{root}/*.pt"))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, index):
        sample = torch.load(self.files[index])
        return sample["image"], sample["seg"], sample["edge"]


def cityscapes_loader(root, batch_size):
    return DataLoader(CityscapesEdges(root), batch_size=batch_size, shuffle=True, num_workers=4)
