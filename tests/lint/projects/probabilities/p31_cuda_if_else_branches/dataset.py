import os

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset

NUM_CLASSES = 21


class VOCSegmentation(Dataset):
    def __init__(self, list_file, img_dir, mask_dir, size=224):
        with open(list_file) as handle:
            self.names = [line.strip() for line in handle if line.strip()]
        self.img_dir, self.mask_dir, self.size = img_dir, mask_dir, size

    def __len__(self):
        return len(self.names)

    def __getitem__(self, index):
        name = self.names[index]
        image = Image.open(os.path.join(self.img_dir, name + ".jpg")).resize((self.size, self.size))
        mask = Image.open(os.path.join(self.mask_dir, name + ".png")).resize((self.size, self.size))
        image = torch.from_numpy(np.asarray(image, dtype=np.float32) / 255.0).permute(2, 0, 1)
        mask = torch.from_numpy(np.asarray(mask, dtype=np.int64))
        mask[mask == 255] = 0
        return {"image": image, "mask": mask}

    def class_frequencies(self):
        counts = torch.zeros(NUM_CLASSES)
        for index in range(len(self)):
            counts += torch.bincount(self[index]["mask"].flatten(), minlength=NUM_CLASSES)
        return counts / counts.sum()
