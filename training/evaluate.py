"""Side-by-side publictest report of trained checkpoints: accuracy by the FER2013 labels and by the FER+
majority, per-class recall by both, expected calibration error (15 bins), and the temperature that would
calibrate each model (fitted on the even rows of publictest, checked on the odd rows).

    /usr/bin/python3 training/evaluate.py --model 1.5.0=training/checkpoints-wide80/best.pt \\
        --model 1.6.0=training/checkpoints-ferplus/best.pt [--json out.json]
"""
import argparse
import json

import torch

from data import FERPLUS_COLUMNS, LABELS, ferplus_majority, load_ferplus, load_split
from metrics import ECE_BINS, expected_calibration_error, fit_temperature, flip_averaged, report, view_logits
from model import load_trained
from train import eval_input


def measure(path, xva, yva, fer_va, temperature=None):
    net, size, ck = load_trained(path)
    logits = view_logits(net, eval_input(xva, size))
    even = torch.arange(len(yva)) % 2 == 0
    fitted = fit_temperature((logits[0][even], logits[1][even]), yva[even])
    odd = ~even
    out = report(flip_averaged(logits), yva, fer_va)
    t = fitted if temperature is None else temperature
    out["temperature_fitted_on_even_rows"] = fitted
    out["ece_odd_rows"] = expected_calibration_error(flip_averaged((logits[0][odd], logits[1][odd])), yva[odd])
    out["ece_odd_rows_scaled"] = expected_calibration_error(flip_averaged((logits[0][odd], logits[1][odd]), fitted), yva[odd])
    scaled = report(flip_averaged(logits, t), yva, fer_va)
    out["with_temperature"] = {"temperature": t, **{k: scaled[k] for k in ("accuracy", "ferplus_accuracy", "ece", "ferplus_ece", "nll", "mean_confidence")}}
    out["epoch"] = ck.get("epoch")
    return out, logits


def pct(v):
    return f"{100 * v:.1f}%"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", action="append", required=True, help="NAME=checkpoint.pt; repeat for side by side")
    ap.add_argument("--temperature", action="append", default=[], help="NAME=T: report NAME at this temperature "
                    "(default: the one fitted on the even rows)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", default=None, help="also write the numbers here")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    xva, yva = load_split("publictest")
    votes = load_ferplus("publictest")
    fer_va = ferplus_majority(votes)
    temps = dict(kv.split("=", 1) for kv in args.temperature)
    results, preds = {}, {}
    for spec in args.model:
        name, path = spec.split("=", 1)
        t = float(temps[name]) if name in temps else None
        results[name], logits = measure(path, xva, yva, fer_va, t)
        preds[name] = flip_averaged(logits).argmax(1)
    names = list(results)
    has = fer_va >= 0
    rows = [
        ("accuracy, FER2013 labels (3,589)", lambda r: pct(r["accuracy"])),
        (f"accuracy, FER+ majority ({int(has.sum())})", lambda r: pct(r["ferplus_accuracy"])),
    ]
    rows += [(f"recall {c} (FER2013 / FER+)", lambda r, c=c: f"{pct(r['recall'][c])} / {pct(r['ferplus_recall'][c])}") for c in LABELS]
    rows += [
        (f"ECE, {ECE_BINS} bins (FER2013 / FER+)", lambda r: f"{r['ece']:.3f} / {r['ferplus_ece']:.3f}"),
        ("NLL, FER2013 labels", lambda r: f"{r['nll']:.3f}"),
        ("mean top-class confidence", lambda r: pct(r["mean_confidence"])),
        ("temperature fitted on even rows", lambda r: f"{r['temperature_fitted_on_even_rows']:.2f}"),
        ("ECE odd rows: raw / scaled", lambda r: f"{r['ece_odd_rows']:.3f} / {r['ece_odd_rows_scaled']:.3f}"),
        ("with temperature T: accuracy / FER+ / ECE", lambda r: f"T={r['with_temperature']['temperature']:.2f}: "
         f"{pct(r['with_temperature']['accuracy'])} / {pct(r['with_temperature']['ferplus_accuracy'])} / {r['with_temperature']['ece']:.3f}"),
    ]
    print("| publictest | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for label, f in rows:
        print(f"| {label} | " + " | ".join(f(results[n]) for n in names) + " |")
    # Where the faces the taggers call contempt (no class of the app's) go: evidence for folding it into disgust.
    top = votes.argmax(1)
    contempt = (top == FERPLUS_COLUMNS.index("contempt")) & (votes.max(1).values > 0)
    for n in names:
        counts = torch.bincount(preds[n][contempt], minlength=len(LABELS)).tolist()
        print(f"{n}: the {int(contempt.sum())} faces FER+ calls contempt are read as "
              + ", ".join(f"{LABELS[i]} {c}" for i, c in sorted(enumerate(counts), key=lambda t: -t[1]) if c))
    labels = torch.bincount(yva[contempt], minlength=len(LABELS)).tolist()
    print("their FER2013 labels: " + ", ".join(f"{LABELS[i]} {c}" for i, c in sorted(enumerate(labels), key=lambda t: -t[1]) if c))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)


if __name__ == "__main__":
    main()
