CFG = {
    "dataset": "voc2012_aug",
    "model": {"backbone_channels": 256, "num_classes": 21},  # 20 object classes + background
    "loss": {"background_weight": 0.5, "ignore_index": 255},
    "train": {"lr": 0.007, "epochs": 50},
}
