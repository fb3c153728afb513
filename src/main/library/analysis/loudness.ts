/**
 * Integrated loudness and true peak of a whole track (EBU R128 / ITU-R BS.1770-4): K-weighting
 * (a high shelf and a high pass, derived for any sample rate as libebur128 does), mean square per
 * 400 ms block with 75% overlap, an absolute gate at -70 LUFS and a relative gate 10 LU below the
 * mean of the blocks that pass it. True peak: 4x oversampling with a windowed-sinc interpolator.
 * Playback uses the result as a gain toward REFERENCE_LUFS that never pushes the peak past PEAK_CEILING_DB.
 */
import { spawn } from 'node:child_process';
import type { FileHandle } from 'node:fs/promises';
import { makeDecoder, openAudio, type Decoded } from './decode.js';
import { AnalysisError } from './errors.js';
import { readWavInfo } from './wav.js';

export const REFERENCE_LUFS = -18;
/** Where the loudest (true) peak may land after the gain: EBU R128's -1 dBTP. */
export const PEAK_CEILING_DB = -1;

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

export interface MeterOptions {
  /** Interpolate every sample for the true peak, skipping none (for checking the skipping). */
  exhaustiveTruePeak?: boolean;
}

/** Streaming meter: push decoded audio in any chunk sizes, then read the result. */
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
  /** Per channel: the last HALO samples pushed, then room for the next chunk (grown as needed). */
  private work: Float32Array[];
  private blockMax = new Float64Array(0);
  private readonly tailMax: Float64Array;
  private readonly zeros = { length: 0, data: new Float32Array(0) };
  private readonly exhaustive: boolean;
  private peak = 0;
  /** Samples interpolated and samples seen (how much the skipping saves). */
  interpolated = 0;
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
    this.work = Array.from({ length: channels }, () => new Float32Array(HALO));
    this.tailMax = new Float64Array(channels);
    this.exhaustive = options.exhaustiveTruePeak ?? false;
  }

  push(channelData: Float32Array[], length: number): void {
    const input = Array.from({ length: this.channels }, (_, c) => this.channel(channelData[c], length));
    const oversample = this.rate < 96000;
    // Sample peaks first (per true-peak block): they raise the bar the blocks are checked against.
    const blocks = Math.ceil(length / BLOCK);
    if (this.blockMax.length < blocks * this.channels) this.blockMax = new Float64Array(blocks * this.channels);
    for (let c = 0; c < this.channels; c++) this.peak = Math.max(this.peak, blockMaxima(input[c], length, this.blockMax, c * blocks));
    let i = 0;
    while (i < length) {
      const n = Math.min(length - i, this.segmentLength - this.segmentFill);
      // Two channels in one loop: their filters are independent, so the CPU overlaps them.
      let c = 0;
      for (; c + 1 < this.channels; c += 2) this.kWeightPair(c, input[c], input[c + 1], i, n);
      if (c < this.channels) this.kWeight(c, input[c], i, n);
      i += n;
      this.segmentFill += n;
      if (this.segmentFill === this.segmentLength) this.closeSegment();
    }
    if (oversample) for (let c = 0; c < this.channels; c++) this.truePeak(c, input[c], length, c * blocks);
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

  /** kWeight for channels c and c + 1 together (the same arithmetic, in the same order, per channel). */
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

  /**
   * 4x oversampled peak of channel c: each new sample gives four points between it and the samples
   * before (newest sample at tap 0). Blocks that cannot pass the peak so far are skipped.
   */
  private truePeak(c: number, x: Float32Array, length: number, firstBlock: number): void {
    let w = this.work[c];
    if (w.length < HALO + length) {
      const grown = new Float32Array(HALO + length);
      grown.set(w.subarray(0, HALO));
      w = this.work[c] = grown;
    }
    w.set(x.subarray(0, length), HALO);
    const bm = this.blockMax;
    const blocks = Math.ceil(length / BLOCK);
    const t = INTERPOLATOR;
    let peak = this.peak;
    // The window of block b's points: its own samples and the HALO before (in block b - 1, or the tail).
    let before = this.tailMax[c];
    for (let b = 0; b < blocks; b++) {
      const own = bm[firstBlock + b];
      const m = before > own ? before : own;
      before = own;
      if (!this.exhaustive && m * GAIN_BOUND <= peak) continue;
      const end = HALO + Math.min(length, (b + 1) * BLOCK);
      this.interpolated += end - HALO - b * BLOCK;
      for (let j = HALO + b * BLOCK; j < end; j++) {
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
    }
    this.peak = peak;
    // Keep the last HALO samples for the next chunk's first points.
    w.copyWithin(0, length, length + HALO);
    let tail = 0;
    for (let i = 0; i < HALO; i++) tail = Math.max(tail, Math.abs(w[i]));
    this.tailMax[c] = tail;
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
    return { integratedLufs, truePeakDb: 20 * Math.log10(this.peak || 1e-10) };
  }
}

/** Writes the largest |sample| of each BLOCK of x[0, length) to out[at...]; returns the largest of all. */
function blockMaxima(x: Float32Array, length: number, out: Float64Array, at: number): number {
  let all = 0;
  for (let from = 0, b = at; from < length; from += BLOCK, b++) {
    let m = 0;
    for (let i = from, end = Math.min(length, from + BLOCK); i < end; i++) {
      const a = Math.abs(x[i]);
      if (a > m) m = a;
    }
    out[b] = m;
    if (m > all) all = m;
  }
  return all;
}

/** The gain (dB) that brings a track to REFERENCE_LUFS without its peak passing PEAK_CEILING_DB. */
export function normalisationGain(l: Loudness, reference = REFERENCE_LUFS): number {
  if (!Number.isFinite(l.integratedLufs)) return 0;
  return Math.min(reference - l.integratedLufs, PEAK_CEILING_DB - l.truePeakDb);
}

/** A ReplayGain tag's gain, lowered where its peak (a ratio of full scale) would pass PEAK_CEILING_DB. */
export function limitedGain(gainDb: number, peak: number | null): number {
  if (!peak || !(peak > 0)) return gainDb;
  return Math.min(gainDb, PEAK_CEILING_DB - 20 * Math.log10(peak));
}

/** Parses the summary that ffmpeg's `ebur128` filter prints at the end (stderr). */
export function parseEbur128Summary(stderr: string): Loudness | null {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const i = /I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(summary);
  if (!i) return null;
  const peak = /Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(summary);
  const num = (s: string) => (s === '-inf' ? -Infinity : Number(s));
  return { integratedLufs: num(i[1]), truePeakDb: peak ? num(peak[1]) : 0 };
}

/** ffmpeg's own meter, for the formats without a JS decoder (AAC/M4A, Ogg FLAC) and for checking ours. */
export function ffmpegLoudness(path: string): Promise<Loudness> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-nostats', '-nostdin', '-i', path, '-vn', '-af', 'ebur128=peak=true', '-f', 'null', '-'];
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      err = (err + b.toString()).slice(-8000);
    });
    child.on('error', () => reject(new AnalysisError('unsupported', 'measuring the loudness of AAC/M4A needs ffmpeg installed')));
    child.on('close', (code) => {
      const l = code === 0 ? parseEbur128Summary(err) : null;
      if (l) resolve(l);
      else reject(new AnalysisError('corrupt', 'could not measure the loudness (the audio could not be decoded)'));
    });
  });
}

