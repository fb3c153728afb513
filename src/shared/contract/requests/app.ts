/** Requests about the whole app: its state, settings, a hand-picked mood, About. */
import { bool, int, list, map, none, num, object, oneOf, optional, orNull, type Schema } from '../../schema.js';
import type { About, AppState, Settings, WindowState } from '../app.js';
import type { Mood } from '../mood.js';
import { absolutePath, cameraSource, emotion, intent } from './fields.js';
import { request, returns } from './declare.js';

const coordinate = int(-100_000, 100_000, 'an integer');
const windowState: Schema<WindowState | null> = orNull(
  object(
    {
      width: coordinate,
      height: coordinate,
      x: optional(coordinate),
      y: optional(coordinate),
      maximized: (v: unknown) => v === true,
    },
    'window must be an object',
    { nested: true },
  ),
);

const settingsPatch: Schema<Partial<Settings>> = object(
  {
    volume: optional(num(0, 1)),
    mode: optional(oneOf(['snapshot', 'live'] as const)),
    cameraSource: optional(cameraSource),
    lastMood: optional(orNull(emotion)),
    window: optional(windowState),
    onlyUserTracks: optional(bool),
    watchedFolders: optional(map(list(absolutePath, 0, 100, 'a list of 0 to 100 absolute paths'), (folders) => [...new Set(folders)])),
    quitOnClose: optional(bool),
    intent: optional(intent),
    shuffle: optional(bool),
    repeat: optional(oneOf(['off', 'all', 'one'] as const)),
    normalizeLoudness: optional(bool),
    crossfadeSec: optional(num(0, 12)),
  },
  'settings must be an object',
);

const pickedMood: Schema<Mood['emotion']> = (v) => emotion(v, 'emotion');

export const appRequests = {
  /** Everything a page needs to start: settings, camera, mood, tracks, model, start-up notices. */
  getState: request(none, returns<AppState>()),
  /** Saves a settings patch and applies it; everyone hears the `settings` event. */
  updateSettings: request(settingsPatch, returns<Settings>(), ['settings', 'plan']),
  setManualMood: request(pickedMood, returns<Mood>(), ['mood']),
  getAbout: request(none, returns<About>()),
};
