# Distillation in Lightning from a teacher that returns softmax: the teacher's probabilities are
# the target of F.kl_div (the student side is log_softmax of the student's logits); the hard
# loss is F.cross_entropy on the student's logits; the student's softmax feeds the calibration
# metric in validation_step.
import lightning as L
import torch
import torch.nn.functional as F
from torch import nn
from torchmetrics.classification import MulticlassCalibrationError
from torchvision.models import mobilenet_v3_small

from teacher import ServingTeacher


class DistilledStudent(L.LightningModule):
    def __init__(self, teacher_ckpt, n_classes=200, alpha=0.5, lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.student = mobilenet_v3_small(num_classes=n_classes)
        self.teacher = ServingTeacher(n_classes)
        self.teacher.load_state_dict(torch.load(teacher_ckpt, map_location="cpu"))
        self.teacher.requires_grad_(False)
        self.ece = MulticlassCalibrationError(num_classes=n_classes, n_bins=15)

    def forward(self, images):
        return self.student(images)

    def training_step(self, batch, batch_idx):
        images, labels = batch
        self.teacher.eval()
        with torch.no_grad():
            teacher_probs = self.teacher(images)
        logits = self(images)
        soft = F.kl_div(F.log_softmax(logits, dim=-1), teacher_probs, reduction="batchmean")
        hard = F.cross_entropy(logits, labels)
        loss = self.hparams.alpha * soft + (1 - self.hparams.alpha) * hard
        self.log_dict({"train/soft": soft, "train/hard": hard})
        return loss

    def validation_step(self, batch, batch_idx):
        images, labels = batch
        logits = self(images)
        self.log("val/loss", F.cross_entropy(logits, labels), prog_bar=True)
        self.ece.update(logits.softmax(dim=-1), labels)
        self.log("val/ece", self.ece, on_epoch=True)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.student.parameters(), lr=self.hparams.lr)
