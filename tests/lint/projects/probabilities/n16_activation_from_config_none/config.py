MODEL = {
    "units": [256, 128],
    "activation": "relu",
    "pred_activation": "none",
    "dropout": 0.3,
}

TRAIN = {"lr": 1e-3, "epochs": 30, "batch_size": 64, "pos_weight": 3.0, "threshold": 0.5}
