"""FER2013 loading: decode the JPEGs once into a uint8 tensor cache (decoding every epoch is 5x slower)."""
import os
from pathlib import Path

import numpy as np
import torch
from PIL import Image

# Output order of the model; must match the sidecar's "labels".
LABELS = ["angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"]
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "fer2013"
CACHE_DIR = Path(__file__).resolve().parent / "cache"


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
