"""Fits the shipped valence/arousal heads on the music model's features and reports held-out numbers.

    /usr/bin/python3 training/audio/fit_music_mood.py [--emotify DIR] [--fourq DIR] [--write]

Features: per clip, MusiCNN's 50 tag probabilities and 200-d embedding (averaged over the patches the
app takes) and the 41 hand features (features.ts, on the middle 30 s of the excerpt), computed by the
app's own code and cached by training/audio/extract-clips.mjs. --features picks which (default all).
Both development sets at once, per axis one ridge regression on standardised features:
  emotify-dev: the listeners' arousal_gt / valence_gt, z-scored, rows weighted by sqrt(annotators);
  fourq-dev:   the validated sign (+1 / -1) of valence and arousal (a least-squares sign loss).
Held out: 5 folds on each set (emotify-dev stratified by genre; fourq-dev grouped by artist, so no
artist is on both sides), the training folds of both fitted together; the ridge strength and the
weight of fourq-dev are picked by an inner 4-fold CV inside each training part. --write fits on
everything and writes src/main/library/analysis/mood-model.json (coefficients and scaling only).
Needs numpy (python3-numpy).
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
# Bumped whenever the shipped heads change: the library re-analyses entries placed by an older model.
MODEL_VERSION = 4
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


def fit(Xe, ye, we, Xq, yq, lam, alpha):
    """Weighted ridge on both sets; Emotify targets z-scored with the training rows' own statistics."""
    mu, sd = ye.mean(), ye.std() or 1.0
    X = np.vstack([Xe, Xq])
    y = np.concatenate([(ye - mu) / sd, yq])
    w = np.concatenate([we / we.mean(), alpha * np.ones(len(yq))])
    m, s = X.mean(0), X.std(0) + 1e-8
    Z = np.clip((X - m) / s, -4, 4)
    W = w / w.sum()
    zm = W @ Z
    ym = W @ y
    Zc = Z - zm
    A = (Zc * W[:, None]).T @ Zc + lam / len(y) * np.eye(Z.shape[1])
    coef = np.linalg.solve(A, (Zc * W[:, None]).T @ (y - ym))
    return {'mean': m, 'std': s, 'coef': coef, 'intercept': ym - zm @ coef}


def predict(model, X):
    return np.clip((X - model['mean']) / model['std'], -4, 4) @ model['coef'] + model['intercept']


def score(model, E, ei, Q, qi, axis):
    """Emotify Spearman + 4Q sign accuracy (both matter; the inner CV maximises their sum)."""
    rho = spearman(predict(model, E['X'][ei]), E['y'][axis][ei])
    acc = float(np.mean(np.sign(predict(model, Q['X'][qi])) == Q['y'][axis][qi]))
    return rho + acc


def choose(E, ei, Q, qi, axis):
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


def crossvalidate(E, Q):
    fe = folds_stratified(E['group'], FOLDS, 12345)
    fq = folds_grouped(Q['group'], FOLDS, 12345)
    oof = {a: (np.zeros(len(E['group'])), np.zeros(len(Q['group']))) for a in ('valence', 'arousal')}
    chosen = {a: [] for a in oof}
    for axis in ('valence', 'arousal'):
        for k in range(FOLDS):
            ei, qi = np.where(fe != k)[0], np.where(fq != k)[0]
            lam, alpha = choose(E, ei, Q, qi, axis)
            chosen[axis].append(f'{lam}/{alpha}')
            m = fit(E['X'][ei], E['y'][axis][ei], E['w'][ei], Q['X'][qi], Q['y'][axis][qi], lam, alpha)
            oof[axis][0][fe == k] = predict(m, E['X'][fe == k])
            oof[axis][1][fq == k] = predict(m, Q['X'][fq == k])
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emotify', default=os.path.join(ROOT, '..', 'shared', 'datasets', 'emotify-dev'))
    ap.add_argument('--fourq', default=os.path.join(ROOT, '..', 'shared', 'datasets', 'fourq-dev'))
    ap.add_argument('--features', default='tags+emb+hand', help='tags, emb, hand, joined by + (tags+emb, tags+emb+hand)')
    ap.add_argument('--compare', action='store_true', help='also report tags only and embedding only')
    ap.add_argument('--write', action='store_true')
    ap.add_argument('--oof', help='write the Emotify excerpts\' held-out places (JSON) for npm run bench:fit -- --places FILE')
    ap.add_argument('--skip-cv', action='store_true', help='with --write: fit and write only')
    args = ap.parse_args()
    sets = [] if args.skip_cv else ['tags', 'emb', args.features] if args.compare else [args.features]
    for fs in dict.fromkeys(sets):
        E, Q = load(args, fs)
        oof, chosen = crossvalidate(E, Q)
        report(E, Q, oof, chosen, fs)
        if args.oof and fs == args.features:
            write_oof(args.oof, E, oof)
    if not args.write:
        return
    E, Q = load(args, args.features)
    allE, allQ = np.arange(len(E['group'])), np.arange(len(Q['group']))
    names = (([f'tag{i}' for i in range(50)] if 'tags' in args.features else []) + ([f'emb{i}' for i in range(200)] if 'emb' in args.features else [])
             + (hand_names() if 'hand' in args.features else []))
    heads = {}
    m0 = None
    for axis in ('valence', 'arousal'):
        lam, alpha = choose(E, allE, Q, allQ, axis)
        m = fit(E['X'], E['y'][axis], E['w'], Q['X'], Q['y'][axis], lam, alpha)
        m0 = m
        p = np.concatenate([predict(m, E['X']), predict(m, Q['X'])])
        # Raw output 0 is the fitted neutral point (the 4Q sign boundary); scale so +-2 SD of the
        # development music lands near +-0.8 on the plane.
        heads[axis] = {'intercept': round(float(m['intercept']), 6), 'coef': [round(float(c), 6) for c in m['coef']],
                       'scale': round(float(p.std() / 0.55), 6), 'lambda': lam, 'fourqWeight': alpha}
    model = {
        'version': MODEL_VERSION,
        'note': 'Fitted by training/audio/fit_music_mood.py on emotify-dev and fourq-dev (see docs/audio-mood.md). '
                f'Inputs: {args.features} (MusiCNN tag probabilities tag0..49, embedding emb0..199, hand features by name). '
                'Only coefficients and feature scaling: no audio or per-file data.',
        'features': names,
        'mean': [round(float(x), 6) for x in m0['mean']],
        'std': [round(float(x), 6) for x in m0['std']],
        'valence': heads['valence'],
        'arousal': heads['arousal'],
    }
    with open(os.path.join(ROOT, 'src/main/library/analysis/mood-model.json'), 'w') as f:
        json.dump(model, f, indent=1)
        f.write('\n')
    print('\nwrote src/main/library/analysis/mood-model.json')


if __name__ == '__main__':
    main()
