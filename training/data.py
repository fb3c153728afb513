"""FER2013 loading: decode the JPEGs once into a uint8 tensor cache (decoding every epoch is 5x slower),
and the FER+ crowd votes for the same images (ferplus.csv), in the cache's order."""
import csv
import os
from pathlib import Path

import numpy as np
import torch
from PIL import Image

# Output order of the model; must match the sidecar's "labels".
LABELS = ["angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"]
# ../shared beside the repository; FER2013_ROOT overrides it (e.g. from a git worktree elsewhere).
DEFAULT_ROOT = Path(os.environ.get("FER2013_ROOT") or Path(__file__).resolve().parents[2] / "shared" / "datasets" / "fer2013")
CACHE_DIR = Path(__file__).resolve().parent / "cache"


def split_files(split: str, root: Path = DEFAULT_ROOT):
    """Paths relative to the dataset folder (e.g. train/angry/Training_10118481.jpg), in load_split's order."""
    return [f"{split}/{name}/{f}" for name in LABELS for f in sorted(os.listdir(Path(root) / split / name))]


# ferplus.csv's vote columns, and where each goes in LABELS (contempt, unknown and not_face have no class).
FERPLUS_COLUMNS = ["neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt", "unknown", "not_face"]
FERPLUS_TO_LABEL = {"neutral": "neutral", "happiness": "happy", "surprise": "surprise", "sadness": "sad",
                    "anger": "angry", "disgust": "disgust", "fear": "fear"}


def load_ferplus(split: str, root: Path = DEFAULT_ROOT):
    """FER+ votes for one split in load_split's order: float [N,10] in FERPLUS_COLUMNS order, all zero
    where the image has no row (ferplus.csv covers 24,176 of 28,709 train and 3,229 of 3,589 publictest faces)."""
    files = split_files(split, root)
    index = {f: i for i, f in enumerate(files)}
    votes = torch.zeros(len(files), len(FERPLUS_COLUMNS))
    with open(Path(root) / "ferplus.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            i = index.get(row["file"])
            if i is not None:
                votes[i] = torch.tensor([float(row[c]) for c in FERPLUS_COLUMNS])
    return votes


def ferplus_distribution(votes, contempt="drop"):
    """Vote counts [N,10] -> (distribution over LABELS [N,7], has_row [N] bool, is_face [N] bool).

    contempt: "drop" ignores its votes (the app has no such class), "disgust" folds them into disgust (the
    nearest of the seven by name; but on publictest the faces FER+ calls contempt are labelled angry, neutral
    and sad in FER2013 more often than disgust, so dropping is the default).
    is_face is False where unknown or not_face has more votes than any expression (or no emotion has any): the taggers
    could not read an expression there, so the face teaches nothing and is left out."""
    n = votes.shape[0]
    dist = torch.zeros(n, len(LABELS))
    for col, label in FERPLUS_TO_LABEL.items():
        dist[:, LABELS.index(label)] += votes[:, FERPLUS_COLUMNS.index(col)]
    if contempt == "disgust":
        dist[:, LABELS.index("disgust")] += votes[:, FERPLUS_COLUMNS.index("contempt")]
    elif contempt != "drop":
        raise ValueError(f"contempt must be 'disgust' or 'drop', not {contempt!r}")
    has_row = votes.sum(1) > 0
    unreadable = votes[:, 8:].max(1).values  # unknown, not_face
    is_face = has_row & (dist.sum(1) > 0) & (unreadable <= votes[:, :8].max(1).values)
    total = dist.sum(1, keepdim=True).clamp_min(1)
    return dist / total, has_row, is_face


def ferplus_majority(votes):
    """The FER+ label of each face as an index into LABELS, or -1: the one class with the most votes of all ten
    columns; -1 where there is no row, a tie, or the most votes go to contempt, unknown or not_face."""
    top = votes.max(1, keepdim=True).values
    unique = (votes == top).sum(1) == 1
    arg = votes.argmax(1)
    out = torch.full((votes.shape[0],), -1, dtype=torch.int64)
    for col, label in FERPLUS_TO_LABEL.items():
        out[(arg == FERPLUS_COLUMNS.index(col)) & unique & (votes.sum(1) > 0)] = LABELS.index(label)
    return out


def load_split(split: str, root: Path = DEFAULT_ROOT):
    """Returns (images uint8 [N,48,48], labels int64 [N]) for one split, cached after the first call."""
    CACHE_DIR.mkdir(exist_ok=True)
    cache = CACHE_DIR / f"fer_{split}.pt"
    if cache.exists():
        d = torch.load(cache)
        return d["x"], d["y"]
    xs, ys = [], []
    for ci, name in enumerate(LABELS):
        folder = Path(root) / split / name
        for f in sorted(os.listdir(folder)):
            img = Image.open(folder / f).convert("L")
            if img.size != (48, 48):
                img = img.resize((48, 48), Image.BILINEAR)
            xs.append(np.asarray(img, dtype=np.uint8))
            ys.append(ci)
    x = torch.from_numpy(np.stack(xs))
    y = torch.tensor(ys, dtype=torch.int64)
    torch.save({"x": x, "y": y}, cache)
    return x, y
