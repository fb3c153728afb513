/** Settings as a fresh install has them (main/settings' defaults, without an intent), for fakes of the app. */
import type { Settings } from '../../src/shared/contract.js';

export function freshSettings(over: Partial<Settings> = {}): Settings {
  return {
    volume: 0.8,
    mode: 'snapshot',
    cameraSource: '0',
    lastMood: null,
    window: null,
    onlyUserTracks: false,
    watchedFolders: [],
    shuffle: false,
    repeat: 'off',
    normalizeLoudness: true,
    crossfadeSec: 0,
    quitOnClose: false,
    ...over,
  };
}
