# Class weights applied by hand to the per-sample losses: the weights are a CPU tensor indexed
# with the GPU labels. Learned from the Hsuxu/Loss_ToolBox-PyTorch issue #8 thread (alpha[idx]
# applied by hand) and woven-by-toyota/l5kit issue #305 (weights multiplied by hand, with the
# answer: "if not [a buffer] it will be on you to ensure it is on the right device").
import torch
import torch.nn.functional as F

from model import SleepStager

STAGE_WEIGHTS = torch.tensor([1.0, 1.8, 1.0, 1.2, 1.4])  # W, N1, N2, N3, REM


def train(loader, epochs=30):
    model = SleepStager().to("cuda")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for eeg, stage in loader:
            eeg, stage = eeg.to("cuda"), stage.to("cuda")
            per_epoch = F.cross_entropy(model(eeg), stage, reduction="none")
            loss = (STAGE_WEIGHTS[stage] * per_epoch).sum() / STAGE_WEIGHTS[stage].sum()  # expect: WCE303
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
