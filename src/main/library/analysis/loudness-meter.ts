/**
 * Streaming integrated loudness (EBU R128 / ITU-R BS.1770-4): K-weighting (a high shelf and a high
 * pass, derived for any sample rate as libebur128 does), mean square per 400 ms block with 75%
 * overlap, an absolute gate at -70 LUFS and a relative gate 10 LU below the mean of the blocks that
 * pass it. The true peak comes from TruePeakMeter, fed the same chunks.
 */
import { simdKWeight, type SimdKWeight } from './kweight-simd.js';
import { TruePeakMeter } from './true-peak.js';

export interface Loudness {
  /** Integrated loudness in LUFS (-Infinity for silence). */
  integratedLufs: number;
  /** True peak in dBTP (dB of full scale, between the samples too). */
  truePeakDb: number;
}

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** The two K-weighting stages for `rate` (BS.1770 gives them for 48 kHz; this is their analogue prototype). */
function kWeighting(rate: number): [Biquad, Biquad] {
  let f0 = 1681.974450955533;
  const G = 3.999843853973347;
  let Q = 0.7071752369554196;
  let K = Math.tan((Math.PI * f0) / rate);
  const Vh = 10 ** (G / 20);
  const Vb = Vh ** 0.4996667741545416;
  let a0 = 1 + K / Q + K * K;
  const shelf: Biquad = {
    b0: (Vh + (Vb * K) / Q + K * K) / a0,
    b1: (2 * (K * K - Vh)) / a0,
    b2: (Vh - (Vb * K) / Q + K * K) / a0,
    a1: (2 * (K * K - 1)) / a0,
    a2: (1 - K / Q + K * K) / a0,
  };
  f0 = 38.13547087602444;
  Q = 0.5003270373238773;
  K = Math.tan((Math.PI * f0) / rate);
  a0 = 1 + K / Q + K * K;
  const highPass: Biquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (K * K - 1)) / a0, a2: (1 - K / Q + K * K) / a0 };
  return [shelf, highPass];
}

