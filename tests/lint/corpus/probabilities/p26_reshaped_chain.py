import torch
import torch.nn.functional as F

# segmentation: (N, C, H, W)
probs = torch.softmax(unet(images), dim=1)
probs = probs.contiguous().float()
loss = F.cross_entropy(probs, masks, ignore_index=255)  # expect: WCE101
