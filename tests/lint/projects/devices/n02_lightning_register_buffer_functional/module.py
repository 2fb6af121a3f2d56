# Correct counterpart of p01 and p24: the class weights are registered as a buffer, which
# Lightning moves to the GPU with the module. As advised in woven-by-toyota/l5kit issue #305
# and pytorch/pytorch issue #2641 ("Use self.register_buffer for automatic device management").
import lightning as L
import torch
import torch.nn.functional as F
from torchvision.models import resnet18


class LeafDiseaseClassifier(L.LightningModule):
    def __init__(self, num_classes=5, class_weights=(1.0, 2.5, 4.0, 1.2, 3.0), lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.backbone = resnet18(num_classes=num_classes)
        self.register_buffer("class_weights", torch.tensor(class_weights, dtype=torch.float32))

    def forward(self, x):
        return self.backbone(x)

    def training_step(self, batch, batch_idx):
        images, labels = batch
        loss = F.cross_entropy(self(images), labels, weight=self.class_weights)
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
