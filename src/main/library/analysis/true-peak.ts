/**
 * True peak (ITU-R BS.1770-4): 4x oversampling with a polyphase windowed-sinc interpolator.
 * Blocks whose samples cannot lift the peak found so far are skipped, with the same result as
 * interpolating every sample.
 */

import { simdKWeight, type SimdKWeight } from './kweight-simd.js';

const OVERSAMPLE = 4;
const TAPS_PER_PHASE = 12;
/** Samples before the newest that one interpolated point also reads. */
const HALO = TAPS_PER_PHASE - 1;
/** Samples per true-peak block (at least HALO, so a block's window lies within it and the block before). */
const BLOCK = 32;

/** Polyphase windowed-sinc interpolator taps, phase-major: INTERPOLATOR[p * TAPS_PER_PHASE + k]. */
const INTERPOLATOR: Float64Array = (() => {
  const n = OVERSAMPLE * TAPS_PER_PHASE;
  const centre = (n - 1) / 2;
  const taps = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    const t = (m - centre) / OVERSAMPLE;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * (m + 0.5)) / n) + 0.08 * Math.cos((4 * Math.PI * (m + 0.5)) / n);
    taps[(m % OVERSAMPLE) * TAPS_PER_PHASE + Math.floor(m / OVERSAMPLE)] = sinc * w;
  }
  return taps;
})();

/**
 * No interpolated point can exceed this times the largest sample it is made from (the largest sum
 * of |taps| over the phases; a hair more for rounding). A block whose samples, times this, stay
 * under the peak found so far cannot raise it and is skipped: the result is the same as
 * interpolating every sample.
 */
const GAIN_BOUND = (() => {
  let g = 0;
  for (let p = 0; p < OVERSAMPLE; p++) {
    let s = 0;
    for (let k = 0; k < TAPS_PER_PHASE; k++) s += Math.abs(INTERPOLATOR[p * TAPS_PER_PHASE + k]);
    g = Math.max(g, s);
  }
  return g * (1 + 1e-9);
})();

/** Streaming true-peak meter: push every channel's chunk in order; `peak` is the largest |value| so far. */
export class TruePeakMeter {
  /** Per channel: the last HALO samples pushed (silence before the first). */
  private halo: Float32Array[];
  /** Block 0's window: the halo, then the chunk's first block. */
  private readonly first = new Float32Array(HALO + BLOCK);
  private blockMax = new Float64Array(0);
  private readonly tailMax: Float64Array;
  /** Only below 96 kHz; at higher rates the sample peak stands for the true peak. */
  private readonly oversample: boolean;
  /** Largest |sample| or interpolated point so far (a ratio of full scale). */
  peak = 0;
  /** Samples interpolated (how much the skipping saves). */
  interpolated = 0;
  private readonly simd: SimdKWeight | null;

  constructor(
    rate: number,
    readonly channels: number,
    /** Interpolate every sample, skipping none (for checking the skipping). */
    private readonly exhaustive = false,
    /** false: block maxima in JavaScript only, not WebAssembly SIMD (same results; for checking that). */
    simd = true,
  ) {
    this.simd = simd ? simdKWeight() : null;
    this.halo = Array.from({ length: channels }, () => new Float32Array(HALO));
    this.tailMax = new Float64Array(channels);
    this.oversample = rate < 96000;
  }

  /** Samples [0, length) of every channel (each at least `length` long). */
  push(input: Float32Array[], length: number): void {
    // Sample peaks first (per true-peak block): they raise the bar the blocks are checked against.
    const blocks = Math.ceil(length / BLOCK);
    if (this.blockMax.length < blocks * this.channels) this.blockMax = new Float64Array(blocks * this.channels);
    for (let c = 0; c < this.channels; c++) {
      const all =
        this.simd?.blockMaxima(input[c], length, this.blockMax, c * blocks, BLOCK) ??
        blockMaxima(input[c], length, this.blockMax, c * blocks);
      this.peak = Math.max(this.peak, all);
    }
    if (this.oversample) for (let c = 0; c < this.channels; c++) this.interpolate(c, input[c], length, c * blocks);
  }

