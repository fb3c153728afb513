"""VGG-style CNN for 40x40 grey faces: four blocks of two 3x3 conv+BN+ReLU, global average pooling."""
import torch
from torch import nn
import torch.nn.functional as F

INPUT_SIZE = 40
# FER2013 train pixel statistics (pixel/255); the app reads them from the sidecar.
MEAN = 0.5136
STD = 0.3067


def block(cin, cout, pool=True):
    layers = [
        nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
    ]
    if pool:
        layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


DEFAULT_WIDTHS = (32, 64, 128, 256)


class EmotionNet(nn.Module):
    def __init__(self, num_classes=7, widths=DEFAULT_WIDTHS, dropout=0.3):
        super().__init__()
        w = widths
        self.features = nn.Sequential(
            block(1, w[0]), block(w[0], w[1]), block(w[1], w[2]), block(w[2], w[3], pool=False)
        )
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(w[3], num_classes)

    def forward(self, x):
        x = self.features(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(self.dropout(x))


def load_trained(path):
    """A trained network from a checkpoint, in eval mode, with the input side it was trained at (40 for
    checkpoints from before train.py's --size) and the checkpoint itself."""
    ck = torch.load(path, map_location="cpu")
    net = EmotionNet(widths=tuple(ck.get("widths", DEFAULT_WIDTHS)))
    net.load_state_dict(ck["model"])
    return net.eval(), ck.get("size", INPUT_SIZE), ck


class ExportWrapper(nn.Module):
    """What ships: input [N,1,S,S] already normalised by the app, averaged softmax probabilities out.
    One network: it sees the face and its mirror image (flip averaging). Two networks: each sees the face
    once, which costs the same two forward passes and gains more (two independently trained views).
    temperature: the logits are divided by it before the softmax (temperature scaling, fitted after training
    so that a 60% reading is right about 60% of the time); 1 leaves the graph as trained."""

    def __init__(self, *nets, flip=None, temperature=1.0):
        super().__init__()
        self.nets = nn.ModuleList(nets)
        self.flip = len(nets) == 1 if flip is None else flip
        self.temperature = float(temperature)

    def forward(self, x):
        views = [x, torch.flip(x, dims=[3])] if self.flip else [x]
        logits = [net(v) for net in self.nets for v in views]
        if self.temperature != 1.0:
            logits = [z / self.temperature for z in logits]
        return torch.stack([F.softmax(z, dim=1) for z in logits]).mean(0)


class HalfStoredNet(nn.Module):
    """The same network for export with each BatchNorm folded into its convolution and the weights stored as
    float16: the ONNX file is half the size (so two networks fit the 10 MB budget) and onnxruntime casts them
    back to float32 once, when the session loads, so inference runs exactly as fast as before."""

    def __init__(self, net: EmotionNet):
        super().__init__()
        self.steps = []  # ("conv", index) | ("pool", None)
        k = 0
        for blk in net.features:
            mods = list(blk)
            for i, m in enumerate(mods):
                if isinstance(m, nn.Conv2d):
                    bn = mods[i + 1]
                    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
                    self.register_buffer(f"w{k}", (m.weight * scale.reshape(-1, 1, 1, 1)).detach().half())
                    self.register_buffer(f"b{k}", (bn.bias - bn.running_mean * scale).detach().half())
                    self.steps.append(("conv", k)); k += 1
                elif isinstance(m, nn.MaxPool2d):
                    self.steps.append(("pool", None))
        self.register_buffer("fc_w", net.fc.weight.detach().half())
        self.register_buffer("fc_b", net.fc.bias.detach().half())

    def forward(self, x):
        for kind, k in self.steps:
            if kind == "conv":
                x = F.relu(F.conv2d(x, getattr(self, f"w{k}").float(), getattr(self, f"b{k}").float(), padding=1))
            else:
                x = F.max_pool2d(x, 2)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return F.linear(x, self.fc_w.float(), self.fc_b.float())
