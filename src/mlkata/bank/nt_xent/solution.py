"""NT-Xent, SimCLR's normalised temperature-scaled cross-entropy over two views of a batch."""

import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    """Each of the 2N embeddings is an anchor: its other view is the positive, the other 2N - 2 the negatives."""
    N = z1.shape[0]
    z = torch.cat([z1, z2], dim=0)  # [2N, d], view 1 then view 2
    z = F.normalize(z, dim=1)  # [2N, d], unit rows
    sim = z @ z.T / temperature  # [2N, 2N], cosine / temperature
    self_mask = torch.eye(2 * N, dtype=torch.bool, device=z.device)  # [2N, 2N]
    sim = sim.masked_fill(self_mask, float("-inf"))  # an anchor is not its own negative
    # anchor i < N pairs with N + i, anchor N + i with i
    targets = torch.cat([torch.arange(N, 2 * N), torch.arange(0, N)]).to(z.device)  # [2N]
    return F.cross_entropy(sim, targets)  # mean over the 2N anchors
