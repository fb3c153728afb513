"""Train the emotion CNN on FER2013 train, select on publictest. Resumes from training/checkpoints/last.pt.

    /usr/bin/python3 training/train.py --epochs 40          # start or resume
    /usr/bin/python3 training/train.py --soft-targets ferplus --soft-mix 0.5 ...   # learn from the FER+ crowd votes
Checkpoints every epoch, so the run can be stopped and resumed. Checkpoints are not committed
(training/README.md, "Checkpoints and git": which few are kept, and how a run survives a session).
"""
import argparse
import json
import math
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from data import LABELS, ferplus_distribution, ferplus_majority, load_ferplus, load_split
from metrics import flip_averaged, report, view_logits
from model import DEFAULT_WIDTHS, EmotionNet, ExportWrapper, INPUT_SIZE, MEAN, STD, load_trained

HERE = Path(__file__).resolve().parent


def normalise(x_uint8):
    return ((x_uint8.float() / 255.0) - MEAN) / STD


def augment(x, gen, size=INPUT_SIZE):
    """x: float [B,1,48,48] -> [B,1,size,size] with random affine (shift, +-10 deg, scale 0.9-1.1, flip) and random erasing."""
    b = x.shape[0]
    ang = (torch.rand(b, generator=gen) * 2 - 1) * math.radians(10)
    scale = 0.9 + torch.rand(b, generator=gen) * 0.2
    tx = (torch.rand(b, generator=gen) * 2 - 1) * 0.12
    ty = (torch.rand(b, generator=gen) * 2 - 1) * 0.12
    flip = torch.where(torch.rand(b, generator=gen) < 0.5, -1.0, 1.0)
    cos, sin = torch.cos(ang) / scale, torch.sin(ang) / scale
    theta = torch.stack([torch.stack([cos * flip, -sin, tx], 1), torch.stack([sin * flip, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, (b, 1, size, size), align_corners=False)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    # Random erasing: one rectangle on half the images, filled with the mean (0 after normalising).
    s = size
    area = (0.02 + torch.rand(b, generator=gen) * 0.18) * s * s
    ratio = torch.exp((torch.rand(b, generator=gen) * 2 - 1) * math.log(3.3))
    h = torch.sqrt(area * ratio).clamp(1, s - 1)
    w = torch.sqrt(area / ratio).clamp(1, s - 1)
    y0 = torch.rand(b, generator=gen) * (s - h)
    x0 = torch.rand(b, generator=gen) * (s - w)
    on = torch.rand(b, generator=gen) < 0.5
    ys = torch.arange(s).view(1, s, 1).float()
    xs = torch.arange(s).view(1, 1, s).float()
    m = (ys >= y0.view(-1, 1, 1)) & (ys < (y0 + h).view(-1, 1, 1)) & (xs >= x0.view(-1, 1, 1)) & (xs < (x0 + w).view(-1, 1, 1))
    m = m & on.view(-1, 1, 1)
    return out.masked_fill(m.unsqueeze(1), 0.0)


def eval_input(x_uint8, size=INPUT_SIZE):
    x = normalise(x_uint8).unsqueeze(1)
    return F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False, antialias=True)


@torch.no_grad()
def evaluate(model, x, y, bs=64, size=INPUT_SIZE):  # batches of 512 were 6x slower on CPU (page faults on huge activations)
    """Publictest accuracy and per-class recall of a network with flip averaging, or of an ExportWrapper as it ships."""
    wrapper = model if isinstance(model, ExportWrapper) else ExportWrapper(model)
    wrapper.eval()
    probs = [wrapper(eval_input(x[i:i + bs], size).contiguous(memory_format=torch.channels_last)) for i in range(0, len(x), bs)]
    pred = torch.cat(probs).argmax(1)
    acc = (pred == y).float().mean().item()
    recall = {LABELS[c]: ((pred == c) & (y == c)).sum().item() / max(1, (y == c).sum().item()) for c in range(len(LABELS))}
    return acc, recall


def ferplus_targets(y, votes, mix, smoothing, contempt, fallback=None):
    """Per-face target distributions [N,7] and sample weights [N] for training on the FER+ votes.

    A face with a FER+ row learns mix * (its vote distribution) + (1 - mix) * (its FER2013 label, smoothed);
    at mix <= 0.5 the FER2013 label stays the top class and the votes only say how ambiguous the face is,
    above it the crowd can overrule the single label. A face without a row learns its smoothed label, or
    `fallback` (e.g. the teachers' predictions) mixed the same way. Faces most taggers called unknown or
    not a face get weight 0."""
    n, k = len(y), len(LABELS)
    hard = F.one_hot(y, k).float() * (1 - smoothing) + smoothing / k
    dist, has_row, is_face = ferplus_distribution(votes, contempt)
    other = fallback if fallback is not None else hard
    target = torch.where(has_row.unsqueeze(1), mix * dist + (1 - mix) * hard, mix * other + (1 - mix) * hard)
    weight = (~has_row | is_face).float()
    return target, weight


def class_weights(y, power):
    """Inverse class frequency to `power` (mild: disgust and fear are not ignored), average sample weight 1."""
    counts = torch.bincount(y, minlength=len(LABELS)).float()
    cw = (counts.max() / counts) ** power
    return cw / (cw * counts).sum() * counts.sum()


def make_sgd(net, lr):
    """SGD with Nesterov momentum; weight decay on the weights only, not on biases and BatchNorm."""
    decay = [p for p in net.parameters() if p.ndim > 1]
    no_decay = [p for p in net.parameters() if p.ndim == 1]
    return torch.optim.SGD([{"params": decay, "weight_decay": 5e-4}, {"params": no_decay, "weight_decay": 0}],
                           lr=lr, momentum=0.9, nesterov=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--class-weight-power", type=float, default=0.3)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--ckpt-dir", default=str(HERE / "checkpoints"))
    ap.add_argument("--init", default=None, help="start from these weights (a fine-tuning run with its own schedule)")
    ap.add_argument("--teacher", action="append", help="distil from this trained model (born-again: same size, fresh "
                    "weights); repeat to distil from the average of several")
    ap.add_argument("--kd-alpha", type=float, default=0.5, help="weight of the teacher's soft targets in the loss")
    ap.add_argument("--kd-temp", type=float, default=2.0)
    ap.add_argument("--soft-targets", choices=["none", "ferplus"], default="none",
                    help="ferplus: learn each face's FER+ vote distribution (ten taggers) mixed with its FER2013 label")
    ap.add_argument("--soft-mix", type=float, default=0.5, help="weight of the FER+ votes in the target (the rest: "
                    "the FER2013 label, smoothed); at 0.5 or less the label stays the top class")
    ap.add_argument("--contempt", choices=["disgust", "drop"], default="drop",
                    help="FER+ contempt votes (the app has no contempt class): ignored, or folded into disgust. Ignored by "
                    "default: the faces FER+ calls contempt carry the FER2013 labels angry, neutral and sad more than disgust")
    ap.add_argument("--no-row", choices=["label", "teacher"], default="label",
                    help="target of the faces FER+ has no row for: the smoothed FER2013 label, or the teachers' "
                    "predictions in place of the votes (needs --teacher)")
    ap.add_argument("--select", choices=["fer2013", "both"], default=None,
                    help="which publictest accuracy picks best.pt: the FER2013 labels', or the mean of it and the FER+ "
                    "majority's (default: both with --soft-targets ferplus)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size", type=int, default=INPUT_SIZE, help="input side in pixels (the network is fully convolutional, "
                    "so --init weights trained at 40 can be fine-tuned at 48, FER's own resolution)")
    ap.add_argument("--widths", default=",".join(map(str, DEFAULT_WIDTHS)),
                    help="channels of the four blocks; wider late blocks add capacity where the feature maps are small (cheap)")
    args = ap.parse_args()
    widths = tuple(int(w) for w in args.widths.split(","))
    CKPT = Path(args.ckpt_dir)
    torch.set_num_threads(args.threads)
    dev = torch.device(args.device)
    CKPT.mkdir(exist_ok=True)

    xtr, ytr = load_split("train")
    xva, yva = load_split("publictest")
    fer_va = ferplus_majority(load_ferplus("publictest"))
    cw = class_weights(ytr, args.class_weight_power)
    select = args.select or ("both" if args.soft_targets == "ferplus" else "fer2013")

    torch.manual_seed(args.seed)
    net = EmotionNet(widths=widths).to(dev).to(memory_format=torch.channels_last)
    soft_targets = None
    if args.teacher:
        # A trained model's soft predictions carry how alike the classes look (fear vs surprise, sad vs
        # neutral): a fresh network learns from them and the labels together and ends up better than either.
        # Its predictions are computed once, on the unaugmented faces with flip averaging: running the teacher on
        # every augmented batch made an epoch 3-4x slower on CPU, and the augmentation keeps the expression anyway.
        teachers = []
        for path in args.teacher:
            t, size, _ = load_trained(path)
            teachers.append((t.to(dev).to(memory_format=torch.channels_last), size))

        def soft(t, size):  # each teacher sees the faces at the size it was trained at
            return torch.cat([
                F.softmax(t(xb) / args.kd_temp, 1) + F.softmax(t(torch.flip(xb, dims=[3])) / args.kd_temp, 1)
                for xb in (eval_input(xtr[i:i + 64], size).contiguous(memory_format=torch.channels_last) for i in range(0, len(xtr), 64))
            ])
        with torch.no_grad():
            soft_targets = sum(soft(t, size) for t, size in teachers) / (2 * len(teachers))
    targets = weights = None
    if args.soft_targets == "ferplus":
        fallback = None
        if args.no_row == "teacher":
            if soft_targets is None:
                raise SystemExit("--no-row teacher needs --teacher")
            # the teachers' own predictions (temperature 1), not the softened ones used for distillation
            with torch.no_grad():
                fallback = sum(torch.cat([flip_averaged(view_logits(t, eval_input(xtr[i:i + 64], size)))
                                          for i in range(0, len(xtr), 64)]) for t, size in teachers) / len(teachers)
        targets, weights = ferplus_targets(ytr, load_ferplus("train"), args.soft_mix, 0.1, args.contempt, fallback)
        print(f"FER+ targets: {int((weights == 0).sum())} faces left out (unknown / not a face), "
              f"mix {args.soft_mix}, contempt -> {args.contempt}", flush=True)
    opt = make_sgd(net, args.lr)
    steps_per_epoch = math.ceil(len(xtr) / args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs,
                                                steps_per_epoch=steps_per_epoch, pct_start=0.2)
    gen = torch.Generator().manual_seed(args.seed)
    start, best = 0, 0.0
    last = CKPT / "last.pt"

    def measure():
        m = report(flip_averaged(view_logits(net, eval_input(xva, args.size))), yva, fer_va)
        score = m["accuracy"] if select == "fer2013" else (m["accuracy"] + m["ferplus_accuracy"]) / 2
        return score, m

    if args.init and not last.exists():
        net.load_state_dict(torch.load(args.init)["model"])
        best, m = measure()
        print(f"fine-tuning from {args.init}: publictest {m['accuracy']:.4f}, FER+ majority {m['ferplus_accuracy']:.4f}, "
              f"ECE {m['ece']:.4f}", flush=True)
    if last.exists():
        ck = torch.load(last)
        net.load_state_dict(ck["model"]); opt.load_state_dict(ck["opt"])
        gen.set_state(ck["gen"]); start, best = ck["epoch"], ck["best"]
        if ck["args"]["epochs"] == args.epochs:
            sched.load_state_dict(ck["sched"])
        else:
            # Run length changed (e.g. shortened to fit a session): continue on the new one-cycle curve from here.
            sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=steps_per_epoch,
                                                        pct_start=0.2, last_epoch=start * steps_per_epoch - 1)
            print(f"schedule changed from {ck['args']['epochs']} to {args.epochs} epochs", flush=True)
        print(f"resumed at epoch {start}, best {best:.4f}", flush=True)
    lossf = torch.nn.CrossEntropyLoss(weight=cw.to(dev), label_smoothing=0.1)

    for epoch in range(start, args.epochs):
        net.train()
        t0 = time.time()
        perm = torch.randperm(len(xtr), generator=gen)
        tot, n = 0.0, 0
        for i in range(0, len(perm), args.batch):
            idx = perm[i:i + args.batch]
            xb = augment(normalise(xtr[idx]).unsqueeze(1), gen, args.size).to(dev).contiguous(memory_format=torch.channels_last)
            yb = ytr[idx].to(dev)
            out = net(xb)
            if targets is None:
                loss = lossf(out, yb)
            else:
                # soft cross-entropy with the same class weights, over the faces that have a readable expression
                per_face = -(targets[idx].to(dev) * cw.to(dev) * F.log_softmax(out, 1)).sum(1)
                w = weights[idx].to(dev)
                loss = (per_face * w).sum() / w.sum().clamp_min(1)
            if soft_targets is not None:
                kd = F.kl_div(F.log_softmax(out / args.kd_temp, 1), soft_targets[idx], reduction="batchmean") * args.kd_temp ** 2
                loss = (1 - args.kd_alpha) * loss + args.kd_alpha * kd
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step(); sched.step()
            tot += loss.item() * len(idx); n += len(idx)
        score, m = measure()
        acc, recall = m["accuracy"], m["recall"]
        dt = time.time() - t0
        rec = {"epoch": epoch + 1, "loss": tot / n, "publictest_acc": acc, "recall": recall, "seconds": dt,
               "lr": sched.get_last_lr()[0], "ferplus_acc": m["ferplus_accuracy"], "ferplus_recall": m["ferplus_recall"],
               "ece": m["ece"], "nll": m["nll"]}
        print(json.dumps(rec), flush=True)
        with open(CKPT / "runs.jsonl", "a") as f:
            f.write(json.dumps(rec) + "\n")
        if score > best:
            best = score
            torch.save({"model": net.state_dict(), "acc": acc, "recall": recall, "ferplus_acc": m["ferplus_accuracy"], "epoch": epoch + 1,
                        "size": args.size, "widths": widths, "args": vars(args)}, CKPT / "best.pt")
        torch.save({"model": net.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "gen": gen.get_state(), "epoch": epoch + 1, "best": best, "args": vars(args)}, last.with_suffix(".tmp"))
        last.with_suffix(".tmp").replace(last)


if __name__ == "__main__":
    main()
