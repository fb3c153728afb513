/** The playlist's note: said when the library cannot give the mood what it asks for, and why. */
import type { Emotion, MoodIntent, MoodPoint, PlaylistEntry } from '../../shared/contract.js';
import { musicMoodOf } from '../../shared/mood-space.js';
import { FIT_RADIUS } from './fit.js';

/** The music each mood asks for, as "your saddest music" / "add sadder music". */
const MOST: Record<Emotion, [string, string]> = {
  happy: ['most joyful', 'more joyful'],
  surprise: ['liveliest', 'livelier'],
  angry: ['most intense', 'more intense'],
  fear: ['tensest', 'tenser'],
  disgust: ['darkest', 'darker'],
  sad: ['saddest', 'sadder'],
  neutral: ['calmest', 'calmer'],
};

/**
 * When even the library's nearest music lies far from where the mood sits on the plane (none within
 * FIT_RADIUS), the mix is still the best the library has, and says in which way it falls short
 * ("your saddest music is fairly bright").
 */
export function farNote(entries: PlaylistEntry[], mood: MoodPoint, emotion: Emotion): string | null {
  if (entries.length === 0) return null;
  const centre = {
    valence: entries.reduce((s, e) => s + e.track.valence, 0) / entries.length,
    arousal: entries.reduce((s, e) => s + e.track.arousal, 0) / entries.length,
  };
  const [most, more] = MOST[emotion];
  return `Your ${most} music is ${offBy(mood, centre)}: these are the nearest your library has to your ${emotion} mood. Add ${more} music for a closer fit.`;
}

/** Which way `to` lies from `from`, in music words: "fairly bright", "quite dark and calm". */
export function offBy(from: MoodPoint, to: MoodPoint): string {
  const dv = to.valence - from.valence;
  const da = to.arousal - from.arousal;
  const words: [number, string][] = [
    [Math.abs(dv), dv > 0 ? 'bright' : 'dark'],
    [Math.abs(da), da > 0 ? 'lively' : 'calm'],
  ];
  words.sort((a, b) => b[0] - a[0]);
  const [first, second] = words;
  const degree = Math.hypot(dv, da) > 1 ? 'quite' : 'fairly';
  return second[0] >= FIT_RADIUS ? `${degree} ${first[1]} and ${second[1]}` : `${degree} ${first[1]}`;
}

export function shortNote(n: number, mood: MoodPoint, emotion: Emotion, intent: MoodIntent, widened: boolean): string {
  const tracks = `${n === 0 ? 'No' : n} track${n === 1 ? '' : 's'}`;
  const what = intent === 'match' ? `${musicMoodOf(mood)} music for your ${emotion} mood` : `the path from your ${emotion} mood`;
  return widened
    ? `${tracks} in your library fit ${what}, even widened; add music to fill the mix.`
    : `${tracks} in your library fit ${what}; add music or widen the mix.`;
}
