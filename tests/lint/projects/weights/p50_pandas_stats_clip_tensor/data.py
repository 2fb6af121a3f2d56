import pandas as pd
import torch


def class_weights_from_stats(stats_csv):
    """Balanced weights from the per-class image counts of the metadata export."""
    stats = pd.read_csv(stats_csv).set_index("class_id").sort_index()
    n_images = stats["n_images"].clip(lower=1)
    weights = n_images.sum() / (len(n_images) * n_images)
    return torch.tensor(weights.to_numpy())
