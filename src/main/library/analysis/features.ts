/** The named feature vector the mood model reads, from mono PCM at the analysis rate. */
import { analyseFrames, MEL_BANDS, type FrameData } from './frames.js';
import { percussiveRatio, rhythm } from './rhythm.js';
import { tonality, type Tonality } from './tonality.js';

export const ANALYSIS_RATE = 22050;
export const MFCC_COUNT = 12;

export const FEATURE_NAMES = [
  'loudness',
  'loudnessStd',
  'dynamicRange',
  'lowEnergy',
  'trebleLoudness',
  'trebleRatio',
  'bassRatio',
  'centroid',
  'centroidStd',
  'rolloff',
  'flatness',
  'zcr',
  'flux',
  'fluxStd',
  'tempo',
  'pulseClarity',
  'onsetRate',
  'percussive',
  'modeStrength',
  'keyClarity',
  'chromaChange',
  'contrast',
  'fluxLow',
  'fluxHigh',
  'timbreVariation',
  'timbreFlux',
  'roughness',
  'entropy',
  'bassLoudness',
  ...Array.from({ length: MFCC_COUNT }, (_, i) => `mfcc${i + 1}`),
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

export interface FeatureResult {
  features: Features;
  tempo: number;
  tonality: Tonality;
  /** Mean level in dBFS (RMS over the excerpt). */
  loudnessDb: number;
}

const db = (x: number) => 10 * Math.log10(x + 1e-12);

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

/** Mean and standard deviation of `values` over the frames in `use`. */
function stats(values: Float64Array, use: number[]): [number, number] {
  if (use.length === 0) return [0, 0];
  let m = 0;
  for (const t of use) m += values[t];
  m /= use.length;
  let v = 0;
  for (const t of use) v += (values[t] - m) ** 2;
  return [m, Math.sqrt(v / use.length)];
}

/** The DCT's cosines, computed once: DCT[k - 1][b] for coefficient k and mel band b. */
const DCT = Array.from({ length: MFCC_COUNT }, (_, i) =>
  Float64Array.from({ length: MEL_BANDS }, (_, b) => Math.cos((Math.PI * (i + 1) * (b + 0.5)) / MEL_BANDS)),
);

/**
 * Timbre: per frame, the DCT of the log mel bands without c0 (that is loudness). Returns the mean of
 * each coefficient, how much they vary over the excerpt, and how fast they change frame to frame.
 */
function timbre(d: FrameData, use: number[]): { means: number[]; variation: number; flux: number } {
  const means = new Array<number>(MFCC_COUNT).fill(0);
  const sq = new Array<number>(MFCC_COUNT).fill(0);
  if (use.length === 0) return { means, variation: 0, flux: 0 };
  const logMel = new Float64Array(MEL_BANDS);
  let prev: number[] | null = null;
  let prevT = -2;
  let flux = 0,
    fluxN = 0;
  for (const t of use) {
    for (let b = 0; b < MEL_BANDS; b++) logMel[b] = db(d.mel[t * MEL_BANDS + b]);
    const c: number[] = [];
    for (let k = 1; k <= MFCC_COUNT; k++) {
      let s = 0;
      const basis = DCT[k - 1];
      for (let b = 0; b < MEL_BANDS; b++) s += logMel[b] * basis[b];
      c.push(s / MEL_BANDS);
    }
    c.forEach((v, i) => {
      means[i] += v;
      sq[i] += v * v;
    });
    if (prev && prevT === t - 1) {
      flux += Math.sqrt(c.reduce((s, v, i) => s + (v - prev![i]) ** 2, 0));
      fluxN++;
    }
    prev = c;
    prevT = t;
  }
  const n = use.length;
  const variation = means.reduce((s, m, i) => s + Math.sqrt(Math.max(0, sq[i] / n - (m / n) ** 2)), 0) / MFCC_COUNT;
  return { means: means.map((v) => v / n), variation, flux: fluxN ? flux / fluxN : 0 };
}

export function extractFeatures(pcm: Float32Array, rate = ANALYSIS_RATE): FeatureResult {
  const d = analyseFrames(pcm, rate);
  // Silent frames (fades, gaps) would drag every spectral average toward noise.
  const peak = d.rmsDb.reduce((a, b) => Math.max(a, b), -Infinity);
  const use: number[] = [];
  for (let t = 0; t < d.count; t++) if (d.rmsDb[t] > Math.max(-70, peak - 50)) use.push(t);
  const levels = use.map((t) => d.rmsDb[t]).sort((a, b) => a - b);
  let meanPower = 0,
    treble = 0;
  for (const t of use) {
    meanPower += 10 ** (d.rmsDb[t] / 10);
    treble += d.treblePower[t];
  }
  const n = Math.max(1, use.length);
  const loudness = use.length ? db(meanPower / n) : -120;
  const [, loudnessStd] = stats(d.rmsDb, use);
  const meanDb = levels.reduce((a, b) => a + b, 0) / n;
  const logCentroid = d.centroid.map((c) => Math.log2(Math.max(c, 20)));
  const [centroid, centroidStd] = stats(logCentroid, use);
  const [rolloff] = stats(
    d.rolloff.map((r) => Math.log2(Math.max(r, 20))),
    use,
  );
  const [flatness] = stats(d.flatness, use);
  const [zcr] = stats(d.zcr, use);
  let trebleSum = 0,
    bassSum = 0,
    powerSum = 0;
  for (const t of use) {
    trebleSum += d.trebleFrac[t] * d.power[t];
    bassSum += d.bassFrac[t] * d.power[t];
    powerSum += d.power[t];
  }
  const r = rhythm(d);
  const tone = tonality(d);
  const tim = timbre(d, use);
  const [contrast] = stats(d.contrast, use);
  const features = {
    loudness,
    loudnessStd,
    dynamicRange: quantile(levels, 0.95) - quantile(levels, 0.1),
    lowEnergy: use.length ? levels.filter((l) => l < meanDb).length / n : 0,
    trebleLoudness: db(treble / n),
    trebleRatio: db(trebleSum / (powerSum + 1e-12)),
    bassRatio: db(bassSum / (powerSum + 1e-12)),
    centroid,
    centroidStd,
    rolloff,
    flatness,
    zcr,
    flux: r.flux,
    fluxStd: r.fluxStd,
    tempo: r.tempo > 0 ? Math.log2(r.tempo / 120) : 0,
    pulseClarity: r.pulseClarity,
    onsetRate: r.onsetRate,
    percussive: percussiveRatio(d),
    modeStrength: tone.modeStrength,
    keyClarity: tone.keyClarity,
    chromaChange: tone.chromaChange,
    contrast,
    fluxLow: r.fluxLow,
    fluxHigh: r.fluxHigh,
    timbreVariation: tim.variation,
    timbreFlux: tim.flux,
    roughness: stats(d.roughness, use)[0],
    entropy: stats(d.entropy, use)[0],
    bassLoudness: db(bassSum / n),
  } as Record<string, number>;
  tim.means.forEach((v, i) => (features[`mfcc${i + 1}`] = v));
  return { features: features as Features, tempo: r.tempo, tonality: tone, loudnessDb: loudness };
}
