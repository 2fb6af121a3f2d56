# A custom loss module that normalises the class weights and keeps them as a plain attribute:
# criterion.to(device) moves parameters and buffers, not this tensor. Learned from the CELoss
# of nathanjpaek/kb-pilot (KernelBench level9 6003_CELoss.py, self.weight = weight used in
# F.cross_entropy) and open-mmlab/mmaction2 pull requests #509 and #1188 (class_weight kept on
# the CPU, then moved with .to(cls_score.device)).
import torch.nn.functional as F
from torch import nn


class WeightedCrossEntropy(nn.Module):
    def __init__(self, weight, ignore_index=-100):
        super().__init__()
        self.weight = weight / weight.mean()
        self.ignore_index = ignore_index

    def forward(self, logits, target):
        return F.cross_entropy(
            logits,
            target,
            weight=self.weight,  # expect: WCE302
            ignore_index=self.ignore_index,
        )
