/** Tempo, pulse clarity, onset rate and percussiveness from the mel frames. */
import { MEL_BANDS, type FrameData } from './frames.js';

/** Log mel energy (dB) with an 80 dB floor below the loudest band (near-silent bands add no noise). */
function flooredLogMel(d: FrameData): Float64Array {
  const log = new Float64Array(d.mel.length);
  let max = -Infinity;
  for (let i = 0; i < log.length; i++) {
    log[i] = 10 * Math.log10(d.mel[i] + 1e-10);
    if (log[i] > max) max = log[i];
  }
  for (let i = 0; i < log.length; i++) log[i] = Math.max(log[i], max - 80);
  return log;
}

/** Onset strength: the mean rise of log mel energy from one frame to the next, over mel bands [lo, hi). */
export function onsetEnvelope(d: FrameData, lo = 0, hi = MEL_BANDS, log = flooredLogMel(d)): Float64Array {
  const env = new Float64Array(d.count);
  for (let t = 1; t < d.count; t++) {
    let s = 0;
    for (let b = lo; b < hi; b++) s += Math.max(0, log[t * MEL_BANDS + b] - log[(t - 1) * MEL_BANDS + b]);
    env[t] = s / (hi - lo);
  }
  return env;
}

export interface Rhythm {
  /** Beats per minute. */
  tempo: number;
  /** 0..1: how strongly the onsets repeat at the beat period. */
  pulseClarity: number;
  /** Clear onsets per second. */
  onsetRate: number;
  /** Mean onset strength (dB per frame). */
  flux: number;
  fluxStd: number;
  /** Mean onset strength of the bass bands (< 200 Hz: kick, bass) and the treble bands (> 3 kHz: hats, cymbals). */
  fluxLow: number;
  fluxHigh: number;
}

export function rhythm(d: FrameData): Rhythm {
  const log = flooredLogMel(d);
  const env = onsetEnvelope(d, 0, MEL_BANDS, log);
  const n = env.length;
  const mean = env.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const std = Math.sqrt(env.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n));
  // Remove the slow trend (about 1 s) so the autocorrelation sees the pulse, not the loudness curve.
  const w = Math.round(d.fps);
  const hp = new Float64Array(n);
  let run = 0;
  for (let i = 0; i < n; i++) {
    run += env[i];
    if (i >= w) run -= env[i - w];
    hp[i] = Math.max(0, env[i] - run / Math.min(i + 1, w));
  }
  const minLag = Math.max(1, Math.floor((60 / 220) * d.fps));
  const maxLag = Math.min(n - 1, Math.ceil((60 / 40) * d.fps));
  let r0 = 0;
  for (let i = 0; i < n; i++) r0 += hp[i] * hp[i];
  const ac = new Float64Array(maxLag + 2);
  for (let lag = minLag - 1; lag <= maxLag + 1 && lag < n; lag++) {
    let s = 0;
    for (let i = lag; i < n; i++) s += hp[i] * hp[i - lag];
    ac[lag] = r0 > 0 ? s / r0 : 0;
  }
  let best = -1,
    bestScore = -Infinity,
    clarity = 0;
  for (let lag = minLag; lag <= maxLag; lag++) {
    const bpm = (60 * d.fps) / lag;
    // A broad prior around 120 BPM, as listeners tap: resolves double/half tempo ambiguity.
    const prior = Math.exp(-0.5 * (Math.log2(bpm / 120) / 1) ** 2);
    const score = ac[lag] * prior;
    if (ac[lag] > clarity) clarity = ac[lag];
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  let tempo = 0;
  if (best > 0 && r0 > 0) {
    const a = ac[best - 1],
      b = ac[best],
      c = ac[best + 1];
    const denom = a - 2 * b + c;
    const shift = denom !== 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / denom)) : 0;
    tempo = (60 * d.fps) / (best + shift);
  }
  let peaks = 0;
  const thr = mean + 0.5 * std;
  for (let i = 3; i < n - 3; i++) {
    if (env[i] <= thr) continue;
    let isMax = true;
    for (let j = i - 3; j <= i + 3 && isMax; j++) if (env[j] > env[i]) isMax = false;
    if (isMax) peaks++;
  }
  const meanOf = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
  const lowBands = d.melCentres.filter((f) => f < 200).length;
  const highFrom = d.melCentres.findIndex((f) => f > 3000);
  return {
    fluxLow: lowBands > 0 ? meanOf(onsetEnvelope(d, 0, lowBands, log)) : 0,
    fluxHigh: highFrom >= 0 ? meanOf(onsetEnvelope(d, highFrom, MEL_BANDS, log)) : 0,
    tempo: r0 > 0 ? tempo : 0,
    pulseClarity: Math.max(0, Math.min(1, clarity)),
    onsetRate: n > 0 ? peaks / (n / d.fps) : 0,
    flux: mean,
    fluxStd: std,
  };
}

