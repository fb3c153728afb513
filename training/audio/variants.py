"""Compares variants of the mood heads under fit_music_mood.py's protocol, over several outer fold seeds.

    /usr/bin/python3 training/audio/variants.py --emotify DIR --fourq DIR [--seeds 12345,1,2,3,4] [--only NAME,...]

Same folds as fit_music_mood.py (Emotify stratified by genre, 4Q grouped by artist, 5 outer folds; the
hyperparameters of each variant picked by an inner 4-fold CV inside each training part, never on the
outer test fold), repeated for each outer seed. Prints, per variant, the mean and spread (min..max)
over seeds of Emotify valence/arousal Spearman, 4Q quadrant accuracy and 4Q valence side accuracy.
Development only: reads the gitignored feature cache; nothing here ships. Table and conclusions: docs/audio-mood.md.
"""
import argparse
import itertools
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import fit_music_mood as F  # noqa: E402

GEMS = ['amazement', 'solemnity', 'tenderness', 'nostalgia', 'calmness', 'power', 'joyful_activation', 'tension', 'sadness']
V_FORMULA = {'joyful_activation': 1, 'tenderness': 1, 'calmness': 1, 'amazement': 1, 'sadness': -1, 'tension': -1}
A_FORMULA = {'power': 1, 'joyful_activation': 1, 'tension': 1, 'calmness': -1, 'tenderness': -1, 'sadness': -1, 'nostalgia': -1}
LAMBDAS = F.LAMBDAS
ALPHAS = F.ALPHAS
BLOCKS = {'tags': slice(0, 50), 'emb': slice(50, 250), 'hand': slice(250, 291)}


def load(args):
    E, Q = F.load(args, 'tags+emb+hand')
    rows = F.read_csv(os.path.join(args.emotify, 'labels.csv'))
    rows = {r['file']: r for r in rows}
    E['gems'] = {g: np.array([float(rows[f][g]) for f in E['file']]) for g in GEMS}
    E['ann'] = np.array([float(rows[f]['annotators']) for f in E['file']])
    Q['pquad'] = np.array([float(r['pquad']) for r in F.read_csv(os.path.join(args.fourq, 'labels.csv'))])
    assert len(Q['pquad']) == len(Q['group']), 'pquad is read by row: every 4Q clip must be in the feature cache'
    return E, Q


# ---------------------------------------------------------------- feature maps (fitted on training rows only)

def logit(t):
    t = np.clip(t, 1e-4, 1 - 1e-4)
    return np.log(t / (1 - t))


def principal(Z, k):
    """A block's mean, its first k principal axes and the SD of the scores on them (training rows)."""
    m = Z.mean(0)
    _, _, vt = np.linalg.svd(Z - m, full_matrices=False)
    v = vt[:k].T
    return m, v, ((Z - m) @ v).std(0)


