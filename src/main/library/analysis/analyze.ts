/** One audio file -> tempo, key, mode, energy, and its place on the valence/arousal plane. */
import { AnalysisError } from './errors.js';
import { decodeExcerpt } from './decode.js';
import { measureLoudness, normalisationGain } from './loudness.js';
import { ANALYSIS_RATE, extractFeatures, type FeatureResult } from './features.js';
import { MOOD_MODEL, predictMood } from './mood-model.js';
import { resample } from './resample.js';
import type { AudioFormat } from './sniff.js';

/** The model was fitted on one-minute excerpts, so a track is judged on one minute too. */
export const EXCERPT_SEC = 60;

export interface AudioAnalysis {
  /** Beats per minute (0 when no pulse was found). */
  tempo: number;
  key: string;
  mode: 'major' | 'minor';
  /** 0..1, from the excerpt's RMS level (-35 dBFS -> 0, -5 dBFS -> 1). */
  energy: number;
  valence: number;
  arousal: number;
  loudnessDb: number;
  /** EBU R128 integrated loudness of the whole track (LUFS), its true peak (dBTP), and the playback gain toward -18 LUFS. */
  loudnessLufs: number | null;
  truePeakDb: number | null;
  gainDb: number;
  excerpt: { startSec: number; lengthSec: number };
  format: AudioFormat;
  modelVersion: number;
}

/** The excerpt of a track: its middle minute (the whole track when it is short). */
export function excerptWindow(durationSec: number | null): { startSec: number; lengthSec: number } {
  if (!durationSec || !(durationSec > EXCERPT_SEC * 1.25))
    return { startSec: 0, lengthSec: durationSec && durationSec > 0 ? Math.min(durationSec, EXCERPT_SEC * 1.25) : EXCERPT_SEC };
  return { startSec: Math.max(0, durationSec / 2 - EXCERPT_SEC / 2), lengthSec: EXCERPT_SEC };
}

export async function featuresOfFile(
  path: string,
  durationSec: number | null,
): Promise<FeatureResult & { format: AudioFormat; window: { startSec: number; lengthSec: number } }> {
  const window = excerptWindow(durationSec);
  const ex = await decodeExcerpt(path, window.startSec, window.lengthSec, durationSec, ANALYSIS_RATE);
  const pcm = resample(ex.pcm, ex.rate, ANALYSIS_RATE);
  if (pcm.length < ANALYSIS_RATE) throw new AnalysisError('corrupt', 'less than a second of audio could be decoded');
  return { ...extractFeatures(pcm, ANALYSIS_RATE), format: ex.format, window };
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export async function analyzeFile(path: string, durationSec: number | null = null): Promise<AudioAnalysis> {
  const r = await featuresOfFile(path, durationSec);
  const mood = predictMood(r.features);
  const loud = await measureLoudness(path);
  const finite = (x: number) => (Number.isFinite(x) ? round(x, 2) : null);
  return {
    tempo: round(r.tempo, 1),
    key: r.tonality.key,
    mode: r.tonality.mode,
    energy: round(Math.max(0, Math.min(1, (r.loudnessDb + 35) / 30))),
    valence: round(mood.valence),
    arousal: round(mood.arousal),
    loudnessDb: round(r.loudnessDb, 1),
    loudnessLufs: finite(loud.integratedLufs),
    truePeakDb: finite(loud.truePeakDb),
    gainDb: round(normalisationGain(loud), 2),
    excerpt: { startSec: round(r.window.startSec, 1), lengthSec: round(r.window.lengthSec, 1) },
    format: r.format,
    modelVersion: MOOD_MODEL.version,
  };
}
