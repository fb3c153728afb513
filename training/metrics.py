"""Publictest measures shared by train.py, evaluate.py and export.py: accuracy and per-class recall by the
FER2013 labels and by the FER+ majority, expected calibration error, and temperature scaling."""
import torch
import torch.nn.functional as F

from data import LABELS

ECE_BINS = 15


@torch.no_grad()
def view_logits(net, x, bs=64):
    """Logits of one network for the faces and for their mirror images: ([N,C], [N,C]). x is the model's input
    [N,1,S,S], already normalised and resized. Batches of 64: 512 were 6x slower on CPU (page faults)."""
    net.eval()
    plain, flipped = [], []
    for i in range(0, len(x), bs):
        xb = x[i:i + bs].contiguous(memory_format=torch.channels_last)
        plain.append(net(xb))
        flipped.append(net(torch.flip(xb, dims=[3])))
    return torch.cat(plain), torch.cat(flipped)


def flip_averaged(logits, temperature=1.0):
    """What ships: the softmax of each view (logits divided by the temperature), averaged."""
    plain, flipped = logits
    return (F.softmax(plain / temperature, 1) + F.softmax(flipped / temperature, 1)) / 2


def recall_by_class(pred, y):
    return {LABELS[c]: ((pred == c) & (y == c)).sum().item() / max(1, (y == c).sum().item()) for c in range(len(LABELS))}


def expected_calibration_error(probs, y, bins=ECE_BINS):
    """Top-label ECE: faces binned by the confidence of their top class (equal-width bins over [0,1]); the
    size-weighted mean gap between each bin's accuracy and its mean confidence. 0 is perfectly calibrated."""
    conf, pred = probs.max(1)
    right = (pred == y).float()
    edges = torch.linspace(0, 1, bins + 1)
    ece = torch.zeros(())
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (conf > lo) & (conf <= hi)
        if inside.any():
            ece += inside.float().mean() * (right[inside].mean() - conf[inside].mean()).abs()
    return ece.item()


def report(probs, y, fer_major):
    """All the measures for one model's probabilities [N,7]: y are the FER2013 labels, fer_major the FER+
    majority (-1 where it has none: no FER+ row, a tie, or contempt/unknown/not-a-face on top)."""
    pred = probs.argmax(1)
    has = fer_major >= 0
    return {
        "accuracy": (pred == y).float().mean().item(),
        "recall": recall_by_class(pred, y),
        "ece": expected_calibration_error(probs, y),
        "nll": F.nll_loss(probs.clamp_min(1e-12).log(), y).item(),
        "mean_confidence": probs.max(1).values.mean().item(),
        "ferplus_faces": int(has.sum().item()),
        "ferplus_accuracy": (pred[has] == fer_major[has]).float().mean().item(),
        "ferplus_recall": recall_by_class(pred[has], fer_major[has]),
        "ferplus_ece": expected_calibration_error(probs[has], fer_major[has]),
    }


def fit_temperature(logits, y, lo=0.5, hi=3.0, step=0.01):
    """The temperature that minimises the negative log-likelihood of the flip-averaged probabilities on
    (logits, y): a grid search (one parameter; the loss is smooth and the grid is cheap)."""
    best_t, best_nll = 1.0, float("inf")
    t = lo
    while t <= hi + 1e-9:
        nll = F.nll_loss(flip_averaged(logits, t).clamp_min(1e-12).log(), y).item()
        if nll < best_nll:
            best_t, best_nll = t, nll
        t += step
    return round(best_t, 2)
