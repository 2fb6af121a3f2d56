import pandas as pd
import torch


def load_labels(path):
    frame = pd.read_parquet(path, columns=["is_fraud"])
    return torch.as_tensor(frame["is_fraud"].to_numpy(), dtype=torch.long)
