/**
 * Features -> valence and arousal with the small model fitted by training/audio/fit_music_mood.py on
 * listener ratings and perceived-emotion quadrants (only its weights and feature scaling ship:
 * mood-model.json). Its inputs: the music model's 50 tag probabilities (`tag0`..`tag49`) and 200-d
 * embedding (`emb0`..`emb199`), and hand features by name. Per axis a linear head, averaged with a
 * few one-hidden-layer ReLU networks on the same standardised inputs where the model has them, then
 * squashed onto the plane with tanh. Every track, demo or user, goes through this one function: one
 * scale for all music.
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
  /** Small networks averaged into the raw output: (1 - weight) * linear + weight * mean of the members. */
  mlp?: { weight: number; members: Network[] };
}
/** relu(w1 z + b1) . w2 + b2; w1 is hidden x inputs. */
interface Network {
  w1: number[][];
  b1: number[];
  w2: number[];
  b2: number;
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

function standardised(m: MoodModel, f: MoodInputs): number[] {
  return m.features.map((name, i) => {
    const raw = f[name];
    // Clipped: one wild feature value cannot fling a track to the edge of the plane.
    return Math.max(-4, Math.min(4, ((Number.isFinite(raw) ? raw : m.mean[i]) - m.mean[i]) / (m.std[i] || 1)));
  });
}

function network(n: Network, z: number[]): number {
  let y = n.b2;
  n.w1.forEach((row, j) => {
    let h = n.b1[j];
    for (let i = 0; i < z.length; i++) h += row[i] * z[i];
    if (h > 0) y += n.w2[j] * h;
  });
  return y;
}

function head(h: Head, z: number[]): number {
  let y = h.intercept;
  z.forEach((v, i) => (y += h.coef[i] * v));
  if (h.mlp && h.mlp.members.length) {
    const nets = h.mlp.members.reduce((s, n) => s + network(n, z), 0) / h.mlp.members.length;
    y = (1 - h.mlp.weight) * y + h.mlp.weight * nets;
  }
  const c = h.calibration ?? { gain: 1, offset: 0 };
  return Math.tanh(c.gain * (y / h.scale) + c.offset);
}

export function predictMood(f: MoodInputs, m: MoodModel = MOOD_MODEL): { valence: number; arousal: number } {
  const z = standardised(m, f);
  return { valence: head(m.valence, z), arousal: head(m.arousal, z) };
}
