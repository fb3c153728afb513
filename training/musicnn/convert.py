"""Ports the MusiCNN Keras weights to the PyTorch module, checks the port against the original's
published tags, and exports the ONNX model the app runs.

    /usr/bin/python3 training/musicnn/convert.py --repo /path/to/musicnn_keras [--check-only]

--repo: a checkout of github.com/Quint-e/musicnn_keras (ISC licence): its
musicnn_keras/keras_checkpoints/{MSD,MTT}_musicnn.h5 and audio/. Writes assets/models/musicnn-msd.onnx,
assets/models/musicnn-msd.json (sidecar) and test/fixtures/musicnn-parity.json (a fixed input and the
PyTorch outputs, for the ONNX parity test). Needs python3-torch, python3-h5py and ffmpeg.
"""
import argparse
import json
import os
import re
import subprocess
import sys

import h5py
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from frontend import SR, N_FRAMES, N_MELS, log_mel, patches  # noqa: E402
from model import MSD_LABELS, MTT_LABELS, MusiCNN  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def keras_layers(path):
    """{layer name: {weight name: array}} of a Keras h5 model file."""
    out = {}
    with h5py.File(path, 'r') as f:
        g = f['model_weights'] if 'model_weights' in f else f
        for name in g.attrs['layer_names']:
            name = name.decode() if isinstance(name, bytes) else name
            layer = g[name]
            ws = {}
            for wn in layer.attrs['weight_names']:
                wn = wn.decode() if isinstance(wn, bytes) else wn
                ws[re.sub(r'_\d+$', '', wn.split('/')[-1].split(':')[0])] = np.array(layer[wn])
            if ws:
                out[name] = ws
    return out


def suffix(name):
    m = re.search(r'_(\d+)$', name)
    return int(m.group(1)) if m else 0


def load_keras(model, path):
    layers = keras_layers(path)
    convs = {tuple(w['kernel'].shape): n for n, w in layers.items() if 'kernel' in w and w['kernel'].ndim == 4}
    bns = sorted([n for n, w in layers.items() if 'moving_mean' in w and not n.startswith('bn_')], key=suffix)
    named = {n: w for n, w in layers.items()}
    dense = sorted([n for n, w in layers.items() if 'kernel' in w and w['kernel'].ndim == 2], key=suffix)

    def set_bn(mod, w):
        mod.weight.data = torch.tensor(w['gamma']).float()
        mod.bias.data = torch.tensor(w['beta']).float()
        mod.running_mean.data = torch.tensor(w['moving_mean']).float()
        mod.running_var.data = torch.tensor(w['moving_variance']).float()

    def set_conv2d(mod, w):
        mod.weight.data = torch.tensor(w['kernel']).permute(3, 2, 0, 1).contiguous().float()
        mod.bias.data = torch.tensor(w['bias']).float()

    def set_conv1d(mod, w):
        k = w['kernel']  # (7, channels_in, 1, channels_out) -> (out, in, 7)
        mod.weight.data = torch.tensor(k[:, :, 0, :]).permute(2, 1, 0).contiguous().float()
        mod.bias.data = torch.tensor(w['bias']).float()

    def set_dense(mod, w):
        mod.weight.data = torch.tensor(w['kernel']).t().contiguous().float()
        mod.bias.data = torch.tensor(w['bias']).float()

    # Unnamed layers in creation order: input BN, then each front-end block's BN.
    assert len(bns) == 6, bns
    set_bn(model.bn_input, layers[bns[0]])
    t = model.timbral[0].out_channels
    s = model.temporal[0].out_channels
    set_conv2d(model.timbral[0], named[convs[(7, 38, 1, t)]])
    set_conv2d(model.timbral[1], named[convs[(7, 67, 1, t)]])
    for i, k in enumerate((128, 64, 32)):
        set_conv2d(model.temporal[i], named[convs[(k, 1, 1, s)]])
    order = sorted([convs[(7, 38, 1, t)], convs[(7, 67, 1, t)]] + [convs[(k, 1, 1, s)] for k in (128, 64, 32)], key=suffix)
    # A block's BN follows its conv: the i-th conv created pairs with the (i+1)-th unnamed BN.
    targets = {convs[(7, 38, 1, t)]: model.timbral_bn[0], convs[(7, 67, 1, t)]: model.timbral_bn[1]}
    for i, k in enumerate((128, 64, 32)):
        targets[convs[(k, 1, 1, s)]] = model.temporal_bn[i]
    for i, name in enumerate(order):
        set_bn(targets[name], layers[bns[i + 1]])
    for i in range(3):
        set_conv1d(model.mid[i], named[f'midend_conv{i + 1}'])
        set_bn(model.mid_bn[i], named[f'bn_midend_conv{i + 1}'])
    set_bn(model.bn_flatpool, named['bn_flatpool'])
    set_bn(model.bn_dense, named['bn_dense'])
    assert len(dense) == 2, dense
    set_dense(model.dense, named[dense[0]])
    set_dense(model.out, named[dense[1]])
    return model.eval()


def load_audio(path):
    raw = subprocess.run(['ffmpeg', '-v', 'error', '-i', path, '-ac', '1', '-ar', str(SR), '-f', 'f32le', '-'],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype=np.float32)


