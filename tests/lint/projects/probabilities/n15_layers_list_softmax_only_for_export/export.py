import torch

from mlp import with_probabilities


def export_onnx(model, n_features, path):
    model.eval()
    deployed = with_probabilities(model)
    dummy = torch.randn(1, n_features)
    torch.onnx.export(
        deployed, dummy, path, input_names=["features"], output_names=["probabilities"]
    )
    return path
