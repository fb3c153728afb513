"""Fits the shipped valence/arousal heads on the music model's features and reports held-out numbers.

    /usr/bin/python3 training/audio/fit_music_mood.py [--emotify DIR] [--fourq DIR] [--seeds 12345,1,2] [--ridge-only] [--write]

Features: per clip, MusiCNN's 50 tag probabilities and 200-d embedding (averaged over the patches the
app takes) and the 41 hand features (features.ts, on the middle 30 s of the excerpt), computed by the
app's own code and cached by training/audio/extract-clips.mjs. --features picks which (default all).
Both development sets at once, per axis one ridge regression on standardised features:
  emotify-dev: the listeners' arousal_gt / valence_gt, z-scored, rows weighted by sqrt(annotators);
  fourq-dev:   the validated sign (+1 / -1) of valence and arousal (a least-squares sign loss);
averaged half and half with five small ReLU networks (MLP below: one fixed configuration, not tuned)
trained on the same standardised inputs, rows, targets and weights (--ridge-only: the ridge alone, model v4).
Held out: 5 folds on each set (emotify-dev stratified by genre; fourq-dev grouped by artist, so no
artist is on both sides), the training folds of both fitted together; the ridge strength and the
weight of fourq-dev are picked by an inner 4-fold CV of the ridge inside each training part. --seeds
repeats the whole cross-validation with other outer folds (the spread says how noisy one split is).
--write fits on everything and writes src/main/library/analysis/mood-model.json (weights and scaling
only) and test/fixtures/mood-model-parity.json (its outputs on fixed synthetic inputs, for the unit test).
Needs numpy (python3-numpy) and, for the networks, torch (python3-torch).
"""
import argparse
import csv
import json
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
LAMBDAS = [3, 10, 30, 100, 300, 1000, 3000]
ALPHAS = [0.5, 1.0, 2.0]
FOLDS = 5
# Bumped whenever the shipped heads or the analysis in front of them change: the library re-analyses
# entries placed by an older version.
MODEL_VERSION = 8
# TAGS=logit: tag probabilities as logits (log p / (1 - p)); measured no better, so the app uses them as they are.
LOGIT = os.environ.get('TAGS', 'prob') == 'logit'


def rank(a):
    o = np.argsort(a, kind='mergesort')
    r = np.empty(len(a))
    r[o] = np.arange(len(a))
    return r


def spearman(a, b):
    return float(np.corrcoef(rank(np.asarray(a)), rank(np.asarray(b)))[0, 1])


def read_csv(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f))


def load(args, featureset):
    cache = json.load(open(os.path.join(ROOT, 'training/audio/cache/clips.json')))['entries']
    need = 'hand' if 'hand' in featureset else 'tags'
    def feats(e):
        parts = []
        if 'tags' in featureset:
            t = np.clip(np.array(e['tags']), 1e-4, 1 - 1e-4)
            parts.append(np.log(t / (1 - t)) if LOGIT else t)
        if 'emb' in featureset:
            parts.append(np.array(e['emb']))
        if 'hand' in featureset:
            parts.append(np.array(e['hand']))
        return np.concatenate(parts)
    emo = [r for r in read_csv(os.path.join(args.emotify, 'labels.csv')) if need in cache.get('emotify/' + r['file'], {})]
    fq = [r for r in read_csv(os.path.join(args.fourq, 'labels.csv')) if need in cache.get('fourq/' + r['file'], {})]
    E = {
        'X': np.stack([feats(cache['emotify/' + r['file']]) for r in emo]),
        'y': {a: np.array([float(r[f'{a}_gt']) for r in emo]) for a in ('valence', 'arousal')},
        'w': np.sqrt(np.array([float(r['annotators']) for r in emo])),
        'group': [r['genre'] for r in emo],
        'file': [r['file'] for r in emo],
    }
    Q = {
        'X': np.stack([feats(cache['fourq/' + r['file']]) for r in fq]),
        'y': {a: np.array([float(r[f'{a}_sign']) for r in fq]) for a in ('valence', 'arousal')},
        'quadrant': [r['quadrant'] for r in fq],
        'group': [r['artist'] for r in fq],
    }
    if getattr(args, 'augment', None):
        copies = json.load(open(args.augment))['entries']
        for S, name, rows in ((E, 'emotify', emo), (Q, 'fourq', fq)):
            got = [copies.get(f'{name}/' + r['file'], {}) for r in rows]
            S['has_copy'] = np.array([need in c for c in got])
            S['copies'] = np.stack([feats(c) if need in c else np.zeros(S['X'].shape[1]) for c in got])
        print(f'augmenting with copies of {E["has_copy"].sum()} Emotify and {Q["has_copy"].sum()} 4Q clips ({args.augment})')
    return E, Q


