"""Export the best checkpoint to assets/models/emotion.onnx + emotion.json (the sidecar the app reads),
and write a parity fixture (inputs + PyTorch outputs) that the Node tests replay through onnxruntime-node.

    /usr/bin/python3 training/export.py [--checkpoint training/checkpoints/best.pt]
"""
import argparse
import datetime
import json
from pathlib import Path

import torch

from data import LABELS, ferplus_majority, load_ferplus, load_split
from metrics import report
from model import DEFAULT_WIDTHS, ExportWrapper, HalfStoredNet, MEAN, STD, load_trained
from train import eval_input

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "assets" / "models"
PARITY = ROOT / "test" / "fixtures" / "model-parity.json"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", action="append", help="repeat to ship an average of two networks (default: checkpoints/best.pt)")
    ap.add_argument("--flip", action=argparse.BooleanOptionalAction, default=None,
                    help="average each network over the face and its mirror image (default: only for one network)")
    ap.add_argument("--half-weights", action="store_true",
                    help="store weights as float16 in the file (half the size; onnxruntime runs them in float32)")
    ap.add_argument("--temperature", type=float, default=1.0,
                    help="divide the logits by this before the softmax (fitted by evaluate.py; 1: as trained)")
    ap.add_argument("--temperature-fitted-on", default="publictest, even rows (training/evaluate.py)",
                    help="what the temperature was fitted on, for the sidecar")
    ap.add_argument("--version", default=None)
    ap.add_argument("--out", default=str(OUT), help="folder for emotion.onnx and emotion.json")
    ap.add_argument("--parity", default=str(PARITY))
    args = ap.parse_args()
    torch.set_num_threads(2)
    paths = args.checkpoint or [str(HERE / "checkpoints" / "best.pt")]
    nets, sizes, cks = zip(*(load_trained(p) for p in paths))
    sizes = set(sizes)
    if len(sizes) > 1:
        raise SystemExit(f"networks trained at different input sizes {sorted(sizes)} cannot share one input")
    size = sizes.pop()
    if args.half_weights:
        nets = [HalfStoredNet(n) for n in nets]
    wrapper = ExportWrapper(*nets, flip=args.flip, temperature=args.temperature).eval()
    xva, yva = load_split("publictest")
    with torch.no_grad():
        probs = torch.cat([wrapper(eval_input(xva[i:i + 64], size).contiguous(memory_format=torch.channels_last))
                           for i in range(0, len(xva), 64)])
    m = report(probs, yva, ferplus_majority(load_ferplus("publictest")))
    acc, recall = m["accuracy"], m["recall"]
    ck = cks[0]
    ferplus = (ck.get("args") or {}).get("soft_targets") == "ferplus"
    out = Path(args.out); parity = Path(args.parity)
    out.mkdir(parents=True, exist_ok=True)
    dummy = torch.zeros(1, 1, size, size)
    torch.onnx.export(wrapper, dummy, str(out / "emotion.onnx"), opset_version=13,
                      input_names=["input"], output_names=["probabilities"],
                      dynamic_axes={"input": {0: "batch"}, "probabilities": {0: "batch"}},
                      # folding would turn the float16 weights' casts back into float32 weights
                      do_constant_folding=not args.half_weights)
    # HalfStoredNet keeps its weights as buffers (no trainable parameters left to count)
    n_params = sum(t.numel() for t in (wrapper.buffers() if args.half_weights else wrapper.parameters()))
    sidecar = {
        "name": "moodtape-emotion-vgg",
        "version": args.version or f"1.0.{ck['epoch']}",
        "file": "emotion.onnx",
        "labels": LABELS,
        "input": {"name": "input", "width": size, "height": size, "channels": 1,
                  "mean": [MEAN], "std": [STD]},
        "output": {"name": "probabilities", "kind": "probabilities"},
        "faceCrop": json.loads((HERE / "face_crop.json").read_text()) if (HERE / "face_crop.json").exists() else {"margin": 0.1, "offsetY": 0.0},
        "testTimeAugmentation": "horizontal flip, averaged inside the graph" if wrapper.flip else "none",
        "networks": len(nets),
        "widths": [list(c.get("widths", DEFAULT_WIDTHS)) for c in cks] if len(cks) > 1 else list(ck.get("widths", DEFAULT_WIDTHS)),
        "parameters": n_params,
        "weightStorage": "float16 (batch norm folded; cast to float32 when the session loads)" if args.half_weights else "float32",
        "training": {
            "data": "FER2013 train split (28,709 images)"
                    + (", with the FER+ crowd votes (ten taggers a face) as soft targets" if ferplus else "")
                    + "; selected on publictest",
            "epochs": [c["epoch"] for c in cks] if len(cks) > 1 else ck["epoch"],
            "recipe": "training/train.py",
            "exported": datetime.date.today().isoformat(),
        },
        "metrics": {"publictestAccuracy": round(acc, 4), "publictestRecall": {k: round(v, 4) for k, v in recall.items()},
                    "publictestFerplusMajorityAccuracy": round(m["ferplus_accuracy"], 4),
                    "publictestExpectedCalibrationError": round(m["ece"], 4)},
    }
    if args.temperature != 1.0:
        sidecar["calibration"] = {"temperature": args.temperature, "fittedOn": args.temperature_fitted_on}
    (out / "emotion.json").write_text(json.dumps(sidecar, indent=2) + "\n")

    # Parity fixture: 8 publictest faces, preprocessed exactly as the model sees them, and PyTorch's outputs.
    idx = torch.arange(0, len(xva), len(xva) // 8)[:8]
    x = eval_input(xva[idx], size)
    with torch.no_grad():
        p = wrapper(x)
    parity.parent.mkdir(parents=True, exist_ok=True)
    parity.write_text(json.dumps({"shape": list(x.shape), "input": [round(v, 6) for v in x.flatten().tolist()],
                                  "probabilities": p.tolist()}))
    print(json.dumps({"accuracy": acc, "recall": recall, "epoch": ck["epoch"], "parameters": n_params,
                      "bytes": (out / "emotion.onnx").stat().st_size}))


if __name__ == "__main__":
    main()