/** Median of values[0, len), which it sorts in place (insertion sort: len is at most 17). */
function median(a: Float64Array, len: number): number {
  for (let i = 1; i < len; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
  return len % 2 ? a[len >> 1] : 0.5 * (a[len / 2 - 1] + a[len / 2]);
}

/**
 * Per band, the median of x over frames t - r .. t + r (cut at the ends): a window kept sorted as it
 * slides (one value out, one in), instead of sorting every window anew.
 */
function timeMedians(x: Float64Array, T: number, B: number, r: number): Float64Array {
  const out = new Float64Array(T * B);
  const win = new Float64Array(2 * r + 1);
  for (let b = 0; b < B; b++) {
    let n = 0;
    // The window of frame 0: frames 0 .. r.
    for (let u = 0; u <= Math.min(T - 1, r); u++) n = insertSorted(win, n, x[u * B + b]);
    for (let t = 0; t < T; t++) {
      out[t * B + b] = n % 2 ? win[n >> 1] : 0.5 * (win[n / 2 - 1] + win[n / 2]);
      // Slide to frame t + 1: frame t - r leaves, frame t + r + 1 enters.
      if (t - r >= 0) n = removeSorted(win, n, x[(t - r) * B + b]);
      if (t + r + 1 < T) n = insertSorted(win, n, x[(t + r + 1) * B + b]);
    }
  }
  return out;
}

function insertSorted(a: Float64Array, n: number, v: number): number {
  let j = n;
  while (j > 0 && a[j - 1] > v) {
    a[j] = a[j - 1];
    j--;
  }
  a[j] = v;
  return n + 1;
}

function removeSorted(a: Float64Array, n: number, v: number): number {
  let j = 0;
  while (j < n && a[j] !== v) j++;
  for (; j < n - 1; j++) a[j] = a[j + 1];
  return n - 1;
}

/**
 * Share of the energy in percussive (short, broadband) events rather than sustained tones:
 * median filtering across time keeps tones, across frequency keeps hits (Fitzgerald's HPSS).
 */
export function percussiveRatio(d: FrameData): number {
  const T = d.count,
    B = MEL_BANDS;
  if (T === 0) return 0;
  const mag = d.mel.map(Math.sqrt);
  const harmonic = timeMedians(mag, T, B, 8);
  const tmp = new Float64Array(7);
  let perc = 0,
    total = 0;
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const h = harmonic[t * B + b];
      let n = 0;
      for (let c = Math.max(0, b - 3); c <= Math.min(B - 1, b + 3); c++) tmp[n++] = mag[t * B + c];
      const p = median(tmp, n);
      const m = mag[t * B + b];
      const e = m * m;
      const mask = h + p > 0 ? (p * p) / (h * h + p * p) : 0;
      perc += e * mask;
      total += e;
    }
  }
  return total > 0 ? perc / total : 0;
}