def hand_names():
    return json.load(open(os.path.join(ROOT, 'training/audio/cache/clips.json')))['handNames']


def write_oof(path, E, oof):
    """Each Emotify excerpt's held-out place on the app's plane (the shipped heads' scale and calibration), for bench:fit --places."""
    shipped = json.load(open(os.path.join(ROOT, 'src/main/library/analysis/mood-model.json')))
    def place(axis, raw):
        h = shipped[axis]
        c = h.get('calibration', {'gain': 1, 'offset': 0})
        return float(np.tanh(c['gain'] * raw / h['scale'] + c['offset']))
    out = {f: {a: round(place(a, oof[a][0][i]), 4) for a in ('valence', 'arousal')} for i, f in enumerate(E['file'])}
    with open(path, 'w') as f:
        json.dump(out, f)
    print(f'wrote held-out places of {len(out)} excerpts to {path}')


def folds_stratified(groups, k, seed):
    rng = np.random.default_rng(seed)
    f = np.zeros(len(groups), dtype=int)
    for g in sorted(set(groups)):
        idx = np.array([i for i, x in enumerate(groups) if x == g])
        rng.shuffle(idx)
        f[idx] = np.arange(len(idx)) % k
    return f


def folds_grouped(groups, k, seed):
    rng = np.random.default_rng(seed)
    names = sorted(set(groups))
    rng.shuffle(names)
    # Largest groups first, each to the currently smallest fold.
    sizes = {g: groups.count(g) for g in names}
    load_ = [0] * k
    where = {}
    for g in sorted(names, key=lambda g: -sizes[g]):
        j = int(np.argmin(load_))
        where[g] = j
        load_[j] += sizes[g]
    return np.array([where[g] for g in groups])


def fit(Xe, ye, we, Xq, yq, lam, alpha, aug=None):
    """Weighted ridge on both sets; Emotify targets z-scored with the training rows' own statistics.
    aug: (Emotify rows, 4Q rows) = augment_rows(...), copies of training clips that share their clip's
    weight half and half (the penalty stays that of the originals)."""
    mu, sd = ye.mean(), ye.std() or 1.0
    X, y, w = stack_rows(Xe, (ye - mu) / sd, we / we.mean(), Xq, yq, alpha * np.ones(len(yq)), aug)
    n = len(ye) + len(yq)
    m, s = X.mean(0), X.std(0) + 1e-8
    Z = np.clip((X - m) / s, -4, 4)
    W = w / w.sum()
    zm = W @ Z
    ym = W @ y
    Zc = Z - zm
    A = (Zc * W[:, None]).T @ Zc + lam / n * np.eye(Z.shape[1])
    coef = np.linalg.solve(A, (Zc * W[:, None]).T @ (y - ym))
    return {'mean': m, 'std': s, 'coef': coef, 'intercept': ym - zm @ coef}


def stack_rows(Xe, ye, we, Xq, yq, wq, aug):
    """The training rows (features, targets, weights) of both sets, with any augmentation copies appended:
    a clip with a copy gives half its weight to it."""
    if aug is None:
        return np.vstack([Xe, Xq]), np.concatenate([ye, yq]), np.concatenate([we, wq])
    (ce, me), (cq, mq) = aug
    we, wq = we * np.where(me, 0.5, 1.0), wq * np.where(mq, 0.5, 1.0)
    return (np.vstack([Xe, Xq, ce[me], cq[mq]]), np.concatenate([ye, yq, ye[me], yq[mq]]),
            np.concatenate([we, wq, we[me], wq[mq]]))


