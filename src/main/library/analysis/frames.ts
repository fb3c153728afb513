/**
 * One pass over short overlapping frames of mono PCM: per frame, the level, a few spectral
 * shape measures, mel band energies and a chroma vector. Only these small per-frame summaries
 * are kept (not the full spectra), so memory stays small for any excerpt length.
 */
import { Fft } from './fft.js';

export const FRAME = 2048;
export const HOP = 512;
export const MEL_BANDS = 40;

export interface FrameData {
  rate: number;
  count: number;
  /** Frame rate in frames per second. */
  fps: number;
  rmsDb: Float64Array;
  centroid: Float64Array;
  rolloff: Float64Array;
  flatness: Float64Array;
  zcr: Float64Array;
  /** Share of the frame's power above 2 kHz and below 250 Hz. */
  trebleFrac: Float64Array;
  bassFrac: Float64Array;
  /** Mean power above 2 kHz (the loudness-above-2-kHz baseline of the mood literature). */
  treblePower: Float64Array;
  power: Float64Array;
  /** count x MEL_BANDS, linear power. */
  mel: Float64Array;
  /** count x 12, each frame normalised to sum 1 (zeros for silent frames). */
  chroma: Float64Array;
  /** Spectral contrast (dB): peaks minus valleys in octave bands from 200 Hz, averaged over bands. */
  contrast: Float64Array;
  /** Sensory roughness of the strongest partials (Sethares), relative to their energy. */
  roughness: Float64Array;
  /** Spectral entropy, 0 (one pure tone) .. 1 (white noise). */
  entropy: Float64Array;
  /** Centre frequency of each mel band (Hz). */
  melCentres: number[];
}

const CONTRAST_EDGES = [200, 400, 800, 1600, 3200, 6400];

const hzToMel = (f: number) => 2595 * Math.log10(1 + f / 700);
const melToHz = (m: number) => 700 * (10 ** (m / 2595) - 1);

/** Triangular mel filters between 30 Hz and 10 kHz, as [startBin, weights] per band. */
function melEdges(rate: number): number[] {
  const lo = hzToMel(30);
  const hi = hzToMel(Math.min(10_000, rate / 2));
  return Array.from({ length: MEL_BANDS + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (MEL_BANDS + 1)));
}

function melFilters(rate: number): Array<{ start: number; w: Float64Array }> {
  const edges = melEdges(rate);
  const binHz = rate / FRAME;
  return Array.from({ length: MEL_BANDS }, (_, b) => {
    const [f0, f1, f2] = [edges[b], edges[b + 1], edges[b + 2]];
    const start = Math.max(1, Math.floor(f0 / binHz));
    const end = Math.min(FRAME / 2, Math.ceil(f2 / binHz));
    const w = new Float64Array(end - start + 1);
    for (let k = start; k <= end; k++) {
      const f = k * binHz;
      w[k - start] = f <= f1 ? Math.max(0, (f - f0) / (f1 - f0)) : Math.max(0, (f2 - f) / (f2 - f1));
    }
    return { start, w };
  });
}

const ROUGH_PARTIALS = 24;

/**
 * The indices of the `ROUGH_PARTIALS` largest of a[0, n), largest first, equal ones in index order
 * (as a stable sort by size would give them), into `order`; returns how many.
 */
function strongest(a: number[], n: number, order: Int32Array): number {
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (k === ROUGH_PARTIALS && !(v > a[order[k - 1]])) continue;
    let j = k < ROUGH_PARTIALS ? k++ : k - 1;
    while (j > 0 && v > a[order[j - 1]]) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = i;
  }
  return k;
}

const roughOrder = new Int32Array(ROUGH_PARTIALS);

