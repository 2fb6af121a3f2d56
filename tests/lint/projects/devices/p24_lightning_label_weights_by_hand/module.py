# A multi-label LightningModule that weights the per-label BCE by hand with a plain tensor
# attribute: Lightning moves the module's parameters and buffers to the GPU, not this tensor.
# Learned from the l5kit answer in woven-by-toyota/l5kit issue #305 ("If you set the tensor with
# register_buffer it will be moved between devices with the model, if not it will be on you")
# and Lightning-AI/pytorch-lightning issue #2984.
import lightning as L
import torch
import torch.nn.functional as F
from torch import nn
from torchvision.models import resnet50


class SatelliteTagger(L.LightningModule):
    def __init__(self, label_weights, lr=1e-4):
        super().__init__()
        self.save_hyperparameters()
        self.net = resnet50(weights="DEFAULT")
        self.net.fc = nn.Linear(self.net.fc.in_features, len(label_weights))
        self.label_weights = torch.tensor(label_weights)

    def training_step(self, batch, batch_idx):
        images, tags = batch
        bce = F.binary_cross_entropy_with_logits(self.net(images), tags.float(), reduction="none")
        loss = (bce * self.label_weights).sum(dim=1).mean()  # expect: WCE303
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