/** BS.1770 channel weights: surround channels count 1.41, the LFE not at all (5.1 in WAV/FLAC order). */
function channelWeights(channels: number): number[] {
  if (channels === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return new Array<number>(channels).fill(1);
}

export interface MeterOptions {
  /** Interpolate every sample for the true peak, skipping none (for checking the skipping). */
  exhaustiveTruePeak?: boolean;
  /** false: K-weighting and true-peak block maxima in JavaScript only, not WebAssembly SIMD (same results; for checking that). */
  simd?: boolean;
}

/** Push decoded audio in any chunk sizes, then read the result. */
export class LoudnessMeter {
  /** Shelf b0, b1, b2, a1, a2, then the high pass's a1, a2 (its b are 1, -2, 1). */
  private readonly coef: Float64Array;
  /** Per channel: x1, x2, y1, y2, z1, z2 (z = the second stage's output). */
  private readonly state: Float64Array;
  private readonly weights: number[];
  private readonly segmentLength: number;
  private segmentFill = 0;
  private readonly segmentSum: Float64Array;
  /** Weighted mean square of each 100 ms segment; a gating block is four in a row. */
  private readonly segments: number[] = [];
  private readonly zeros = { length: 0, data: new Float32Array(0) };
  private readonly peaks: TruePeakMeter;
  private readonly simd: SimdKWeight | null;
  /** Samples seen, all channels counted. */
  seen = 0;

  constructor(
    readonly rate: number,
    readonly channels: number,
    options: MeterOptions = {},
  ) {
    const [f1, f2] = kWeighting(rate);
    this.coef = Float64Array.of(f1.b0, f1.b1, f1.b2, f1.a1, f1.a2, f2.a1, f2.a2);
    this.state = new Float64Array(channels * 6);
    this.weights = channelWeights(channels);
    this.segmentLength = Math.round(rate / 10);
    this.segmentSum = new Float64Array(channels);
    this.peaks = new TruePeakMeter(rate, channels, options.exhaustiveTruePeak ?? false, options.simd !== false);
    this.simd = options.simd === false ? null : simdKWeight();
  }

  /** Samples interpolated for the true peak (how much its skipping saves against `seen`). */
  get interpolated(): number {
    return this.peaks.interpolated;
  }

  push(channelData: Float32Array[], length: number): void {
    const input = Array.from({ length: this.channels }, (_, c) => this.channel(channelData[c], length));
    let i = 0;
    while (i < length) {
      const n = Math.min(length - i, this.segmentLength - this.segmentFill);
      // Two channels in one loop: their filters are independent, so the CPU overlaps them.
      let c = 0;
      const simd = this.simd && n <= this.simd.cap ? this.simd : null;
      for (; c + 1 < this.channels; c += 2) {
        if (simd) simd.pair(this.coef, this.state, c * 6, this.segmentSum, c, input[c], input[c + 1], i, n);
        else this.kWeightPair(c, input[c], input[c + 1], i, n);
      }
      if (c < this.channels) this.kWeight(c, input[c], i, n);
      i += n;
      this.segmentFill += n;
      if (this.segmentFill === this.segmentLength) this.closeSegment();
    }
    this.peaks.push(input, length);
    this.seen += length * this.channels;
  }

  /** A channel's samples, or silence where the chunk has fewer channels than the meter. */
  private channel(x: Float32Array | undefined, length: number): Float32Array {
    if (x && x.length >= length) return x;
    if (this.zeros.length < length) this.zeros.data = new Float32Array((this.zeros.length = length));
    if (x) {
      const padded = new Float32Array(length);
      padded.set(x);
      return padded;
    }
    return this.zeros.data;
  }

  /** K-weights samples [from, from + n) of channel c, adding their squares to the segment's sum. */
  private kWeight(c: number, x: Float32Array, from: number, n: number): void {
    const k = this.coef;
    const b0 = k[0],
      b1 = k[1],
      b2 = k[2],
      a1 = k[3],
      a2 = k[4],
      h1 = k[5],
      h2 = k[6];
    const s = this.state;
    const o = c * 6;
    let x1 = s[o],
      x2 = s[o + 1],
      y1 = s[o + 2],
      y2 = s[o + 3],
      z1 = s[o + 4],
      z2 = s[o + 5];
    let sum = this.segmentSum[c];
    for (let i = from, end = from + n; i < end; i++) {
      const v = x[i];
      // Direct form I, two stages (the high pass's b0, b1, b2 = 1, -2, 1).
      const y = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      const z = y - 2 * y1 + y2 - h1 * z1 - h2 * z2;
      x2 = x1;
      x1 = v;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      sum += z * z;
    }
    s[o] = x1;
    s[o + 1] = x2;
    s[o + 2] = y1;
    s[o + 3] = y2;
    s[o + 4] = z1;
    s[o + 5] = z2;
    this.segmentSum[c] = sum;
  }

  /** kWeight unrolled for channels c and c + 1 so the CPU overlaps their independent filters (same arithmetic, same order). */
  private kWeightPair(c: number, xa: Float32Array, xb: Float32Array, from: number, n: number): void {
    const k = this.coef;
    const b0 = k[0],
      b1 = k[1],
      b2 = k[2],
      a1 = k[3],
      a2 = k[4],
      h1 = k[5],
      h2 = k[6];
    const s = this.state;
    const o = c * 6;
    let ax1 = s[o],
      ax2 = s[o + 1],
      ay1 = s[o + 2],
      ay2 = s[o + 3],
      az1 = s[o + 4],
      az2 = s[o + 5];
    let bx1 = s[o + 6],
      bx2 = s[o + 7],
      by1 = s[o + 8],
      by2 = s[o + 9],
      bz1 = s[o + 10],
      bz2 = s[o + 11];
    let sa = this.segmentSum[c],
      sb = this.segmentSum[c + 1];
    for (let i = from, end = from + n; i < end; i++) {
      const va = xa[i];
      const vb = xb[i];
      const ya = b0 * va + b1 * ax1 + b2 * ax2 - a1 * ay1 - a2 * ay2;
      const yb = b0 * vb + b1 * bx1 + b2 * bx2 - a1 * by1 - a2 * by2;
      const za = ya - 2 * ay1 + ay2 - h1 * az1 - h2 * az2;
      const zb = yb - 2 * by1 + by2 - h1 * bz1 - h2 * bz2;
      ax2 = ax1;
      ax1 = va;
      ay2 = ay1;
      ay1 = ya;
      az2 = az1;
      az1 = za;
      bx2 = bx1;
      bx1 = vb;
      by2 = by1;
      by1 = yb;
      bz2 = bz1;
      bz1 = zb;
      sa += za * za;
      sb += zb * zb;
    }
    s[o] = ax1;
    s[o + 1] = ax2;
    s[o + 2] = ay1;
    s[o + 3] = ay2;
    s[o + 4] = az1;
    s[o + 5] = az2;
    s[o + 6] = bx1;
    s[o + 7] = bx2;
    s[o + 8] = by1;
    s[o + 9] = by2;
    s[o + 10] = bz1;
    s[o + 11] = bz2;
    this.segmentSum[c] = sa;
    this.segmentSum[c + 1] = sb;
  }

  private closeSegment(): void {
    let sum = 0;
    for (let c = 0; c < this.channels; c++) {
      sum += this.weights[c] * (this.segmentSum[c] / this.segmentLength);
      this.segmentSum[c] = 0;
    }
    this.segments.push(sum);
    this.segmentFill = 0;
  }

  result(): Loudness {
    const blocks: number[] = [];
    for (let i = 3; i < this.segments.length; i++) {
      blocks.push((this.segments[i] + this.segments[i - 1] + this.segments[i - 2] + this.segments[i - 3]) / 4);
    }
    const lufs = (ms: number) => -0.691 + 10 * Math.log10(ms);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const absolute = blocks.filter((b) => lufs(b) > -70);
    let integratedLufs = -Infinity;
    if (absolute.length > 0) {
      const gate = lufs(mean(absolute)) - 10;
      const relative = absolute.filter((b) => lufs(b) > gate);
      if (relative.length > 0) integratedLufs = lufs(mean(relative));
    }
    return { integratedLufs, truePeakDb: 20 * Math.log10(this.peaks.peak || 1e-10) };
  }
}
