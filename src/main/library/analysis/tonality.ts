/** Key and mode from the mean chroma, with Krumhansl-Kessler key profiles. */
import type { FrameData } from './frames.js';

const MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
export const PITCH_CLASSES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let num = 0,
    da = 0,
    db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

export interface Tonality {
  key: (typeof PITCH_CLASSES)[number];
  mode: 'major' | 'minor';
  /** Correlation of the chroma with the best key profile (-1..1). */
  keyClarity: number;
  /** Best major correlation minus best minor correlation: > 0 leans major. */
  modeStrength: number;
  /** Mean change of chroma from one half-second to the next (0..1): how often the harmony moves. */
  chromaChange: number;
}

export function tonality(d: FrameData): Tonality {
  const mean = new Array<number>(12).fill(0);
  for (let t = 0; t < d.count; t++) for (let i = 0; i < 12; i++) mean[i] += d.chroma[t * 12 + i];
  let bestMajor = -2,
    bestMinor = -2,
    keyMajor = 0,
    keyMinor = 0;
  for (let k = 0; k < 12; k++) {
    const rotated = mean.map((_, i) => mean[(i + k) % 12]);
    const rM = pearson(rotated, MAJOR);
    const rm = pearson(rotated, MINOR);
    if (rM > bestMajor) [bestMajor, keyMajor] = [rM, k];
    if (rm > bestMinor) [bestMinor, keyMinor] = [rm, k];
  }
  const major = bestMajor >= bestMinor;
  // Harmonic movement on half-second blocks (finer blocks mostly measure melody and noise).
  const block = Math.max(1, Math.round(d.fps / 2));
  const blocks: number[][] = [];
  for (let s = 0; s + block <= d.count; s += block) {
    const v = new Array<number>(12).fill(0);
    for (let t = s; t < s + block; t++) for (let i = 0; i < 12; i++) v[i] += d.chroma[t * 12 + i];
    const sum = v.reduce((a, b) => a + b, 0);
    blocks.push(sum > 0 ? v.map((x) => x / sum) : v);
  }
  let change = 0;
  for (let i = 1; i < blocks.length; i++) change += 0.5 * blocks[i].reduce((s, v, j) => s + Math.abs(v - blocks[i - 1][j]), 0);
  return {
    key: PITCH_CLASSES[major ? keyMajor : keyMinor],
    mode: major ? 'major' : 'minor',
    keyClarity: Math.max(bestMajor, bestMinor),
    modeStrength: bestMajor - bestMinor,
    chromaChange: blocks.length > 1 ? change / (blocks.length - 1) : 0,
  };
}