class Design:
    """raw features -> design matrix; fitted on the training rows (Emotify and 4Q together)."""

    def __init__(self, opts):
        self.o = opts

    def base(self, X):
        X = X.copy()
        if self.o.get('logit'):
            X[:, BLOCKS['tags']] = logit(X[:, BLOCKS['tags']])
        keep = [BLOCKS[b] for b in self.o.get('blocks', ('tags', 'emb', 'hand'))]
        return np.concatenate([X[:, s] for s in keep], axis=1), self.o.get('blocks', ('tags', 'emb', 'hand'))

    def fit(self, X):
        B, names = self.base(X)
        if self.o.get('quantile'):
            self.knots = np.sort(B, axis=0)
            B = self._quant(B)
        self.m, self.s = B.mean(0), B.std(0) + 1e-8
        Z = np.clip((B - self.m) / self.s, -4, 4)
        self.sizes = {}
        off = 0
        for n in names:
            w = BLOCKS[n].stop - BLOCKS[n].start
            self.sizes[n] = slice(off, off + w)
            off += w
        if self.o.get('pca_emb'):
            self.pm, self.pv, self.ps = principal(Z[:, self.sizes['emb']], self.o['pca_emb'])
        if self.o.get('interact'):
            self.tm, self.tv, self.ts = principal(Z[:, self.sizes['tags']], self.o['interact'])
        out = self._post(Z)
        self.om, self.os = out.mean(0), out.std(0) + 1e-8
        return self

    def _quant(self, B):
        n = self.knots.shape[0]
        out = np.empty_like(B)
        for j in range(B.shape[1]):
            r = np.searchsorted(self.knots[:, j], B[:, j], side='left') + np.searchsorted(self.knots[:, j], B[:, j], side='right')
            p = np.clip(r / 2 / n, 0.5 / n, 1 - 0.5 / n)
            out[:, j] = p
        return _torch().special.ndtri(_torch().tensor(out)).numpy()  # normal scores

    def _post(self, Z):
        parts = []
        for n, s in self.sizes.items():
            blk = Z[:, s]
            if n == 'emb' and self.o.get('pca_emb'):
                blk = ((blk - self.pm) @ self.pv) / self.ps
            parts.append(blk * self.o.get('scale', {}).get(n, 1.0))
        if self.o.get('interact'):
            pcs = ((Z[:, self.sizes['tags']] - self.tm) @ self.tv) / self.ts
            h = Z[:, self.sizes['hand']]
            inter = np.concatenate([h * pcs[:, [k]] for k in range(pcs.shape[1])], axis=1)
            parts.append(inter * self.o.get('scale', {}).get('inter', 1.0))
        return np.concatenate(parts, axis=1)

    def transform(self, X):
        B, _ = self.base(X)
        if self.o.get('quantile'):
            B = self._quant(B)
        Z = np.clip((B - self.m) / self.s, -4, 4)
        return self._post(Z)


# ---------------------------------------------------------------- ridge path (one eigendecomposition for every lambda)

def ridge_path(Z, y, w, lams):
    W = w / w.sum()
    zm, ym = W @ Z, W @ y
    Zc = Z - zm
    A = (Zc * W[:, None]).T @ Zc
    b = (Zc * W[:, None]).T @ (y - ym)
    ev, U = np.linalg.eigh(A)
    bt = U.T @ b
    n = len(y)
    out = []
    for lam in lams:
        c = U @ (bt / (ev + lam / n))
        out.append((c, ym - zm @ c))
    return out


def stack(E, Q, ei, qi, axis, alpha, ew='sqrt', qw=None, target=None):
    ye = E['y'][axis][ei] if target is None else target[ei]
    mu, sd = ye.mean(), ye.std() or 1.0
    we = {'sqrt': np.sqrt(E['ann'][ei]), 'lin': E['ann'][ei], 'one': np.ones(len(ei))}[ew]
    wq = np.ones(len(qi)) if qw is None else qw[qi]
    y = np.concatenate([(ye - mu) / sd, Q['y'][axis][qi]])
    w = np.concatenate([we / we.mean(), alpha * wq])
    return y, w


# ---------------------------------------------------------------- learners: fit(train) -> predict(X) for one axis

