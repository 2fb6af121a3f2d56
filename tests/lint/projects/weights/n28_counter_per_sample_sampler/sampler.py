# Correct: per-sample weights for a sampler, one over the count of each sample's own class, the
# idiom of speechbrain's BalancingDataSampler (speechbrain/dataio/sampler.py): a class that was
# counted is never counted zero, so no weight is infinite.
from collections import Counter

import torch
from torch.utils.data import WeightedRandomSampler


class BalancedSampler(WeightedRandomSampler):
    def __init__(self, labels, num_samples=None):
        super().__init__(self._weights(labels), num_samples or len(labels))

    @staticmethod
    def _weights(labels):
        per_class = Counter(labels)
        return 1 / torch.tensor([per_class[label] for label in labels], dtype=torch.float32)
