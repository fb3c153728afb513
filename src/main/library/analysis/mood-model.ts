/**
 * Features -> valence and arousal with the small linear model fitted by training/audio/fit-mood.mjs
 * on listener ratings and perceived-emotion quadrants (only its coefficients and feature scaling
 * ship: mood-model.json). Its inputs: the music model's 50 tag probabilities (`tag0`..`tag49`) and
 * 200-d embedding (`emb0`..`emb199`), and hand features by name, where they help. Then put on
 * the app's plane by a per-axis calibration fitted by scripts/build-catalogue.mjs to the hand-placed
 * demo tracks. Every track, demo or user, goes through this one function: one scale for all music.
 */
import type { Features } from './features.js';
import type { MusicEmbedding } from './music-model.js';
import model from './mood-model.json' with { type: 'json' };

interface Head {
  intercept: number;
  coef: number[];
  /** Raw outputs are divided by this before tanh, so typical music spreads over about [-0.8, 0.8]. */
  scale: number;
  /**
   * tanh(gain * raw / scale + offset): moves the Emotify-centred output onto the plane the face
   * targets and the listener's hand placements use. gain > 0, so the order of tracks on each axis
   * (and the Spearman agreement with listeners) is unchanged.
   */
  calibration?: { gain: number; offset: number };
}
export interface MoodModel {
  version: number;
  features: string[];
  mean: number[];
  std: number[];
  valence: Head;
  arousal: Head;
}

export const MOOD_MODEL = model as MoodModel;

/** Everything the mood model may read, by name. */
export type MoodInputs = Record<string, number>;

export function moodInputs(hand: Features, music: MusicEmbedding): MoodInputs {
  const out: MoodInputs = { ...hand };
  music.tags.forEach((v, i) => (out[`tag${i}`] = v));
  music.embedding.forEach((v, i) => (out[`emb${i}`] = v));
  return out;
}

function head(m: MoodModel, h: Head, f: MoodInputs): number {
  let y = h.intercept;
  m.features.forEach((name, i) => {
    const raw = f[name];
    // Standardised and clipped: one wild feature value cannot fling a track to the edge of the plane.
    const z = Math.max(-4, Math.min(4, ((Number.isFinite(raw) ? raw : m.mean[i]) - m.mean[i]) / (m.std[i] || 1)));
    y += h.coef[i] * z;
  });
  const c = h.calibration ?? { gain: 1, offset: 0 };
  return Math.tanh(c.gain * (y / h.scale) + c.offset);
}

export function predictMood(f: MoodInputs, m: MoodModel = MOOD_MODEL): { valence: number; arousal: number } {
  return { valence: head(m, m.valence, f), arousal: head(m, m.arousal, f) };
}