class Ridge:
    """The shipped learner with optional design options; grid: design variants x alpha x lambda."""

    def __init__(self, design=None, designs=None, alphas=ALPHAS, lambdas=LAMBDAS, ew='sqrt', qw=None, crit='sum', domain=False):
        self.designs = designs or [design or {}]
        self.alphas, self.lambdas, self.ew, self.qw, self.crit = alphas, lambdas, ew, qw, crit
        # domain: each set its own intercept (an unpenalised offset for the Emotify rows), so the z-scored
        # Emotify mean need not sit on 4Q's sign boundary; predictions use 4Q's (the app's neutral point).
        self.domain = domain

    def grid_fit(self, E, Q, ei, qi, axis, only=None):
        """All hyperparameters at once: list of (hp, predictor)."""
        out = []
        Xtr = np.vstack([E['X'][ei], Q['X'][qi]])
        for di, d in enumerate(self.designs):
            D = Design(d).fit(Xtr)
            Z = D.transform(Xtr)
            for alpha in self.alphas:
                qw = None if self.qw is None else Q[self.qw]
                y, w = stack(E, Q, ei, qi, axis, alpha, self.ew, qw)
                if self.domain:
                    # An own intercept per set = ridge on each set centred by its own weighted means.
                    ne = len(ei)
                    cen = []
                    for sl in (slice(0, ne), slice(ne, None)):
                        ws = w[sl] / w[sl].sum()
                        cen.append((ws @ Z[sl], ws @ y[sl]))
                    Zc = np.vstack([Z[:ne] - cen[0][0], Z[ne:] - cen[1][0]])
                    yc = np.concatenate([y[:ne] - cen[0][1], y[ne:] - cen[1][1]])
                    for lam, (c, _) in zip(self.lambdas, ridge_path(Zc, yc, w, self.lambdas)):
                        b = cen[1][1] - cen[1][0] @ c
                        out.append(((di, alpha, lam), (lambda X, D=D, c=c, b=b: D.transform(X) @ c + b)))
                    continue
                for lam, (c, b) in zip(self.lambdas, ridge_path(Z, y, w, self.lambdas)):
                    out.append(((di, alpha, lam), (lambda X, D=D, c=c, b=b: D.transform(X) @ c + b)))
        return out


def inner_score(pe, ye, pq, yq, crit):
    rho = F.spearman(pe, ye)
    acc = float(np.mean(np.sign(pq) == yq))
    return {'sum': rho + acc, 'rho': rho}[crit]


def run(learner, E, Q, seed, axes=('valence', 'arousal')):
    fe = F.folds_stratified(E['group'], F.FOLDS, seed)
    fq = F.folds_grouped(Q['group'], F.FOLDS, seed)
    oof = {a: (np.zeros(len(E['group'])), np.zeros(len(Q['group']))) for a in axes}
    picks = {a: [] for a in axes}
    for axis in axes:
        for k in range(F.FOLDS):
            ei, qi = np.where(fe != k)[0], np.where(fq != k)[0]
            hp = choose(learner, E, Q, ei, qi, axis)
            picks[axis].append(hp)
            pred = dict(learner.grid_fit(E, Q, ei, qi, axis, only=hp))[hp]
            oof[axis][0][fe == k] = pred(E['X'][fe == k])
            oof[axis][1][fq == k] = pred(Q['X'][fq == k])
    return oof, picks


def choose(learner, E, Q, ei, qi, axis):
    fe = F.folds_stratified([E['group'][i] for i in ei], 4, 1)
    fq = F.folds_grouped([Q['group'][i] for i in qi], 4, 1)
    tot = {}
    for k in range(4):
        tr_e, te_e = ei[fe != k], ei[fe == k]
        tr_q, te_q = qi[fq != k], qi[fq == k]
        for hp, pred in learner.grid_fit(E, Q, tr_e, tr_q, axis):
            s = inner_score(pred(E['X'][te_e]), E['y'][axis][te_e], pred(Q['X'][te_q]), Q['y'][axis][te_q], getattr(learner, 'crit', 'sum'))
            tot[hp] = tot.get(hp, 0) + s
    return max(tot, key=lambda h: tot[h])


def metrics(E, Q, oof):
    q = F.quadrant(oof['valence'][1], oof['arousal'][1])
    return {
        'val': F.spearman(oof['valence'][0], E['y']['valence']),
        'aro': F.spearman(oof['arousal'][0], E['y']['arousal']),
        'quad': float(np.mean(q == np.array(Q['quadrant']))),
        'vside': float(np.mean(np.sign(oof['valence'][1]) == Q['y']['valence'])),
        'aside': float(np.mean(np.sign(oof['arousal'][1]) == Q['y']['arousal'])),
    }


