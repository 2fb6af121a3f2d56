import pandas as pd
import torch


def load_churn(path):
    frame = pd.read_csv(path)
    labels = torch.tensor(frame.pop("churned").to_numpy(), dtype=torch.long)
    features = torch.tensor(frame.to_numpy(), dtype=torch.float32)
    return (features - features.mean(0)) / features.std(0).clamp(min=1e-6), labels