const CHUNK = 128 * 1024;

export async function measureWav(fh: FileHandle, size: number): Promise<Loudness> {
  const info = await readWavInfo(fh, size);
  const bytes = info.bits / 8;
  const frameBytes = bytes * info.channels;
  const meter = new LoudnessMeter(info.rate, info.channels);
  const framesPerChunk = Math.floor(CHUNK / frameBytes);
  const buf = Buffer.alloc(framesPerChunk * frameBytes);
  const channels = Array.from({ length: info.channels }, () => new Float32Array(framesPerChunk));
  const read = (o: number): number => {
    if (info.float) return bytes === 4 ? buf.readFloatLE(o) : buf.readDoubleLE(o);
    if (bytes === 1) return (buf[o] - 128) / 128;
    if (bytes === 2) return buf.readInt16LE(o) / 32768;
    if (bytes === 3) return buf.readIntLE(o, 3) / 8388608;
    return buf.readInt32LE(o) / 2147483648;
  };
  for (let pos = 0; pos < info.dataBytes; pos += buf.length) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, info.dataBytes - pos), info.dataOffset + pos);
    const frames = Math.floor(bytesRead / frameBytes);
    if (frames === 0) break;
    for (let i = 0; i < frames; i++) for (let c = 0; c < info.channels; c++) channels[c][i] = read(i * frameBytes + c * bytes);
    meter.push(channels, frames);
  }
  return meter.result();
}

/** Decodes the whole file (chunk by chunk, so memory stays flat) and measures it. */
export async function measureLoudness(path: string): Promise<Loudness> {
  const { fh, size, tag, format } = await openAudio(path);
  try {
    if (format === 'wav') return await measureWav(fh, size);
    if (format === 'mp4' || format === 'aac' || format === 'ogg-flac') return await ffmpegLoudness(path);
    const decoder = await makeDecoder(format);
    await decoder.ready;
    let meter: LoudnessMeter | null = null;
    const feed = (d: Decoded) => {
      if (d.samplesDecoded === 0 || d.channelData.length === 0) return;
      meter ??= new LoudnessMeter(d.sampleRate, d.channelData.length);
      meter.push(d.channelData, d.samplesDecoded);
    };
    try {
      const chunk = Buffer.alloc(CHUNK);
      for (let pos = tag; pos < size; pos += CHUNK) {
        const { bytesRead } = await fh.read(chunk, 0, CHUNK, pos);
        if (bytesRead === 0) break;
        feed(await decoder.decode(chunk.slice(0, bytesRead)));
      }
      if (decoder.flush) feed(await decoder.flush());
    } catch (e) {
      throw new AnalysisError('corrupt', `the audio data is damaged (${(e as Error).message})`);
    } finally {
      decoder.free();
    }
    if (!meter) throw new AnalysisError('corrupt', 'no audio could be decoded (damaged or not really audio)');
    return (meter as LoudnessMeter).result();
  } finally {
    await fh.close().catch(() => {});
  }
}
