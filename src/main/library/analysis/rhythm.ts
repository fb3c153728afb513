/** Tempo, pulse clarity, onset rate and percussiveness from the mel frames. */
import { MEL_BANDS, type FrameData } from './frames.js';

/** Onset strength: the mean rise of log mel energy from one frame to the next, over mel bands [lo, hi). */
export function onsetEnvelope(d: FrameData, lo = 0, hi = MEL_BANDS): Float64Array {
  const env = new Float64Array(d.count);
  const log = new Float64Array(d.mel.length);
  let max = -Infinity;
  for (let i = 0; i < log.length; i++) {
    log[i] = 10 * Math.log10(d.mel[i] + 1e-10);
    if (log[i] > max) max = log[i];
  }
  // An 80 dB floor keeps near-silent bands from adding noise.
  for (let i = 0; i < log.length; i++) log[i] = Math.max(log[i], max - 80);
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
  const env = onsetEnvelope(d);
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
    fluxLow: lowBands > 0 ? meanOf(onsetEnvelope(d, 0, lowBands)) : 0,
    fluxHigh: highFrom >= 0 ? meanOf(onsetEnvelope(d, highFrom, MEL_BANDS)) : 0,
    tempo: r0 > 0 ? tempo : 0,
    pulseClarity: Math.max(0, Math.min(1, clarity)),
    onsetRate: n > 0 ? peaks / (n / d.fps) : 0,
    flux: mean,
    fluxStd: std,
  };
}

function median(values: Float64Array, len: number): number {
  const a = values.subarray(0, len).sort();
  return len % 2 ? a[len >> 1] : 0.5 * (a[len / 2 - 1] + a[len / 2]);
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
  const tmp = new Float64Array(17);
  let perc = 0,
    total = 0;
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      let n = 0;
      for (let u = Math.max(0, t - 8); u <= Math.min(T - 1, t + 8); u++) tmp[n++] = mag[u * B + b];
      const h = median(tmp, n);
      n = 0;
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