def augment_rows(E, ei, Q, qi):
    """The copies of the training clips ei, qi (features, and which clips have one); None without --augment."""
    if 'copies' not in E:
        return None
    return (E['copies'][ei], E['has_copy'][ei]), (Q['copies'][qi], Q['has_copy'][qi])


def standardise(model, X):
    return np.clip((X - model['mean']) / model['std'], -4, 4)


def predict(model, X):
    return standardise(model, X) @ model['coef'] + model['intercept']


# The small networks averaged with the ridge head (one configuration, fixed before measuring; not tuned).
# noise: SD of Gaussian noise added to the standardised inputs at every training step (0.3 since model 8:
# cross-validated level with 0 on accuracy and lower re-encode drift; docs/audio-mood.md).
MLP = {'hidden': 32, 'members': 5, 'epochs': 300, 'lr': 3e-3, 'weightDecay': 1e-3, 'mix': 0.5, 'noise': 0.3}


def set_mlp(spec):
    for kv in [x for x in (spec or '').split(',') if x]:
        k, v = kv.split('=')
        MLP[k] = type(MLP[k])(float(v))


def train_mlp(Z, y, w):
    """An ensemble of one-hidden-layer ReLU networks on the ridge's standardised inputs, rows, targets and
    weights (weighted squared error; AdamW, full batch, input dropout 0.1, hidden dropout 0.3), the members
    trained side by side as one batched model (each its own weights, masks and Adam state). Deterministic
    on one thread (fixed seed). Returns plain arrays (what mood-model.json holds)."""
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(7)
    M, H, n, d = MLP['members'], MLP['hidden'], Z.shape[0], Z.shape[1]
    Zt = torch.tensor(Z, dtype=torch.float32)
    yt = torch.tensor(y, dtype=torch.float32)
    wt = torch.tensor(w / w.sum(), dtype=torch.float32)
    # nn.Linear's default initialisation, per member.
    u = lambda shape, fan: ((torch.rand(shape) * 2 - 1) / fan ** 0.5).requires_grad_()  # noqa: E731
    W1, b1, W2, b2 = u((M, d, H), d), u((M, 1, H), d), u((M, H, 1), H), u((M, 1, 1), H)
    opt = torch.optim.AdamW([W1, b1, W2, b2], lr=MLP['lr'], weight_decay=MLP['weightDecay'])
    for _ in range(MLP['epochs']):
        opt.zero_grad()
        m_in = torch.bernoulli(torch.full((M, n, d), 0.9)) / 0.9
        m_h = torch.bernoulli(torch.full((M, n, H), 0.7)) / 0.7
        z = Zt + MLP['noise'] * torch.randn(M, n, d) if MLP['noise'] else Zt
        out = (torch.relu((z * m_in) @ W1 + b1) * m_h @ W2 + b2)[:, :, 0]
        loss = (wt * (out - yt) ** 2).sum()
        loss.backward()
        opt.step()
    f = lambda t: t.detach().double().numpy()  # noqa: E731
    return [{'w1': f(W1[k]).T, 'b1': f(b1[k, 0]), 'w2': f(W2[k, :, 0]), 'b2': float(b2[k, 0, 0])} for k in range(M)]


def mlp_predict(members, Z):
    return np.mean([np.maximum(Z @ m['w1'].T + m['b1'], 0) @ m['w2'] + m['b2'] for m in members], axis=0)


def fit_head(Xe, ye, we, Xq, yq, lam, alpha, mlp, aug=None):
    """The ridge, and with mlp the networks trained on the same rows; predict_head() of the result mixes them."""
    m = fit(Xe, ye, we, Xq, yq, lam, alpha, aug)
    if mlp:
        mu, sd = ye.mean(), ye.std() or 1.0
        X, y, w = stack_rows(Xe, (ye - mu) / sd, we / we.mean(), Xq, yq, alpha * np.ones(len(yq)), aug)
        m['mlp'] = train_mlp(standardise(m, X), y, w)
    return m


def predict_head(model, X):
    p = predict(model, X)
    if 'mlp' not in model:
        return p
    return (1 - MLP['mix']) * p + MLP['mix'] * mlp_predict(model['mlp'], standardise(model, X))


