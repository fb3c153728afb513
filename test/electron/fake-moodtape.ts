/** A tiny stand-in for the Moodtape app object (our own interface), recording what the shell asks of it. */
import { vi } from 'vitest';
import type { AppState, Emotion, EventName, Events, Mood, MoodSource, Settings } from '../../src/shared/contract.js';
import type { EventListener, Moodtape } from '../../src/main/app/types.js';
import type { MediaResponse } from '../../src/main/library/media-response.js';
import { freshSettings } from '../helpers/settings.js';

export const mood = (emotion: Emotion, source: MoodSource = 'tray'): Mood => ({
  emotion,
  confidence: 0.9,
  source,
  probabilities: null,
  at: 0,
  autoplay: source === 'tray',
});

export interface FakeMoodtape extends Moodtape {
  listeners: Set<EventListener>;
  emit<E extends EventName>(name: E, payload: Events[E]): void;
  settings: Settings;
  call: ReturnType<typeof vi.fn<Moodtape['call']>>;
  quickMood: ReturnType<typeof vi.fn<Moodtape['quickMood']>>;
  chooseMood: ReturnType<typeof vi.fn<Moodtape['chooseMood']>>;
  sendCommand: ReturnType<typeof vi.fn<Moodtape['sendCommand']>>;
  media: ReturnType<typeof vi.fn<Moodtape['media']>>;
  dispose: ReturnType<typeof vi.fn<Moodtape['dispose']>>;
}

export function fakeMoodtape(media?: (id: string, range: string | null) => Promise<MediaResponse>): FakeMoodtape {
  const listeners = new Set<EventListener>();
  const settings = freshSettings();
  const m: FakeMoodtape = {
    listeners,
    settings,
    emit: (name, payload) => listeners.forEach((l) => l(name, payload)),
    call: vi.fn(async (method: string, params: unknown) => {
      if (method === 'getState') {
        const state: AppState = {
          settings,
          camera: { on: false, mode: settings.mode, source: settings.cameraSource },
          mood: null,
          tracks: [],
          model: null,
          notices: [],
        };
        return { ok: true as const, value: state };
      }
      if (method === 'updateSettings') {
        Object.assign(settings, params);
        return { ok: true as const, value: settings };
      }
      return { ok: true as const, value: `${method} done` };
    }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    quickMood: vi.fn(async () => mood('happy')),
    chooseMood: vi.fn((emotion: Emotion, source: MoodSource) => mood(emotion, source)),
    sendCommand: vi.fn(),
    media: vi.fn(media ?? (async () => ({ status: 404 as const, headers: {}, body: null }))),
    dispose: vi.fn(async () => {}),
  };
  return m;
}
