CFG = {
    "model": {"in_features": 512, "num_classes": 4},
    "loss": {"name": "ce", "class_weights": [0.4, 1.0, 2.5, 2.5], "label_smoothing": 0.05},
    "optim": {"lr": 3e-4},
}
