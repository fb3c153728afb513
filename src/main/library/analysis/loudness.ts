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

/** Polyphase windowed-sinc interpolator taps: phase p, tap k. */
const INTERPOLATOR: Float64Array[] = (() => {
  const n = OVERSAMPLE * TAPS_PER_PHASE;
  const centre = (n - 1) / 2;
  const phases = Array.from({ length: OVERSAMPLE }, () => new Float64Array(TAPS_PER_PHASE));
  for (let m = 0; m < n; m++) {
    const t = (m - centre) / OVERSAMPLE;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * (m + 0.5)) / n) + 0.08 * Math.cos((4 * Math.PI * (m + 0.5)) / n);
    phases[m % OVERSAMPLE][Math.floor(m / OVERSAMPLE)] = sinc * w;
  }
  return phases;
})();

/** Streaming meter: push decoded audio in any chunk sizes, then read the result. */
export class LoudnessMeter {
  private readonly filters: [Biquad, Biquad];
  private readonly state: Float64Array[];
  private readonly weights: number[];
  private readonly segmentLength: number;
  private segmentFill = 0;
  private readonly segmentSum: Float64Array;
  /** Weighted mean square of each 100 ms segment; a gating block is four in a row. */
  private readonly segments: number[] = [];
  private readonly history: Float64Array[];
  private historyAt = 0;
  private peak = 0;

  constructor(
    readonly rate: number,
    readonly channels: number,
  ) {
    this.filters = kWeighting(rate);
    this.state = Array.from({ length: channels }, () => new Float64Array(8));
    this.weights = channelWeights(channels);
    this.segmentLength = Math.round(rate / 10);
    this.segmentSum = new Float64Array(channels);
    this.history = Array.from({ length: channels }, () => new Float64Array(TAPS_PER_PHASE * 2));
  }

  push(channelData: Float32Array[], length: number): void {
    const [f1, f2] = this.filters;
    const oversample = this.rate < 96000;
    for (let i = 0; i < length; i++) {
      for (let c = 0; c < this.channels; c++) {
        const x = channelData[c]?.[i] ?? 0;
        const s = this.state[c];
        // Direct form I, two stages: s = [x1, x2, y1, y2, z1, z2] (z = the second stage's output).
        const y = f1.b0 * x + f1.b1 * s[0] + f1.b2 * s[1] - f1.a1 * s[2] - f1.a2 * s[3];
        const z = f2.b0 * y + f2.b1 * s[2] + f2.b2 * s[3] - f2.a1 * s[4] - f2.a2 * s[5];
        s[1] = s[0];
        s[0] = x;
        s[3] = s[2];
        s[2] = y;
        s[5] = s[4];
        s[4] = z;
        this.segmentSum[c] += z * z;
        const a = Math.abs(x);
        if (a > this.peak) this.peak = a;
        if (oversample) this.truePeak(c, x);
      }
      this.historyAt = (this.historyAt + 1) % TAPS_PER_PHASE;
      if (++this.segmentFill === this.segmentLength) this.closeSegment();
    }
  }

  /** Interpolates between the last samples of channel `c` (history doubled so a window is one slice). */
  private truePeak(c: number, x: number): void {
    const h = this.history[c];
    const at = this.historyAt;
    h[at] = x;
    h[at + TAPS_PER_PHASE] = x;
    // The interpolated points sit between the samples 5 and 6 back; an inter-sample peak more than
    // 6 dB over its neighbours does not occur in music, so quiet stretches skip the 48 multiplies.
    const near = Math.max(Math.abs(h[at + TAPS_PER_PHASE - 5]), Math.abs(h[at + TAPS_PER_PHASE - 6]));
    if (near < this.peak * 0.5) return;
    for (let p = 0; p < OVERSAMPLE; p++) {
      const taps = INTERPOLATOR[p];
      let v = 0;
      // Newest sample at `at`: tap k meets the sample k steps back.
      for (let k = 0; k < TAPS_PER_PHASE; k++) v += taps[k] * h[at + TAPS_PER_PHASE - k];
      const a = Math.abs(v);
      if (a > this.peak) this.peak = a;
    }
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
