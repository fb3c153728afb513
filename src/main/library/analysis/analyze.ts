/** One audio file -> tempo, key, mode, energy, loudness, and its place on the valence/arousal plane. */
import { AnalysisError } from './errors.js';
import { ANALYSIS_RATE, extractFeatures, type FeatureResult } from './features.js';
import { normalisationGain, type Loudness } from './loudness.js';
import { logMelPatches, MEL_RATE } from './mel.js';
import { MOOD_MODEL, moodInputs, predictMood } from './mood-model.js';
import { musicModel, type MusicEmbedding } from './music-model.js';
import { resample } from './resample.js';
import { decodeTrack, type StageTimes } from './single-pass.js';
import type { AudioFormat } from './sniff.js';

export type { StageTimes } from './single-pass.js';

/** The model was fitted on one-minute excerpts (and 30 s clips), so a track is judged on one minute. */
export const EXCERPT_SEC = 60;
/** Seconds of the excerpt the hand features (tempo, key, mode, level) read. */
export const HAND_FEATURE_SEC = 30;
/** 3-s patches the music model hears, spread evenly over the excerpt (20 would cover a minute; 6 keep the analysis fast). */
export const MODEL_PATCHES = 6;

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
  /** The length measured by decoding every sample (absent where ffmpeg decoded only the excerpt). */
  durationSec?: number;
}

/** The excerpt of a track: its middle minute (the whole track when it is short). */
export function excerptWindow(durationSec: number | null): { startSec: number; lengthSec: number } {
  if (!durationSec || !(durationSec > EXCERPT_SEC * 1.25))
    return { startSec: 0, lengthSec: durationSec && durationSec > 0 ? Math.min(durationSec, EXCERPT_SEC * 1.25) : EXCERPT_SEC };
  return { startSec: Math.max(0, durationSec / 2 - EXCERPT_SEC / 2), lengthSec: EXCERPT_SEC };
}

export interface TrackFeatures extends FeatureResult {
  music: MusicEmbedding;
  format: AudioFormat;
  window: { startSec: number; lengthSec: number };
  loudness: Loudness;
  durationSec: number | null;
}

/** The music model's view of mono PCM at any rate: log-mel patches at 16 kHz through MusiCNN. */
export async function embedPcm(pcm: Float32Array, rate: number, maxPatches = MODEL_PATCHES): Promise<MusicEmbedding> {
  const p = logMelPatches(resample(pcm, rate, MEL_RATE), maxPatches);
  return (await musicModel()).embed(p.data, p.count);
}

/**
 * The hand features (tempo, key, mode, level, timbre and rhythm: shown with the track, and read by the
 * mood model) of the middle HAND_FEATURE_SEC of an excerpt: half the cost of the whole minute, the
 * same answers on steady music.
 */
export function handFeatures(excerpt: Float32Array, rate: number): FeatureResult {
  const middle = HAND_FEATURE_SEC * rate;
  const from = Math.max(0, Math.floor((excerpt.length - middle) / 2));
  const pcm = resample(excerpt.subarray(from, from + middle), rate, ANALYSIS_RATE);
  if (pcm.length < ANALYSIS_RATE) throw new AnalysisError('corrupt', 'less than a second of audio could be decoded');
  return extractFeatures(pcm, ANALYSIS_RATE);
}

export async function featuresOfFile(path: string, durationSec: number | null, times?: StageTimes): Promise<TrackFeatures> {
  // Fail before decoding when the model cannot be loaded: the reason is the model, not the file.
  await musicModel();
  let window = excerptWindow(durationSec);
  let track = await decodeTrack(path, window, times);
  const exact = track.durationSec;
  if (exact && durationSec && Math.abs(exact - durationSec) > 2) {
    // The tags' length was an estimate (a VBR MP3 without a header): take the excerpt the exact length picks.
    window = excerptWindow(exact);
    track = await decodeTrack(path, window, times);
  }
  let t = performance.now();
  const hand = handFeatures(track.excerpt, track.rate);
  if (times) times.features += performance.now() - t;
  t = performance.now();
  const music = await embedPcm(track.excerpt, track.rate);
  if (times) times.model += performance.now() - t;
  return { ...hand, music, format: track.format, window, loudness: track.loudness, durationSec: track.durationSec };
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export async function analyzeFile(path: string, durationSec: number | null = null, times?: StageTimes): Promise<AudioAnalysis> {
  const r = await featuresOfFile(path, durationSec, times);
  const mood = predictMood(moodInputs(r.features, r.music));
  const loud = r.loudness;
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
    ...(r.durationSec ? { durationSec: round(r.durationSec, 2) } : {}),
  };
}
