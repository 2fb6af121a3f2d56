# A config class whose attribute holds the class weights, made on the CPU at import, read by
# the training loop where the model goes to CFG.device. Learned from the config-driven
# weighted_CE(config) helpers of public code (config.CLF_LOSS["CLASS_WEIGHTS"]) and the CFG
# classes of Kaggle-style training scripts.
import torch


class CFG:
    model_name = "tf_efficientnet_b3"
    num_classes = 4
    epochs = 10
    lr = 2e-4
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    class_weights = torch.tensor([1.0, 3.5, 2.0, 6.0])
