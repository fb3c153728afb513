/**
 * MusiCNN's input: log-mel spectrogram patches, computed as the model's own front end computes
 * them (librosa 0.7 defaults): 16 kHz mono, centred 512-point frames (reflect-padded) with a periodic
 * Hann window every 256 samples, power spectrum, 96 Slaney mel bands with area normalisation,
 * rounded to float16, then log10(10000 x + 1). Patches are 187 frames (3 s).
 */
import { Fft } from './fft.js';

export const MEL_RATE = 16000;
export const MEL_FFT = 512;
export const MEL_HOP = 256;
export const MEL_BANDS = 96;
export const PATCH_FRAMES = 187;

const hzToMel = (f: number) => (f < 1000 ? (3 * f) / 200 : 15 + Math.log(f / 1000) / (Math.log(6.4) / 27));
const melToHz = (m: number) => (m < 15 ? (200 * m) / 3 : 1000 * Math.exp((Math.log(6.4) / 27) * (m - 15)));

/** bands x (MEL_FFT / 2 + 1) triangular filters, as librosa.filters.mel(sr=16000, n_fft=512, n_mels=96). */
function melFilters(): { start: number; weights: Float64Array }[] {
  const bins = MEL_FFT / 2 + 1;
  const fft = Array.from({ length: bins }, (_, k) => (k * MEL_RATE) / MEL_FFT);
  const top = hzToMel(MEL_RATE / 2);
  const edges = Array.from({ length: MEL_BANDS + 2 }, (_, i) => melToHz((top * i) / (MEL_BANDS + 1)));
  const out: { start: number; weights: Float64Array }[] = [];
  for (let b = 0; b < MEL_BANDS; b++) {
    const norm = 2 / (edges[b + 2] - edges[b]);
    const w = new Float64Array(bins);
    let first = -1,
      last = -1;
    for (let k = 0; k < bins; k++) {
      const lower = (fft[k] - edges[b]) / (edges[b + 1] - edges[b]);
      const upper = (edges[b + 2] - fft[k]) / (edges[b + 2] - edges[b + 1]);
      const v = Math.max(0, Math.min(lower, upper)) * norm;
      if (v > 0) {
        if (first < 0) first = k;
        last = k;
      }
      w[k] = v;
    }
    // Only the non-zero stretch is kept: 96 short dot products per frame instead of 96 x 257.
    out.push(first < 0 ? { start: 0, weights: new Float64Array(0) } : { start: first, weights: w.slice(first, last + 1) });
  }
  return out;
}

let filters: ReturnType<typeof melFilters> | null = null;
let window: Float64Array | null = null;

/** Rounds to the nearest float16 (the original casts the mel power to float16 before the log). */
export function toHalf(x: number): number {
  if (!(x > 0)) return 0;
  if (x >= 65504) return 65504;
  const e = Math.max(Math.floor(Math.log2(x)), -14);
  const q = 2 ** (e - 10);
  return Math.round(x / q) * q;
}

/** Number of log-mel frames of `samples` samples of 16 kHz PCM (centred frames). */
export function melFrameCount(samples: number): number {
  return 1 + Math.floor(samples / MEL_HOP);
}

/** Computes log-mel frames of 16 kHz mono PCM into `out` (96 values each, row-major), one frame at a time. */
function melFrames(pcm: Float32Array) {
  filters ??= melFilters();
  window ??= Float64Array.from({ length: MEL_FFT }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / MEL_FFT));
  const fl = filters;
  const win = window;
  const n = pcm.length;
  const pad = MEL_FFT / 2;
  const fft = new Fft(MEL_FFT);
  const frame = new Float64Array(MEL_FFT);
  const power = new Float64Array(MEL_FFT / 2 + 1);
  // numpy's 'reflect' (no edge repeat); a signal shorter than the pad reflects back and forth.
  const at = (i: number): number => {
    if (n === 1) return pcm[0];
    const period = 2 * (n - 1);
    let j = i % period;
    if (j < 0) j += period;
    return pcm[j < n ? j : period - j];
  };
  /** Frame f into out[offset, offset + MEL_BANDS). */
  return (f: number, out: Float32Array, offset: number): void => {
    const start = f * MEL_HOP - pad;
    if (start >= 0 && start + MEL_FFT <= n) for (let i = 0; i < MEL_FFT; i++) frame[i] = pcm[start + i] * win[i];
    else for (let i = 0; i < MEL_FFT; i++) frame[i] = at(start + i) * win[i];
    fft.power(frame, power);
    for (let b = 0; b < MEL_BANDS; b++) {
      const { start: s, weights } = fl[b];
      let v = 0;
      for (let k = 0; k < weights.length; k++) v += weights[k] * power[s + k];
      out[offset + b] = Math.log10(10000 * toHalf(v) + 1);
    }
  };
}

/** Log-mel frames (frames x 96, row-major) of 16 kHz mono PCM. */
export function logMel(pcm: Float32Array): { frames: number; data: Float32Array } {
  const frames = melFrameCount(pcm.length);
  const data = new Float32Array(frames * MEL_BANDS);
  const frame = melFrames(pcm);
  for (let f = 0; f < frames; f++) frame(f, data, f * MEL_BANDS);
  return { frames, data };
}

/** Where the patches start (in frames): at most `max` non-overlapping 187-frame patches of `frames`, spread evenly. */
function patchStarts(frames: number, max: number): number[] {
  const all = Math.floor((frames - PATCH_FRAMES) / PATCH_FRAMES) + 1;
  if (all < 1) return [];
  const count = Math.min(all, max);
  // Starts spread evenly in frames, not in whole-patch slots: a copy a few frames longer or shorter
  // (another codec's padding) then hears the same music, where slot rounding could jump a patch by 3 s.
  const span = frames - PATCH_FRAMES;
  return Array.from({ length: count }, (_, p) => (count === 1 ? Math.floor(span / 2) : Math.round((p * span) / (count - 1))));
}

/** Non-overlapping 187-frame patches (as the original tagger takes them); at most `max`, spread evenly over the frames. */
export function patches(mel: { frames: number; data: Float32Array }, max = Infinity): { count: number; data: Float32Array } {
  const starts = patchStarts(mel.frames, max);
  const size = PATCH_FRAMES * MEL_BANDS;
  const data = new Float32Array(starts.length * size);
  starts.forEach((start, p) => data.set(mel.data.subarray(start * MEL_BANDS, start * MEL_BANDS + size), p * size));
  return { count: starts.length, data };
}

/** patches(logMel(pcm), max), computing only the frames the patches hold (a third of a minute's frames for 6 patches). */
export function logMelPatches(pcm: Float32Array, max = Infinity): { count: number; data: Float32Array } {
  const starts = patchStarts(melFrameCount(pcm.length), max);
  const data = new Float32Array(starts.length * PATCH_FRAMES * MEL_BANDS);
  const frame = melFrames(pcm);
  let o = 0;
  for (const start of starts) for (let f = start; f < start + PATCH_FRAMES; f++, o += MEL_BANDS) frame(f, data, o);
  return { count: starts.length, data };
}
