from pathlib import Path

import numpy as np
import torch
from PIL import Image


class SegmentationDataset(torch.utils.data.Dataset):
    num_classes = 21

    def __init__(self, root):
        self.images = sorted(Path(root, "images").glob("*.jpg"))

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        path = self.images[index]
        image = np.asarray(Image.open(path), dtype=np.float32) / 255
        mask = np.asarray(Image.open(path.with_suffix(".png")), dtype=np.int64)
        return {"image": torch.from_numpy(image).permute(2, 0, 1), "mask": torch.from_numpy(mask)}

    def class_weights(self):
        return torch.ones(self.num_classes)
