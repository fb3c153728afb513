/**
 * The valence/arousal plane that faces and music share (Russell's circumplex; valence left to
 * right, arousal bottom to top, each in [-1, 1]). Pure geometry, so the main process, the CLI and
 * the renderer place, label and draw moods with the same numbers.
 */
import { EMOTIONS, MUSIC_MOODS, type Emotion, type MoodIntent, type MoodPoint, type MusicMood, type Probabilities } from './contract.js';

/** Where each face emotion sits: the target its playlist is drawn around. */
export const EMOTION_TARGETS: Record<Emotion, MoodPoint> = {
  happy: { valence: 0.75, arousal: 0.45 },
  surprise: { valence: 0.35, arousal: 0.8 },
  angry: { valence: -0.45, arousal: 0.8 },
  fear: { valence: -0.6, arousal: 0.45 },
  disgust: { valence: -0.65, arousal: 0.15 },
  sad: { valence: -0.6, arousal: -0.45 },
  neutral: { valence: 0.3, arousal: -0.5 },
};

/**
 * Music is described with music words, not face words. The seven regions follow the factors of the
 * Geneva Emotional Music Scale (GEMS; Zentner, Grandjean & Scherer 2008), the scale Emotify's
 * listeners rated, placed on the circumplex as music-emotion studies do (Eerola & Vuoskoski 2011):
 * joyful activation -> joyful, power -> energetic, tension -> tense, sadness and nostalgia ->
 * melancholic, peacefulness -> calm, tenderness and wonder -> tender. "dark" names the negative,
 * middling-energy corner (brooding, gritty music) that GEMS splits between tension and sadness.
 * A track's label is the region whose centre is nearest (a Voronoi partition of the plane).
 */
export const MUSIC_MOOD_CENTRES: Record<MusicMood, MoodPoint> = {
  joyful: { valence: 0.6, arousal: 0.45 },
  energetic: { valence: 0, arousal: 0.85 },
  tense: { valence: -0.5, arousal: 0.6 },
  dark: { valence: -0.7, arousal: 0 },
  melancholic: { valence: -0.45, arousal: -0.6 },
  calm: { valence: 0.1, arousal: -0.7 },
  tender: { valence: 0.6, arousal: -0.35 },
};

/**
 * Which side of the valence axis a music mood feels: calm counts as positive, as Emotify's
 * listeners rated peaceful music (induced emotion); energetic is neither.
 */
export const MUSIC_MOOD_VALENCE: Record<MusicMood, 'positive' | 'negative' | 'neutral'> = {
  joyful: 'positive',
  tender: 'positive',
  calm: 'positive',
  energetic: 'neutral',
  tense: 'negative',
  dark: 'negative',
  melancholic: 'negative',
};

export function distance(a: MoodPoint, b: MoodPoint): number {
  return Math.hypot(a.valence - b.valence, a.arousal - b.arousal);
}

/** A track's music-mood label: the region its position falls in. */
export function musicMoodOf(p: MoodPoint): MusicMood {
  let best: MusicMood = MUSIC_MOODS[0];
  for (const m of MUSIC_MOODS) if (distance(p, MUSIC_MOOD_CENTRES[m]) < distance(p, MUSIC_MOOD_CENTRES[best])) best = m;
  return best;
}

/**
 * The listener's position: every emotion's target weighted by its probability, so a face that is
 * half happy, half neutral sits between the two rather than jumping to one of them.
 */
export function positionOf(probabilities: Probabilities): MoodPoint {
  let total = 0;
  let valence = 0;
  let arousal = 0;
  for (const e of EMOTIONS) {
    const p = Math.max(0, probabilities[e] ?? 0);
    total += p;
    valence += p * EMOTION_TARGETS[e].valence;
    arousal += p * EMOTION_TARGETS[e].arousal;
  }
  if (total <= 0) return { valence: 0, arousal: 0 };
  return { valence: round2(valence / total), arousal: round2(arousal / total) };
}

/**
 * Where each intent leads. Lift ends calm and positive (the iso principle: meet the mood, then
 * move gently toward contentment, not straight to euphoria); calm down ends low in energy;
 * energise ends bright and lively. Match has no goal of its own: it stays on the mood.
 */
export const INTENT_GOALS: Record<Exclude<MoodIntent, 'match'>, MoodPoint> = {
  lift: { valence: 0.55, arousal: -0.15 },
  calm: { valence: 0.3, arousal: -0.6 },
  energise: { valence: 0.55, arousal: 0.65 },
};

/** Smoothstep: the path lingers near the listener first, moves in the middle, settles at the end. */
const ease = (t: number) => t * t * (3 - 2 * t);

/**
 * The planned waypoints of a playlist of `steps` tracks, from `start` to the intent's goal. Each
 * waypoint is nearer the goal than the one before (the distance falls monotonically).
 */
export function planPath(start: MoodPoint, intent: MoodIntent, steps: number): MoodPoint[] {
  const goal = intent === 'match' ? start : INTENT_GOALS[intent];
  return Array.from({ length: Math.max(0, steps) }, (_, i) => {
    const t = steps <= 1 ? 0 : ease(i / (steps - 1));
    return {
      valence: round2(start.valence + (goal.valence - start.valence) * t),
      arousal: round2(start.arousal + (goal.arousal - start.arousal) * t),
    };
  });
}

const round2 = (v: number) => Math.round(v * 100) / 100;