def summarise(name, ms, extra=''):
    keys = ['val', 'aro', 'quad', 'vside', 'aside']
    cells = []
    for k in keys:
        v = np.array([m[k] for m in ms])
        f = (lambda x: f'{x:.3f}') if k in ('val', 'aro') else (lambda x: f'{100 * x:.1f}')
        cells.append(f'{f(v.mean())} ({f(v.min())}..{f(v.max())})')
    line = f'| {name} | ' + ' | '.join(cells) + f' | {extra}'
    print(line, flush=True)
    return line


class Gems:
    """Emotify only: one ridge per GEMS fraction (its own lambda, by inner CV on its own weighted error), combined by
    the published formula. With one lambda for all it would equal the direct fit (ridge is linear in the target)."""

    def __init__(self, design=None):
        self.d = design or {}

    def grid_fit(self, E, Q, ei, qi, axis, only=None):
        formula = V_FORMULA if axis == 'valence' else A_FORMULA
        Xtr = E['X'][ei]
        w = np.sqrt(E['ann'][ei])
        fe = F.folds_stratified([E['group'][i] for i in ei], 4, 2)
        D = Design(self.d).fit(Xtr)
        Z = D.transform(Xtr)
        total_c, total_b = 0, 0
        for g, sgn in formula.items():
            y = E['gems'][g][ei]
            err = np.zeros(len(LAMBDAS))
            for k in range(4):
                tr, te = fe != k, fe == k
                Dk = Design(self.d).fit(Xtr[tr])
                for j, (c, b) in enumerate(ridge_path(Dk.transform(Xtr[tr]), y[tr], w[tr], LAMBDAS)):
                    err[j] += np.sum(w[te] * (Dk.transform(Xtr[te]) @ c + b - y[te]) ** 2)
            c, b = ridge_path(Z, y, w, LAMBDAS)[int(np.argmin(err))]
            total_c, total_b = total_c + sgn * c, total_b + sgn * b
        return [(('gems',), lambda X, D=D, c=total_c, b=total_b: D.transform(X) @ c + b)]


class KernelRidge:
    """RBF kernel ridge on the standardised features, same rows, targets and weights as the ridge."""

    def __init__(self, gammas=(0.25, 0.5, 1.0, 2.0), lams=(0.03, 0.1, 0.3, 1.0, 3.0), alphas=ALPHAS, design=None):
        self.gammas, self.lams, self.alphas, self.d = gammas, lams, alphas, design or {}

    def grid_fit(self, E, Q, ei, qi, axis, only=None):
        Xtr = np.vstack([E['X'][ei], Q['X'][qi]])
        D = Design(self.d).fit(Xtr)
        Z = D.transform(Xtr)
        p = Z.shape[1]
        sq = (Z ** 2).sum(1)
        d2 = np.maximum(sq[:, None] + sq[None, :] - 2 * Z @ Z.T, 0)
        out = []
        for g in self.gammas:
            K = np.exp(-g * d2 / (2 * p))
            for alpha in self.alphas:
                if only is not None and (only[0] != g or only[1] != alpha):
                    continue
                y, w = stack(E, Q, ei, qi, axis, alpha)
                w = w / w.mean()
                ym = (w @ y) / w.sum()
                r = np.sqrt(w)
                ev, U = np.linalg.eigh(K * r[:, None] * r[None, :])
                t = U.T @ (r * (y - ym))
                for lam in self.lams:
                    a = r * (U @ (t / (ev + lam)))
                    out.append(((g, alpha, lam), (lambda X, D=D, Z=Z, a=a, ym=ym, g=g:
                                                  np.exp(-g * np.maximum((D.transform(X) ** 2).sum(1)[:, None] + (Z ** 2).sum(1)[None, :]
                                                                         - 2 * D.transform(X) @ Z.T, 0) / (2 * p)) @ a + ym)))
        return out


def _torch():
    import torch
    torch.set_num_threads(1)
    return torch


