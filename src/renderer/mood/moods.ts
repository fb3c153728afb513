/** How each emotion is presented: a short caption for the mood picker and the mood panel. */
import type { Emotion, MoodIntent, MoodSource } from '../../shared/contract';

export const MOOD_CAPTIONS: Record<Emotion, string> = {
  angry: 'Loud and driving',
  disgust: 'Dark and gritty',
  fear: 'Tense and brooding',
  happy: 'Bright and upbeat',
  neutral: 'Easy and even',
  sad: 'Slow and tender',
  surprise: 'Lively and playful',
};

export const SOURCE_LABELS: Record<MoodSource, string> = {
  snapshot: 'from a snapshot',
  live: 'live from the camera',
  manual: 'picked by hand',
  tray: 'quick mood (tray)',
};

export const INTENT_LABELS: Record<MoodIntent, { label: string; hint: string }> = {
  match: { label: 'Match', hint: 'Stay near your mood' },
  lift: { label: 'Lift', hint: 'Start where you are, then move step by step toward calm and bright' },
  calm: { label: 'Calm down', hint: 'From tense or angry toward calm' },
  energise: { label: 'Energise', hint: 'Build energy over the playlist' },
};