def score(model, E, ei, Q, qi, axis):
    """Emotify Spearman + 4Q sign accuracy (both matter; the inner CV maximises their sum)."""
    rho = spearman(predict(model, E['X'][ei]), E['y'][axis][ei])
    acc = float(np.mean(np.sign(predict(model, Q['X'][qi])) == Q['y'][axis][qi]))
    return rho + acc


CHOSEN = {}


def choose(E, ei, Q, qi, axis):
    """The ridge strength and 4Q weight by an inner CV, remembered in the cache folder by features, targets and rows."""
    import hashlib
    # The features themselves are part of the key: a rebuilt feature cache chooses again.
    data = hashlib.sha1(E['X'].tobytes() + Q['X'].tobytes() + E['y'][axis].tobytes() + Q['y'][axis].tobytes()).hexdigest()[:12]
    key = f'{axis}:{data}:' + hashlib.sha1(ei.astype(np.int64).tobytes() + b'|' + qi.astype(np.int64).tobytes()).hexdigest()[:16]
    path = os.path.join(ROOT, 'training/audio/cache/chosen.json')
    def read():
        if os.path.exists(path):
            CHOSEN.update(json.load(open(path)))
    if key not in CHOSEN:
        read()  # another run may have chosen it meanwhile
    if key not in CHOSEN:
        CHOSEN[key] = choose_ridge(E, ei, Q, qi, axis)
        read()
        with open(path + f'.{os.getpid()}', 'w') as f:
            json.dump(CHOSEN, f)
        os.replace(path + f'.{os.getpid()}', path)
    return tuple(CHOSEN[key])


def choose_ridge(E, ei, Q, qi, axis):
    fe = folds_stratified([E['group'][i] for i in ei], 4, 1)
    fq = folds_grouped([Q['group'][i] for i in qi], 4, 1)
    best, best_s = None, -np.inf
    for lam in LAMBDAS:
        for alpha in ALPHAS:
            s = 0
            for k in range(4):
                tr_e, te_e = ei[fe != k], ei[fe == k]
                tr_q, te_q = qi[fq != k], qi[fq == k]
                m = fit(E['X'][tr_e], E['y'][axis][tr_e], E['w'][tr_e], Q['X'][tr_q], Q['y'][axis][tr_q], lam, alpha)
                s += score(m, E, te_e, Q, te_q, axis)
            if s > best_s:
                best, best_s = (lam, alpha), s
    return best


def crossvalidate(E, Q, seed=12345, mlp=True):
    fe = folds_stratified(E['group'], FOLDS, seed)
    fq = folds_grouped(Q['group'], FOLDS, seed)
    oof = {a: (np.zeros(len(E['group'])), np.zeros(len(Q['group']))) for a in ('valence', 'arousal')}
    chosen = {a: [] for a in oof}
    for axis in ('valence', 'arousal'):
        for k in range(FOLDS):
            ei, qi = np.where(fe != k)[0], np.where(fq != k)[0]
            lam, alpha = choose(E, ei, Q, qi, axis)
            chosen[axis].append(f'{lam}/{alpha}')
            # The choice above is made without augmentation; the copies join only this fit.
            m = fit_head(E['X'][ei], E['y'][axis][ei], E['w'][ei], Q['X'][qi], Q['y'][axis][qi], lam, alpha, mlp,
                         augment_rows(E, ei, Q, qi))
            oof[axis][0][fe == k] = predict_head(m, E['X'][fe == k])
            oof[axis][1][fq == k] = predict_head(m, Q['X'][fq == k])
    return oof, chosen


def quadrant(v, a):
    return np.where(a > 0, np.where(v > 0, 'Q1', 'Q2'), np.where(v > 0, 'Q4', 'Q3'))


