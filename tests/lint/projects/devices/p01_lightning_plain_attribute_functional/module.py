# A LightningModule that keeps its class weights as a plain tensor attribute and hands them to
# F.cross_entropy in training_step. Learned from Lightning-AI/pytorch-lightning issues #2984
# ("CrossEntropyLoss with weights") and #2468: Lightning moves parameters, buffers and
# submodules to the GPU, never a plain tensor attribute.
import lightning as L
import torch
import torch.nn.functional as F
from torchvision.models import resnet18


class LeafDiseaseClassifier(L.LightningModule):
    def __init__(self, num_classes=5, class_weights=(1.0, 2.5, 4.0, 1.2, 3.0), lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.backbone = resnet18(num_classes=num_classes)
        self.class_weights = torch.tensor(class_weights, dtype=torch.float32)

    def forward(self, x):
        return self.backbone(x)

    def training_step(self, batch, batch_idx):
        images, labels = batch
        logits = self(images)
        loss = F.cross_entropy(logits, labels, weight=self.class_weights)  # expect: WCE302
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        images, labels = batch
        acc = (self(images).argmax(dim=1) == labels).float().mean()
        self.log("val_acc", acc, prog_bar=True)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
