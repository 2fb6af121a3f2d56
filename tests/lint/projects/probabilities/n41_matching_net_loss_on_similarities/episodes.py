import torch
import torch.nn.functional as F


def sample_episode(images, n_way, k_shot, n_query):
    """images: (n_classes, n_per_class, C, H, W). Returns support, one-hot labels, queries."""
    classes = torch.randperm(images.size(0))[:n_way]
    picks = torch.stack(
        [images[c][torch.randperm(images.size(1))[: k_shot + n_query]] for c in classes]
    )
    support = picks[:, :k_shot].flatten(0, 1)
    query = picks[:, k_shot:].flatten(0, 1)
    support_y = F.one_hot(torch.arange(n_way).repeat_interleave(k_shot), n_way).float()
    query_y = torch.arange(n_way).repeat_interleave(n_query)
    return support, support_y, query, query_y
