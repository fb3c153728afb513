"""Stochastic weight averaging (SWA) on top of a trained model: cyclic cosine learning rate, one weight
snapshot at the low point of every cycle, running average of the snapshots, BatchNorm statistics recomputed
on the train set. One averaged network, so it costs nothing at inference (unlike a snapshot ensemble).

    /usr/bin/python3 training/swa.py --init training/checkpoints-ft/best.pt --cycles 12   # start or resume
Resumes from <ckpt-dir>/last.pt (network, optimiser, random state, the running average and its count).
"""
import argparse
import copy
import json
import math
import time
from pathlib import Path

import torch

from data import load_split
from model import EmotionNet
from train import augment, class_weights, evaluate, make_sgd, normalise

HERE = Path(__file__).resolve().parent


@torch.no_grad()
def update_bn(net, x, gen, batch=256):
    """Recompute BatchNorm running statistics as a plain average over one augmented pass of the train set."""
    bns = [m for m in net.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    for m in bns:
        m.reset_running_stats(); m.momentum = None
    net.train()
    perm = torch.randperm(len(x), generator=gen)
    for i in range(0, len(perm), batch):
        xb = augment(normalise(x[perm[i:i + batch]]).unsqueeze(1), gen).contiguous(memory_format=torch.channels_last)
        net(xb)
    for m in bns:
        m.momentum = 0.1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--init", required=True, help="weights to start from (a trained model)")
    ap.add_argument("--cycles", type=int, default=12)
    ap.add_argument("--cycle-epochs", type=int, default=3)
    ap.add_argument("--lr-max", type=float, default=0.02)
    ap.add_argument("--lr-min", type=float, default=0.0005)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--class-weight-power", type=float, default=0.3)
    ap.add_argument("--ckpt-dir", default=str(HERE / "checkpoints-swa"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    ckpt = Path(args.ckpt_dir); ckpt.mkdir(exist_ok=True)
    last = ckpt / "last.pt"

    xtr, ytr = load_split("train")
    xva, yva = load_split("publictest")
    lossf = torch.nn.CrossEntropyLoss(weight=class_weights(ytr, args.class_weight_power), label_smoothing=0.1)

    net = EmotionNet().to(memory_format=torch.channels_last)
    opt = make_sgd(net, args.lr_max)
    gen = torch.Generator().manual_seed(1)
    epoch, avg, n_avg, best = 0, None, 0, 0.0
    if last.exists():
        ck = torch.load(last)
        net.load_state_dict(ck["model"]); opt.load_state_dict(ck["opt"]); gen.set_state(ck["gen"])
        epoch, avg, n_avg, best = ck["epoch"], ck["avg"], ck["n_avg"], ck["best"]
        print(f"resumed at epoch {epoch}, {n_avg} snapshots averaged, best {best:.4f}", flush=True)
    else:
        net.load_state_dict(torch.load(args.init)["model"])
        best, _ = evaluate(net, xva, yva)
        print(f"SWA from {args.init} ({best:.4f} on publictest)", flush=True)

    steps = math.ceil(len(xtr) / args.batch)
    cycle_steps = steps * args.cycle_epochs
    total = args.cycles * args.cycle_epochs
    while epoch < total:
        net.train(); t0 = time.time(); tot = n = 0
        perm = torch.randperm(len(xtr), generator=gen)
        for s, i in enumerate(range(0, len(perm), args.batch)):
            t = ((epoch % args.cycle_epochs) * steps + s) / cycle_steps  # 0..1 within the cycle
            lr = args.lr_min + 0.5 * (args.lr_max - args.lr_min) * (1 + math.cos(math.pi * t))
            for g in opt.param_groups:
                g["lr"] = lr
            idx = perm[i:i + args.batch]
            xb = augment(normalise(xtr[idx]).unsqueeze(1), gen).contiguous(memory_format=torch.channels_last)
            loss = lossf(net(xb), ytr[idx])
            opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
            tot += loss.item() * len(idx); n += len(idx)
        epoch += 1
        rec = {"epoch": epoch, "loss": tot / n, "lr": lr, "seconds": round(time.time() - t0, 1)}
        if epoch % args.cycle_epochs == 0:
            # Low point of the cycle: fold this snapshot into the running average of parameters.
            snap = {k: v.detach().clone().float() for k, v in net.state_dict().items() if v.dtype.is_floating_point}
            if avg is None:
                avg, n_avg = snap, 1
            else:
                n_avg += 1
                for k in avg:
                    avg[k] += (snap[k] - avg[k]) / n_avg
            rec["snapshot_acc"], _ = evaluate(net, xva, yva)
            swa = copy.deepcopy(net)
            swa.load_state_dict({**swa.state_dict(), **avg})
            update_bn(swa, xtr, torch.Generator().manual_seed(2))
            acc, recall = evaluate(swa, xva, yva)
            rec.update({"swa_n": n_avg, "publictest_acc": acc, "recall": recall})
            if acc > best:
                best = acc
                torch.save({"model": swa.state_dict(), "acc": acc, "recall": recall, "epoch": epoch,
                            "swa_snapshots": n_avg}, ckpt / "best.pt")
            torch.save({"model": swa.state_dict(), "acc": acc, "recall": recall, "epoch": epoch,
                        "swa_snapshots": n_avg}, ckpt / "swa.pt")
        print(json.dumps(rec), flush=True)
        with open(ckpt / "runs.jsonl", "a") as f:
            f.write(json.dumps(rec) + "\n")
        torch.save({"model": net.state_dict(), "opt": opt.state_dict(), "gen": gen.get_state(), "epoch": epoch,
                    "avg": avg, "n_avg": n_avg, "best": best, "args": vars(args)}, last.with_suffix(".tmp"))
        last.with_suffix(".tmp").replace(last)


if __name__ == "__main__":
    main()
