import torch


def class_weights_from_frame(frame, column="label"):
    vc = frame[column].value_counts().sort_index()  # expect: WCE201
    weights = [vc.sum() / vc[i] for i in range(len(vc))]
    return torch.tensor(weights, dtype=torch.float32)
