class Config:
    num_classes = 5
    class_weights = [1.0, 1.8, 1.2, 3.5, 2.0]
    lr = 3e-4
    epochs = 20
