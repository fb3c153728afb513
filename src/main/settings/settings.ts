/**
 * Settings persisted in `<dir>/settings.json` (electron-store in the app, conf elsewhere: the same
 * file format). A corrupt file is kept aside as settings.corrupt-<time>.json and the user is told;
 * a bad value falls back to its default without losing the rest.
 */
import type { AppError, Settings } from '../../shared/contract.js';
import { InvalidInput, validateParams } from '../../shared/validate.js';
import { confStore, type KeyValueStore, type StoreFactory } from '../core/store.js';
import { readStoreFile } from './store-file.js';

export const DEFAULT_SETTINGS: Settings = {
  volume: 0.8,
  mode: 'snapshot',
  cameraSource: '0',
  lastMood: null,
  window: null,
  onlyUserTracks: false,
  watchedFolders: [],
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

export class SettingsService {
  private constructor(private readonly store: KeyValueStore) {}

  /** Opens the settings; `notice` says if a corrupt file had to be set aside. */
  static open(dir: string, factory: StoreFactory = confStore): { settings: SettingsService; notice: AppError | null } {
    const { backup } = readStoreFile(dir, 'settings', (raw) => typeof raw === 'object' && raw !== null && !Array.isArray(raw));
    const notice: AppError | null = backup
      ? {
          code: 'settings-corrupt',
          message: `Your settings file was damaged and could not be read; it was kept as ${backup} and settings were reset.`,
          hint: 'Set your volume, mode and camera again. Your music library is not affected.',
        }
      : null;
    return { settings: new SettingsService(factory({ cwd: dir, name: 'settings' })), notice };
  }

  get path(): string {
    return this.store.path;
  }

  get(): Settings {
    const out = { ...DEFAULT_SETTINGS };
    for (const key of KEYS) {
      const value = this.store.get(key);
      if (value === undefined) continue;
      try {
        Object.assign(out, validateParams('updateSettings', { [key]: value }));
      } catch (e) {
        if (!(e instanceof InvalidInput)) throw e;
      }
    }
    return out;
  }

  /** `patch` must already be validated. */
  update(patch: Partial<Settings>): Settings {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) this.store.set(k, v);
    return this.get();
  }
}
