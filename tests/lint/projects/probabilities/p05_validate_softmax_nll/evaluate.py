# Reproduces the test loop of midas-research/man-sf-emnlp, train.py (test_dict): the outputs are
# turned into probabilities with F.softmax to be saved, and the same tensor goes to F.nll_loss
# (https://github.com/midas-research/man-sf-emnlp/issues/2, "potential bug").
import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import f1_score, matthews_corrcoef


def validate(model, samples, adj, device):
    model.eval()
    pred_dict, losses, y_true, y_pred = {}, [], [], []
    with torch.no_grad():
        for date, (text, price, label) in samples.items():
            text, price = text.to(device), price.to(device)
            target = label.argmax(dim=1).to(device)
            output = model(text, price, adj)
            output = F.softmax(output, dim=1)
            pred_dict[date] = output.cpu().numpy()
            loss = F.nll_loss(output, target)  # expect: WCE103
            losses.append(loss.item())
            y_pred.append(output.argmax(dim=1).cpu().numpy())
            y_true.append(target.cpu().numpy())
    y_true, y_pred = np.concatenate(y_true), np.concatenate(y_pred)
    return {
        "loss": float(np.mean(losses)),
        "f1": f1_score(y_true, y_pred, average="micro"),
        "mcc": matthews_corrcoef(y_true, y_pred),
        "predictions": pred_dict,
    }
