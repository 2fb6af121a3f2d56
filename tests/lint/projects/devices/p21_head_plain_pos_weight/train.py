import torch

from model import ProteinFunctionNet

model = ProteinFunctionNet().cuda()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
for embeddings, go_terms in torch.load("go_loader.pt"):
    embeddings, go_terms = embeddings.cuda(), go_terms.cuda().float()
    loss = model.head.loss(model.trunk(embeddings), go_terms)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
