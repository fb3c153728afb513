/** Settings as a fresh install has them (main/settings' defaults, without an intent), for fakes of the app. */
import type { Settings } from '../../src/shared/contract.js';
import { DEFAULT_SETTINGS } from '../../src/shared/contract.js';

export function freshSettings(over: Partial<Settings> = {}): Settings {
  const { intent: _intent, ...defaults } = DEFAULT_SETTINGS;
  return { ...defaults, watchedFolders: [...defaults.watchedFolders], ...over };
}