  /**
   * 4x oversampled peak of channel c: each new sample gives four points between it and the samples
   * before (newest sample at tap 0). Blocks that cannot pass the peak so far are skipped; the others
   * are read in place (block 0 through a window that puts the previous chunk's last samples first).
   */
  private interpolate(c: number, x: Float32Array, length: number, firstBlock: number): void {
    const bm = this.blockMax;
    const blocks = Math.ceil(length / BLOCK);
    const halo = this.halo[c];
    let peak = this.peak;
    // The window of block b's points: its own samples and the HALO before (in block b - 1, or the halo).
    let before = this.tailMax[c];
    for (let b = 0; b < blocks; b++) {
      const own = bm[firstBlock + b];
      const m = before > own ? before : own;
      before = own;
      if (!this.exhaustive && m * GAIN_BOUND <= peak) continue;
      const from = b * BLOCK;
      const end = Math.min(length, from + BLOCK);
      this.interpolated += end - from;
      if (b > 0) peak = interpolatedPeak(x, from, end, peak);
      else {
        const w = this.first;
        w.set(halo);
        w.set(x.subarray(0, end), HALO);
        peak = interpolatedPeak(w, HALO, HALO + end, peak);
      }
    }
    this.peak = peak;
    // Keep the last HALO samples for the next chunk's first points.
    if (length >= HALO) halo.set(x.subarray(length - HALO, length));
    else {
      halo.copyWithin(0, length);
      halo.set(x.subarray(0, length), HALO - length);
    }
    let tail = 0;
    for (let i = 0; i < HALO; i++) tail = Math.max(tail, Math.abs(halo[i]));
    this.tailMax[c] = tail;
  }
}

/** The largest of `peak` and the interpolated points of samples [from, end) of w (from >= HALO). */
function interpolatedPeak(w: Float32Array, from: number, end: number, peak: number): number {
  const t = INTERPOLATOR;
  for (let j = from; j < end; j++) {
    for (let p = 0; p < OVERSAMPLE * TAPS_PER_PHASE; p += TAPS_PER_PHASE) {
      // Newest sample at tap 0; summed in tap order.
      const v =
        t[p] * w[j] +
        t[p + 1] * w[j - 1] +
        t[p + 2] * w[j - 2] +
        t[p + 3] * w[j - 3] +
        t[p + 4] * w[j - 4] +
        t[p + 5] * w[j - 5] +
        t[p + 6] * w[j - 6] +
        t[p + 7] * w[j - 7] +
        t[p + 8] * w[j - 8] +
        t[p + 9] * w[j - 9] +
        t[p + 10] * w[j - 10] +
        t[p + 11] * w[j - 11];
      const a = Math.abs(v);
      if (a > peak) peak = a;
    }
  }
  return peak;
}

/** Writes the largest |sample| of each BLOCK of x[0, length) to out[at...]; returns the largest of all. */
function blockMaxima(x: Float32Array, length: number, out: Float64Array, at: number): number {
  let all = 0;
  let b = at;
  let from = 0;
  // Four running maxima per block: independent, so the CPU overlaps them.
  for (; from + BLOCK <= length; from += BLOCK, b++) {
    let m0 = 0,
      m1 = 0,
      m2 = 0,
      m3 = 0;
    for (let i = from; i < from + BLOCK; i += 4) {
      const a0 = Math.abs(x[i]),
        a1 = Math.abs(x[i + 1]),
        a2 = Math.abs(x[i + 2]),
        a3 = Math.abs(x[i + 3]);
      m0 = a0 > m0 ? a0 : m0;
      m1 = a1 > m1 ? a1 : m1;
      m2 = a2 > m2 ? a2 : m2;
      m3 = a3 > m3 ? a3 : m3;
    }
    const lo = m0 > m1 ? m0 : m1;
    const hi = m2 > m3 ? m2 : m3;
    const m = lo > hi ? lo : hi;
    out[b] = m;
    if (m > all) all = m;
  }
  if (from < length) {
    let m = 0;
    for (let i = from; i < length; i++) {
      const a = Math.abs(x[i]);
      if (a > m) m = a;
    }
    out[b] = m;
    if (m > all) all = m;
  }
  return all;
}
