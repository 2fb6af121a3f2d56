import pandas as pd
import torch


class TagData:
    def __init__(self, csv_path):
        self.frame = pd.read_csv(csv_path)

    def class_weights(self):
        freq = self.frame["tag_id"].value_counts().to_dict()  # expect: WCE201
        total = len(self.frame)
        weights = [total / freq[tag] for tag in sorted(freq)]
        return torch.tensor(weights, dtype=torch.float32)
