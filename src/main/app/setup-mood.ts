/** The current mood: set by the camera, a snapshot, the tray or a pick by hand; remembered and announced. */
import type { Emotion, Mood, MoodSource, Probabilities } from '../../shared/contract.js';
import type { SettingsService } from '../settings/settings.js';
import type { Emit } from './events.js';

export interface MoodState {
  current(): Mood | null;
  set(emotion: Emotion, confidence: number, source: MoodSource, probabilities: Probabilities | null, autoplay?: boolean): Mood;
}

export function setupMood(settings: SettingsService, emit: Emit): MoodState {
  let mood: Mood | null = null;
  return {
    current: () => mood,
    set(emotion, confidence, source, probabilities, autoplay = false) {
      mood = { emotion, confidence, source, probabilities, at: Date.now(), autoplay };
      settings.update({ lastMood: emotion });
      emit('mood', mood);
      return mood;
    },
  };
}
