/** The one line each playlist entry carries: what the track is, and why it is here. */
import type { Emotion, MoodIntent, Track, TrackPreference } from '../../shared/contract.js';
import { musicMoodOf } from '../../shared/mood-space.js';
import { CLOSE } from './fit.js';

const INTENT_WORDS: Record<Exclude<MoodIntent, 'match'>, string> = {
  lift: 'lifting toward calm and bright',
  calm: 'calming down',
  energise: 'building energy',
};

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

export function reasonFor(
  track: Track,
  emotion: Emotion,
  intent: MoodIntent,
  /**
   * distance: from where the mood (or the path's step) sits on the plane itself; far: even the
   * library's nearest music is far from the mood (the mix is the best the library has).
   */
  step: { index: number; of: number; distance: number; far?: boolean },
  preference: TrackPreference | undefined,
): string {
  const facts: string[] = [musicMoodOf(track)];
  if (track.tempo) facts.push(`${Math.round(track.tempo)} BPM`);
  if (track.mode) facts.push(track.mode);
  const why =
    intent === 'match'
      ? `${step.far ? 'among the nearest your library has to' : step.distance <= CLOSE ? 'right on' : 'near'} your ${emotion} mood`
      : `step ${step.index + 1} of ${step.of}, ${INTENT_WORDS[intent]} from your ${emotion} mood`;
  return `${facts.join(', ')}: ${why}${preferenceNote(preference, emotion)}`;
}

function preferenceNote(p: TrackPreference | undefined, emotion: Emotion): string {
  if (!p) return '';
  if (p.score < 0.45) {
    return p.skips > 0
      ? ` · you skipped this ${times(p.skips)} when ${emotion}: ranked lower`
      : ` · you passed on this when ${emotion}: ranked lower`;
  }
  if (p.score > 0.55) return ` · you enjoyed this when ${emotion}: ranked higher`;
  return '';
}