def top_tags(model, labels, audio_path, n):
    x = torch.tensor(patches(log_mel(load_audio(audio_path))), dtype=torch.float32)
    with torch.no_grad():
        probs, _ = model(x)
    mean = probs.mean(0).numpy()
    return [labels[i] for i in np.argsort(-mean)[:n]], mean


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--repo', required=True)
    ap.add_argument('--check-only', action='store_true')
    args = ap.parse_args()
    torch.set_num_threads(2)
    ck = os.path.join(args.repo, 'musicnn_keras', 'keras_checkpoints')
    audio = os.path.join(args.repo, 'audio')

    # The original's README: top_tags(joram..., model='MTT_musicnn', topN=10) and top_tags(TRWJAZW...) (MTT_musicnn, topN=3).
    mtt = load_keras(MusiCNN(), os.path.join(ck, 'MTT_musicnn.h5'))
    expected = {
        'joram-moments_of_clarity-08-solipsism-59-88.mp3': ['techno', 'electronic', 'synth', 'fast', 'beat', 'drums', 'no vocals', 'no vocal', 'dance', 'beats'],
        'TRWJAZW128F42760DD_test.mp3': ['guitar', 'piano', 'fast'],
    }
    for f, want in expected.items():
        got, _ = top_tags(mtt, MTT_LABELS, os.path.join(audio, f), len(want))
        print(f'MTT_musicnn {f}:\n  ours     {got}\n  original {want}\n  same set: {set(got) == set(want)}, same order: {got == want}')

    msd = load_keras(MusiCNN(), os.path.join(ck, 'MSD_musicnn.h5'))
    for f in expected:
        got, mean = top_tags(msd, MSD_LABELS, os.path.join(audio, f), 5)
        print(f'MSD_musicnn {f}: {[(t, round(float(mean[MSD_LABELS.index(t)]), 3)) for t in got]}')
    if args.check_only:
        return

    out = os.path.join(ROOT, 'assets', 'models', 'musicnn-msd.onnx')
    dummy = torch.zeros(1, N_FRAMES, N_MELS)
    torch.onnx.export(msd, dummy, out, input_names=['mel'], output_names=['tags', 'embedding'],
                      dynamic_axes={'mel': {0: 'patches'}, 'tags': {0: 'patches'}, 'embedding': {0: 'patches'}},
                      opset_version=13, do_constant_folding=True)
    with open(os.path.join(ROOT, 'assets', 'models', 'musicnn-msd.json'), 'w') as fh:
        json.dump({
            'name': 'MusiCNN (MSD)',
            'source': 'https://github.com/Quint-e/musicnn_keras (musicnn_keras/keras_checkpoints/MSD_musicnn.h5)',
            'licence': 'ISC',
            'copyright': 'Copyright 2020 Elio Quinton; model by Jordi Pons and Xavier Serra (musicnn, ISC)',
            'input': {'name': 'mel', 'shape': ['patches', N_FRAMES, N_MELS], 'rate': SR, 'fft': 512, 'hop': 256,
                      'compression': 'log10(10000 x + 1) of float16 mel power'},
            'outputs': {'tags': 50, 'embedding': 200},
            'tags': MSD_LABELS,
        }, fh, indent=1)
        fh.write('\n')

    # Parity fixture: the test rebuilds both inputs from these formulas, so only outputs are stored.
    tt = np.arange(N_FRAMES)[:, None]
    mm = np.arange(N_MELS)[None, :]
    x = np.stack([2 + np.sin(0.37 * tt + 0.11 * mm + k) + 0.5 * np.cos(0.05 * tt * (k + 1) - 0.3 * mm) for k in range(2)])
    x = torch.tensor(x.astype(np.float32))
    with torch.no_grad():
        probs, emb = msd(x)
    t = (np.arange(8000) / SR).astype(np.float64)
    y = (0.3 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 2 * t)) + 0.1 * np.sin(2 * np.pi * 3157 * t)
         + 0.05 * np.sin(2 * np.pi * 6011 * t * t)).astype(np.float32)
    with open(os.path.join(ROOT, 'test', 'fixtures', 'musicnn-parity.json'), 'w') as fh:
        json.dump({
            'note': 'written by training/musicnn/convert.py: the PyTorch port on a fixed input, the Python front end on fixed audio',
            'input': 'x[k][t][m] = 2 + sin(0.37 t + 0.11 m + k) + 0.5 cos(0.05 t (k + 1) - 0.3 m), k < 2, t < 187, m < 96',
            'tags': [[round(float(v), 6) for v in r] for r in probs.numpy()],
            'embedding': [[round(float(v), 5) for v in r] for r in emb.numpy()],
            'audio': 'float32(0.3 sin(2 pi 220 t) (1 + sin(2 pi 2 t)) + 0.1 sin(2 pi 3157 t) + 0.05 sin(2 pi 6011 t^2)), t = i / 16000, i < 8000',
            'logMel': [[round(float(v), 5) for v in row] for row in log_mel(y)],
        }, fh)
    print('wrote', out)


if __name__ == '__main__':
    main()
