# A transformers Trainer subclass whose compute_loss builds the weight with torch.tensor(...)
# and no .to(logits.device): the Trainer has put the model on the GPU. Learned from the
# compute_loss example of huggingface/transformers issue #7024 and its copy in
# brando90/ultimate-utils (custon_trainer_hf_pg.py).
import torch
from torch import nn
from transformers import Trainer


class WeightedTrainer(Trainer):
    def __init__(self, *args, class_weights=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.class_weights = class_weights  # a list of floats read from the config

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs.pop("labels")
        outputs = model(**inputs)
        logits = outputs.logits
        weight = torch.tensor(self.class_weights, dtype=torch.float32)
        loss_fct = nn.CrossEntropyLoss(weight=weight)  # expect: WCE301
        loss = loss_fct(logits.view(-1, model.config.num_labels), labels.view(-1))
        return (loss, outputs) if return_outputs else loss