/** Sethares' dissonance summed over pairs of the 24 strongest partials, over their energy. */
function roughness(f: number[], a: number[]): number {
  const order = roughOrder.subarray(0, strongest(a, a.length, roughOrder));
  let r = 0,
    e = 0;
  for (let i = 0; i < order.length; i++) {
    const fi = f[order[i]],
      ai = a[order[i]];
    e += ai * ai;
    for (let j = i + 1; j < order.length; j++) {
      const fj = f[order[j]],
        aj = a[order[j]];
      const lo = Math.min(fi, fj);
      const s = 0.24 / (0.0207 * lo + 18.96);
      const df = Math.abs(fj - fi);
      r += ai * aj * (Math.exp(-3.51 * s * df) - Math.exp(-5.75 * s * df));
    }
  }
  return e > 0 ? r / e : 0;
}

/** Rearranges a[lo, hi) so that a[k] holds the value a sort would put there, smaller ones before it, larger after. */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  hi--;
  while (hi > lo) {
    const pivot = median3(a[lo], a[(lo + hi) >> 1], a[hi]);
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

const median3 = (x: number, y: number, z: number) => (x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y);

/**
 * Puts the q smallest of a[0, n) in a[0, q) and the q largest in a[n - q, n), both in ascending
 * order, as a full sort would (only the tails are sorted: the contrast reads nothing else).
 */
function sortTails(a: Float64Array, n: number, q: number): void {
  if (2 * q >= n) return void a.subarray(0, n).sort();
  select(a, 0, n, q - 1);
  select(a, q, n, n - q);
  a.subarray(0, q).sort();
  a.subarray(n - q, n).sort();
}

export function analyseFrames(pcm: Float32Array, rate: number): FrameData {
  const count = Math.max(0, Math.floor((pcm.length - FRAME) / HOP) + 1);
  const fft = new Fft(FRAME);
  const window = Float64Array.from({ length: FRAME }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FRAME));
  const filters = melFilters(rate);
  const binHz = rate / FRAME;
  const bins = FRAME / 2 + 1;
  const k2k = Math.ceil(2000 / binHz);
  const k250 = Math.floor(250 / binHz);
  const kFlatLo = Math.ceil(50 / binHz);
  const kFlatHi = Math.floor(8000 / binHz);
  const kChromaLo = Math.ceil(100 / binHz);
  const kChromaHi = Math.floor(5000 / binHz);
  // Pitch class of each bin, measured from A (A = 9 in C-based pitch classes).
  const d: FrameData = {
    rate,
    count,
    fps: rate / HOP,
    rmsDb: new Float64Array(count),
    centroid: new Float64Array(count),
    rolloff: new Float64Array(count),
    flatness: new Float64Array(count),
    zcr: new Float64Array(count),
    trebleFrac: new Float64Array(count),
    bassFrac: new Float64Array(count),
    treblePower: new Float64Array(count),
    power: new Float64Array(count),
    mel: new Float64Array(count * MEL_BANDS),
    chroma: new Float64Array(count * 12),
    contrast: new Float64Array(count),
    roughness: new Float64Array(count),
    entropy: new Float64Array(count),
    melCentres: melEdges(rate).slice(1, -1),
  };
  const contrastBands = CONTRAST_EDGES.slice(0, -1).map(
    (lo, i) => [Math.ceil(lo / binHz), Math.floor(CONTRAST_EDGES[i + 1] / binHz)] as const,
  );
  // One work buffer per contrast band, each its band's size.
  const sortBufs = contrastBands.map(([lo, hi]) => new Float64Array(Math.max(0, hi - lo + 1)));
  const peakF: number[] = [];
  const peakA: number[] = [];
  const frame = new Float64Array(FRAME);
  const p = new Float64Array(bins);
  const mag = new Float64Array(bins);
  for (let t = 0; t < count; t++) {
    const off = t * HOP;
    let sq = 0;
    let zc = 0;
    for (let i = 0; i < FRAME; i++) {
      const v = pcm[off + i];
      sq += v * v;
      if (i > 0 && v >= 0 !== pcm[off + i - 1] >= 0) zc++;
      frame[i] = v * window[i];
    }
    d.rmsDb[t] = 10 * Math.log10(sq / FRAME + 1e-12);
    d.zcr[t] = zc / FRAME;
    fft.power(frame, p);
    let total = 0,
      weighted = 0,
      treble = 0,
      bass = 0,
      logSum = 0,
      linSum = 0;
    for (let k = 1; k < bins; k++) {
      total += p[k];
      weighted += p[k] * k * binHz;
      if (k >= k2k) treble += p[k];
      if (k <= k250) bass += p[k];
      if (k >= kFlatLo && k <= kFlatHi) {
        logSum += Math.log(p[k] + 1e-12);
        linSum += p[k];
      }
    }
    d.power[t] = total;
    let ent = 0;
    if (total > 0) for (let k = 1; k < bins; k++) if (p[k] > 0) ent -= (p[k] / total) * Math.log(p[k] / total);
    d.entropy[t] = ent / Math.log(bins - 1);
    d.treblePower[t] = treble / (bins - k2k);
    d.centroid[t] = total > 0 ? weighted / total : 0;
    d.trebleFrac[t] = total > 0 ? treble / total : 0;
    d.bassFrac[t] = total > 0 ? bass / total : 0;
    const nFlat = kFlatHi - kFlatLo + 1;
    d.flatness[t] = linSum > 0 ? Math.exp(logSum / nFlat) / (linSum / nFlat) : 0;
    let acc = 0;
    const target = 0.85 * total;
    let k = 1;
    while (k < bins - 1 && acc + p[k] < target) acc += p[k++];
    d.rolloff[t] = k * binHz;
    let contrast = 0;
    for (let band = 0; band < contrastBands.length; band++) {
      const lo = contrastBands[band][0];
      const v = sortBufs[band];
      const n = v.length;
      for (let j = 0; j < n; j++) v[j] = p[lo + j];
      const q = Math.max(1, Math.round(0.2 * n));
      sortTails(v, n, q);
      let valley = 0,
        peakSum = 0;
      for (let j = 0; j < q; j++) {
        valley += v[j];
        peakSum += v[n - 1 - j];
      }
      contrast += 10 * Math.log10((peakSum + 1e-12) / (valley + 1e-12));
    }
    d.contrast[t] = contrast / contrastBands.length;
    for (let b = 0; b < MEL_BANDS; b++) {
      const { start, w } = filters[b];
      let s = 0;
      for (let j = 0; j < w.length; j++) s += w[j] * p[start + j];
      d.mel[t * MEL_BANDS + b] = s;
    }
    // Chroma from spectral peaks only (partials), with their interpolated frequency: sharper than binning every bin.
    for (let j = kChromaLo - 1; j <= kChromaHi + 1; j++) mag[j] = Math.sqrt(p[j]);
    let csum = 0;
    const c = t * 12;
    peakF.length = 0;
    peakA.length = 0;
    for (let j = kChromaLo; j <= kChromaHi; j++) {
      const a = mag[j - 1],
        b = mag[j],
        e = mag[j + 1];
      if (!(b > a && b >= e)) continue;
      const denom = a - 2 * b + e;
      const shift = denom !== 0 ? (0.5 * (a - e)) / denom : 0;
      const f = (j + shift) * binHz;
      const midi = 69 + 12 * Math.log2(f / 440);
      const pc = ((Math.round(midi) % 12) + 12) % 12;
      // Partials far from any equal-tempered pitch (noise, drums) count less.
      const detune = Math.abs(midi - Math.round(midi));
      const weight = b * (1 - detune);
      peakF.push(f);
      peakA.push(b);
      d.chroma[c + pc] += weight;
      csum += weight;
    }
    if (csum > 0) for (let i = 0; i < 12; i++) d.chroma[c + i] /= csum;
    d.roughness[t] = roughness(peakF, peakA);
  }
  return d;
}
