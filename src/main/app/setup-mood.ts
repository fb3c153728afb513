/** The current mood: set by the camera, a snapshot, the tray or a pick by hand; remembered and announced. */
import type { Emotion, Mood, MoodSource, Probabilities } from '../../shared/contract.js';
import type { SettingsService } from '../settings/settings.js';
import type { Emit } from './events.js';

export interface MoodState {
  current(): Mood | null;
  set(emotion: Emotion, confidence: number, source: MoodSource, probabilities: Probabilities | null, autoplay?: boolean): Mood;
}

/**
 * `complete` adds the mood-fit parts (position, sure, playlist: mood-fit.ts), so the one `mood`
 * event carries everything the renderer needs.
 */
export function setupMood(
  settings: SettingsService,
  emit: Emit,
  complete: (base: Omit<Mood, 'position' | 'sure' | 'playlist'>) => Mood = (m) => m,
): MoodState {
  let mood: Mood | null = null;
  return {
    current: () => mood,
    set(emotion, confidence, source, probabilities, autoplay = false) {
      const next = complete({ emotion, confidence, source, probabilities, at: Date.now(), autoplay });
      // A live reading the model is not sure of is shown, but the music and the saved mood stay.
      if (next.sure !== false) settings.update({ lastMood: emotion });
      mood = next;
      emit('mood', next);
      return next;
    },
  };
}
