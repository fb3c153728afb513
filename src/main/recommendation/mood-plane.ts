/**
 * Where each emotion sits on the valence/arousal plane (Russell's circumplex, as used in
 * music-emotion research). The player plays music near the listener's mood: it matches the
 * mood rather than trying to change it, as the original system did.
 */
import { EMOTIONS, type Emotion } from '../../shared/contract.js';

export const MOOD_TARGETS: Record<Emotion, { valence: number; arousal: number }> = {
  happy: { valence: 0.75, arousal: 0.45 },
  surprise: { valence: 0.35, arousal: 0.8 },
  angry: { valence: -0.45, arousal: 0.8 },
  fear: { valence: -0.6, arousal: 0.45 },
  disgust: { valence: -0.65, arousal: 0.15 },
  sad: { valence: -0.6, arousal: -0.45 },
  neutral: { valence: 0.3, arousal: -0.5 },
};

export function distance(a: { valence: number; arousal: number }, b: { valence: number; arousal: number }): number {
  return Math.hypot(a.valence - b.valence, a.arousal - b.arousal);
}

/** The emotion whose target is nearest to a position: a track's "mood" label. */
export function nearestEmotion(p: { valence: number; arousal: number }): Emotion {
  let best: Emotion = 'neutral';
  for (const e of EMOTIONS) if (distance(p, MOOD_TARGETS[e]) < distance(p, MOOD_TARGETS[best])) best = e;
  return best;
}