class RankLinear:
    """Valence with a pairwise loss on Emotify (logistic on every pair, both within and across genres, weighted by the
    pair's rating gap) plus the squared sign loss on 4Q; linear on the standardised features, L2 penalty."""

    def __init__(self, lams=(1e-3, 3e-3, 1e-2, 3e-2), alphas=(0.5, 1.0, 2.0)):
        self.lams, self.alphas = lams, alphas

    def grid_fit(self, E, Q, ei, qi, axis, only=None):
        torch = _torch()
        Xtr = np.vstack([E['X'][ei], Q['X'][qi]])
        D = Design({}).fit(Xtr)
        Ze = torch.tensor(D.transform(E['X'][ei]))
        Zq = torch.tensor(D.transform(Q['X'][qi]))
        ye = torch.tensor(E['y'][axis][ei])
        yq = torch.tensor(Q['y'][axis][qi])
        we = torch.tensor(np.sqrt(E['ann'][ei]))
        gap = ye[:, None] - ye[None, :]
        pw = (gap > 0).double() * gap.abs() * torch.sqrt(we[:, None] * we[None, :])
        pw = pw / pw.sum()
        out = []
        for lam in self.lams:
            for alpha in self.alphas:
                if only is not None and only != (lam, alpha):
                    continue
                w = torch.zeros(Ze.shape[1], dtype=torch.float64, requires_grad=True)
                b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
                opt = torch.optim.LBFGS([w, b], max_iter=200, line_search_fn='strong_wolfe')

                def closure():
                    opt.zero_grad()
                    s = Ze @ w
                    l = (pw * torch.nn.functional.softplus(-(s[:, None] - s[None, :]))).sum()
                    l = l + alpha * 0.5 * ((Zq @ w + b - yq) ** 2).mean() + lam * (w ** 2).sum()
                    l.backward()
                    return l
                opt.step(closure)
                c, bb = w.detach().numpy().copy(), float(b.detach())
                out.append(((lam, alpha), lambda X, D=D, c=c, bb=bb: D.transform(X) @ c + bb))
        return out


# The small networks of the mlp variants (fixed, not tuned: one configuration tried).
MLP = {'hidden': 32, 'members': 5, 'epochs': 300, 'lr': 3e-3, 'weightDecay': 1e-3, 'mix': 0.5}


def train_mlp(Z, y, w):
    """An ensemble of one-hidden-layer ReLU networks on the ridge's standardised inputs, rows, targets and
    weights (weighted squared error; AdamW, full batch, input dropout 0.1, hidden dropout 0.3). Deterministic
    on one thread: each member has its own fixed seed. Returns plain arrays (what mood-model.json holds)."""
    import torch
    torch.set_num_threads(1)
    Zt = torch.tensor(Z, dtype=torch.float32)
    yt = torch.tensor(y, dtype=torch.float32)
    wt = torch.tensor(w / w.sum(), dtype=torch.float32)
    members = []
    for k in range(MLP['members']):
        torch.manual_seed(1000 * k + 7)
        net = torch.nn.Sequential(torch.nn.Dropout(0.1), torch.nn.Linear(Z.shape[1], MLP['hidden']), torch.nn.ReLU(),
                                  torch.nn.Dropout(0.3), torch.nn.Linear(MLP['hidden'], 1))
        opt = torch.optim.AdamW(net.parameters(), lr=MLP['lr'], weight_decay=MLP['weightDecay'])
        for _ in range(MLP['epochs']):
            opt.zero_grad()
            loss = (wt * (net(Zt)[:, 0] - yt) ** 2).sum()
            loss.backward()
            opt.step()
        members.append({'w1': net[1].weight.detach().double().numpy(), 'b1': net[1].bias.detach().double().numpy(),
                        'w2': net[4].weight.detach().double().numpy()[0], 'b2': float(net[4].bias.detach()[0])})
    return members


def mlp_predict(members, Z):
    return np.mean([np.maximum(Z @ m['w1'].T + m['b1'], 0) @ m['w2'] + m['b2'] for m in members], axis=0)