def report(E, Q, oof, chosen, label):
    print(f'\n== {label}: emotify-dev {len(E["group"])} excerpts, fourq-dev {len(Q["group"])} clips, {E["X"].shape[1]} features ==')
    for axis in ('arousal', 'valence'):
        pe = oof[axis][0]
        per = ', '.join(f'{g} {spearman(pe[[i for i, x in enumerate(E["group"]) if x == g]], E["y"][axis][[i for i, x in enumerate(E["group"]) if x == g]]):.2f}'
                        for g in sorted(set(E['group'])))
        acc = np.mean(np.sign(oof[axis][1]) == Q['y'][axis])
        print(f'{axis:8s} emotify Spearman {spearman(pe, E["y"][axis]):.3f} (per genre: {per}); fourq sign accuracy {acc:.1%}; '
              f'lambda/weight per fold: {" ".join(chosen[axis])}')
    q = quadrant(oof['valence'][1], oof['arousal'][1])
    truth = np.array(Q['quadrant'])
    per_q = ', '.join(f'{c} {np.mean(q[truth == c] == c):.0%}' for c in ('Q1', 'Q2', 'Q3', 'Q4'))
    f1 = []
    for c in ('Q1', 'Q2', 'Q3', 'Q4'):
        tp = np.sum((q == c) & (truth == c))
        p = tp / max(1, np.sum(q == c))
        r = tp / max(1, np.sum(truth == c))
        f1.append(0 if p + r == 0 else 2 * p * r / (p + r))
    print(f'fourq quadrant accuracy {np.mean(q == truth):.1%} (macro F1 {np.mean(f1):.1%}; per quadrant recall: {per_q})')
    out = {'valence': spearman(oof['valence'][0], E['y']['valence']), 'arousal': spearman(oof['arousal'][0], E['y']['arousal']),
           'quadrant': float(np.mean(q == truth)), 'side': float(np.mean(np.sign(oof['valence'][1]) == Q['y']['valence']))}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emotify', default=os.path.join(ROOT, '..', 'shared', 'datasets', 'emotify-dev'))
    ap.add_argument('--fourq', default=os.path.join(ROOT, '..', 'shared', 'datasets', 'fourq-dev'))
    ap.add_argument('--features', default='tags+emb+hand', help='tags, emb, hand, joined by + (tags+emb, tags+emb+hand)')
    ap.add_argument('--ridge-only', action='store_true', help='the ridge heads alone, without the networks (model v4)')
    ap.add_argument('--seeds', default='12345', help='outer fold seeds, comma-separated (each a full cross-validation)')
    ap.add_argument('--compare', action='store_true', help='also report tags only and embedding only')
    ap.add_argument('--write', action='store_true')
    ap.add_argument('--oof', help='write the Emotify excerpts\' held-out places (JSON) for npm run bench:fit -- --places FILE')
    ap.add_argument('--skip-cv', action='store_true', help='with --write: fit and write only')
    ap.add_argument('--augment', help='features of re-encoded copies (training/audio/extract-copies.mjs): training rows beside the originals')
    ap.add_argument('--mlp', default='', help='network settings as key=value,... (keys of MLP: noise, mix, weightDecay, ...)')
    ap.add_argument('--out', help='write the fitted model here instead of the shipped mood-model.json (no parity fixture)')
    args = ap.parse_args()
    mlp = not args.ridge_only
    set_mlp(args.mlp)
    seeds = [int(x) for x in args.seeds.split(',')]
    sets = [] if args.skip_cv else ['tags', 'emb', args.features] if args.compare else [args.features]
    for fs in dict.fromkeys(sets):
        E, Q = load(args, fs)
        per_seed = []
        for seed in seeds:
            oof, chosen = crossvalidate(E, Q, seed, mlp)
            per_seed.append(report(E, Q, oof, chosen, f'{fs}{"" if mlp else " (ridge only)"}, outer fold seed {seed}'))
            if args.oof and fs == args.features and seed == seeds[0]:
                write_oof(args.oof, E, oof)
        if len(seeds) > 1:
            print(f'\n== {fs}{"" if mlp else " (ridge only)"}: mean (lowest..highest) over outer seeds {args.seeds} ==')
            for key in per_seed[0]:
                v = np.array([r[key] for r in per_seed])
                print(f'{key:9s} {v.mean():.4f} ({v.min():.4f}..{v.max():.4f})  per seed: {" ".join(f"{x:.4f}" for x in v)}')
    if not (args.write or args.out):
        return
    E, Q = load(args, args.features)
    allE, allQ = np.arange(len(E['group'])), np.arange(len(Q['group']))
    names = (([f'tag{i}' for i in range(50)] if 'tags' in args.features else []) + ([f'emb{i}' for i in range(200)] if 'emb' in args.features else [])
             + (hand_names() if 'hand' in args.features else []))
    heads = {}
    m0 = None
    r6 = lambda a: [round(float(x), 6) for x in a]  # noqa: E731
    for axis in ('valence', 'arousal'):
        lam, alpha = choose(E, allE, Q, allQ, axis)
        m = fit_head(E['X'], E['y'][axis], E['w'], Q['X'], Q['y'][axis], lam, alpha, mlp, augment_rows(E, allE, Q, allQ))
        m0 = m
        p = np.concatenate([predict_head(m, E['X']), predict_head(m, Q['X'])])
        # Raw output 0 is the fitted neutral point (the 4Q sign boundary); scale so +-2 SD of the
        # development music lands near +-0.8 on the plane.
        heads[axis] = {'intercept': round(float(m['intercept']), 6), 'coef': r6(m['coef']),
                       'scale': round(float(p.std() / 0.55), 6), 'lambda': lam, 'fourqWeight': alpha}
        if mlp:
            # Five significant digits: the networks' outputs move by well under 1e-3 (the parity fixture is computed from
            # the rounded numbers), and the file stays small.
            g5 = lambda a: [float(f'{x:.5g}') for x in a]  # noqa: E731
            heads[axis]['mlp'] = {'weight': MLP['mix'], 'members': [
                {'w1': [g5(row) for row in n['w1']], 'b1': g5(n['b1']), 'w2': g5(n['w2']), 'b2': float(f"{n['b2']:.5g}")} for n in m['mlp']]}
    model = {
        'version': MODEL_VERSION,
        'note': 'Fitted by training/audio/fit_music_mood.py on emotify-dev and fourq-dev (see docs/audio-mood.md). '
                f'Inputs: {args.features} (MusiCNN tag probabilities tag0..49, embedding emb0..199, hand features by name). '
                + ('Per axis a ridge head averaged with small ReLU networks (mlp) on the same standardised inputs. ' if mlp else '')
                + 'Only coefficients and feature scaling: no audio or per-file data.',
        'features': names,
        'mean': r6(m0['mean']),
        'std': r6(m0['std']),
        'valence': heads['valence'],
        'arousal': heads['arousal'],
    }
    path = args.out or os.path.join(ROOT, 'src/main/library/analysis/mood-model.json')
    with open(path, 'w') as f:
        json.dump(model, f, indent=1)
        f.write('\n')
    print(f'\nwrote {path}')
    if not args.out:
        write_parity(model)


