import torch
import torch.nn.functional as F

from metrics import expected_calibration_error


@torch.no_grad()
def validate(model, loader, criterion, device, temperature=1.0):
    model.eval()
    total_loss, all_probs, all_labels = 0.0, [], []
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        logits = model(images)
        total_loss += criterion(logits, labels).item() * labels.size(0)
        probs = F.softmax(logits / temperature, dim=1)
        all_probs.append(probs.cpu())
        all_labels.append(labels.cpu())
    probs, labels = torch.cat(all_probs), torch.cat(all_labels)
    return {
        "loss": total_loss / len(labels),
        "acc": probs.argmax(1).eq(labels).float().mean().item(),
        "ece": expected_calibration_error(probs, labels),
    }
