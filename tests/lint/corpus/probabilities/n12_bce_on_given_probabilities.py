import torch.nn.functional as F

# probabilities produced by a calibrated ensemble elsewhere
ensemble_probs = load_ensemble_predictions(path)
loss = F.binary_cross_entropy(ensemble_probs, labels)