class MLPMix:
    """Ridge (hyperparameters by the same inner CV) averaged with an ensemble of small networks (fixed configuration,
    MLP), trained on the same rows, targets and weights. mix = weight of the networks."""

    def __init__(self, mix=0.5):
        self.mix = mix
        self.ridge = Ridge()

    def grid_fit(self, E, Q, ei, qi, axis, only=None):
        grid = self.ridge.grid_fit(E, Q, ei, qi, axis)
        if only is None:
            return grid  # the inner CV picks the ridge's hyperparameters on the ridge alone
        ridge = dict(grid)[only]
        Xtr = np.vstack([E['X'][ei], Q['X'][qi]])
        D = Design({}).fit(Xtr)
        y, w = stack(E, Q, ei, qi, axis, only[1])
        nets = train_mlp(D.transform(Xtr), y, w)
        return [(only, lambda X: (1 - self.mix) * ridge(X) + self.mix * mlp_predict(nets, D.transform(X)))]


def variants():
    sc = lambda **k: {'scale': k}  # noqa: E731
    block_designs = [sc(tags=t, emb=1.0, hand=h) for t in (0.5, 1.0, 2.0) for h in (0.5, 1.0, 2.0)]
    return {
        'baseline': Ridge(),
        'logit-tags': Ridge({'logit': True}),
        'alpha-wide': Ridge(alphas=(0.0, 0.25, 0.5, 1.0, 2.0, 4.0)),
        'emotify-only': Ridge(alphas=(0.0,)),
        'emotify-weights-lin': Ridge(ew='lin'),
        'emotify-weights-one': Ridge(ew='one'),
        'fourq-weight-pquad': Ridge(qw='pquad'),
        'inner-by-rho': Ridge(crit='rho'),
        'block-penalties': Ridge(designs=block_designs),
        'domain-offset': Ridge(domain=True),
        'pca-emb-20': Ridge({'pca_emb': 20}),
        'pca-emb-50': Ridge({'pca_emb': 50}),
        'pca-emb-choice': Ridge(designs=[{'pca_emb': 20}, {'pca_emb': 50}, {}]),
        'tags+hand': Ridge({'blocks': ('tags', 'hand')}),
        'emb+hand': Ridge({'blocks': ('emb', 'hand')}),
        'quantile': Ridge({'quantile': True}),
        'interact-3pc': Ridge({'interact': 3}),
        'interact-3pc-choice': Ridge(designs=[{'interact': 3, 'scale': {'inter': s}} for s in (0.25, 0.5, 1.0)]),
        'gems-emotify-only': Gems(),
        'kernel-rbf': KernelRidge(),
        'rank-linear': RankLinear(),
        'mlp-mix-0.5': MLPMix(),
        'mlp-only': MLPMix(mix=1.0),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emotify', required=True)
    ap.add_argument('--fourq', required=True)
    ap.add_argument('--seeds', default='12345,1,2,3,4')
    ap.add_argument('--only', help='variant names, comma-separated')
    ap.add_argument('--axes', default='valence,arousal')
    args = ap.parse_args()
    E, Q = load(args)
    seeds = [int(s) for s in args.seeds.split(',')]
    vs = variants()
    names = args.only.split(',') if args.only else list(vs)
    print('| variant | Emotify valence | Emotify arousal | 4Q quadrant % | 4Q valence side % | 4Q arousal side % | |')
    for name in names:
        t0 = time.time()
        ms = []
        for seed in seeds:
            oof, picks = run(vs[name], E, Q, seed)
            ms.append(metrics(E, Q, oof))
            print(f'  {name} seed {seed}: ' + ' '.join(f'{k} {v:.3f}' for k, v in ms[-1].items()) + f'  picks {picks}', file=sys.stderr, flush=True)
        summarise(name, ms, f'{time.time() - t0:.0f} s')


if __name__ == '__main__':
    main()