def write_parity(model):
    """A fixed synthetic input (no clip's data) and the written model's outputs on it, computed here from the rounded
    JSON numbers; test/library/mood-model.test.ts checks that mood-model.ts gives the same."""
    n = len(model['features'])
    mean, std = np.array(model['mean']), np.array(model['std'])
    inputs = []
    for j in range(3):
        x = mean + std * 1.5 * np.sin(np.arange(n) * (0.7 + j) + j)
        inputs.append({name: round(float(v), 6) for name, v in zip(model['features'], x)})
    out = []
    for inp in inputs:
        x = np.array([inp[name] for name in model['features']])
        z = np.clip((x - mean) / np.where(std == 0, 1, std), -4, 4)
        res = {}
        for axis in ('valence', 'arousal'):
            h = model[axis]
            y = h['intercept'] + z @ np.array(h['coef'])
            if 'mlp' in h:
                nets = [np.maximum(np.array(m['w1']) @ z + np.array(m['b1']), 0) @ np.array(m['w2']) + m['b2'] for m in h['mlp']['members']]
                y = (1 - h['mlp']['weight']) * y + h['mlp']['weight'] * np.mean(nets)
            res[axis] = float(np.tanh(y / h['scale']))
        out.append({'inputs': inp, 'expected': res})
    path = os.path.join(ROOT, 'test/fixtures/mood-model-parity.json')
    with open(path, 'w') as f:
        json.dump({'modelVersion': model['version'], 'cases': out}, f)
        f.write('\n')
    print(f'wrote {os.path.relpath(path, ROOT)}')


if __name__ == '__main__':
    main()
