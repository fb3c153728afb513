// Small statistics helpers for the mood-model fit: ranks, Spearman, weighted ridge regression.

export function ranks(a) {
  const idx = a.map((v, i) => [v, i]).sort((x, y) => x[0] - y[0]);
  const r = new Array(a.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) r[idx[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

export function pearson(a, b) {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da && db ? num / Math.sqrt(da * db) : 0;
}

export const spearman = (a, b) => pearson(ranks(a), ranks(b));

/** Solves A x = b (A symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/** Column means and standard deviations. */
export function standardiser(X) {
  const d = X[0].length;
  const mean = new Array(d).fill(0);
  const std = new Array(d).fill(0);
  for (const row of X) row.forEach((v, j) => (mean[j] += v / X.length));
  for (const row of X) row.forEach((v, j) => (std[j] += (v - mean[j]) ** 2 / X.length));
  return { mean, std: std.map((v) => Math.sqrt(v) || 1) };
}

export const standardise = (X, { mean, std }) => X.map((row) => row.map((v, j) => Math.max(-4, Math.min(4, (v - mean[j]) / std[j]))));

/** Weighted ridge on standardised X; the intercept is not penalised. Returns { intercept, coef }. */
export function ridge(Z, y, w, lambda) {
  const d = Z[0].length;
  const W = w.reduce((a, b) => a + b, 0);
  const zm = new Array(d).fill(0);
  let ym = 0;
  Z.forEach((row, i) => {
    row.forEach((v, j) => (zm[j] += (w[i] * v) / W));
    ym += (w[i] * y[i]) / W;
  });
  const A = Array.from({ length: d }, () => new Array(d).fill(0));
  const b = new Array(d).fill(0);
  Z.forEach((row, i) => {
    const c = row.map((v, j) => v - zm[j]);
    for (let j = 0; j < d; j++) {
      b[j] += w[i] * c[j] * (y[i] - ym);
      for (let k = j; k < d; k++) A[j][k] += w[i] * c[j] * c[k];
    }
  });
  // lambda is per sample (scaled by the total weight) so it means the same for any training size.
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < j; k++) A[j][k] = A[k][j];
    A[j][j] += lambda * W;
  }
  const coef = solve(A, b);
  return { intercept: ym - coef.reduce((s, c, j) => s + c * zm[j], 0), coef };
}

export const predict = (Z, m) => Z.map((row) => row.reduce((s, v, j) => s + v * m.coef[j], m.intercept));
