/**
 * Settings persisted in `<dir>/settings.json` (electron-store in the app, conf elsewhere: the same
 * file format). A corrupt file is kept aside as settings.corrupt-<time>.json and the user is told;
 * a bad value falls back to its default without losing the rest. A write that fails keeps the
 * value in memory and is retried (core/save-retry.ts).
 */
import { DEFAULT_SETTINGS, type AppError, type Settings } from '../../shared/contract.js';
import { join } from 'node:path';
import { isObject } from '../../shared/is-object.js';
import { InvalidInput, validateParams } from '../../shared/validate.js';
import { MoodtapeError } from '../core/errors.js';
import { SaveRetry } from '../core/save-retry.js';
import { confStore, untouchable, type KeyValueStore, type StoreFactory } from '../core/store.js';
import { readStoreFile } from '../core/store-file.js';

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

export class SettingsService {
  /** Values whose write failed: served from memory until a retry saves them. */
  private readonly unsaved: Partial<Record<keyof Settings, unknown>> = {};
  private readonly saver: SaveRetry;

  private constructor(
    private readonly store: KeyValueStore,
    report: (e: AppError) => void,
  ) {
    this.saver = new SaveRetry(() => this.write(), 'your settings', report);
  }

  /**
   * Opens the settings; `notice` says if a corrupt file had to be set aside. `report` hears about
   * background saves that fail (once per run of failures).
   */
  static open(
    dir: string,
    factory: StoreFactory = confStore,
    report: (e: AppError) => void = () => {},
  ): { settings: SettingsService; notice: AppError | null } {
    const { backup, unreadable } = readStoreFile(dir, 'settings', isObject);
    if (unreadable) {
      // Left in place and never written over: this run keeps its settings in memory only.
      const notice: AppError = {
        code: 'settings-corrupt',
        message: `Your settings file (settings.json) cannot be read (${unreadable}); it is left as it is, and Moodtape starts with the default settings. Changes to settings are kept only while Moodtape runs.`,
        hint: "Make settings.json in Moodtape's data folder readable and writable by you (check its owner and permissions), then restart Moodtape.",
      };
      return { settings: new SettingsService(untouchable(join(dir, 'settings.json')), report), notice };
    }
    const notice: AppError | null = backup
      ? {
          code: 'settings-corrupt',
          message: `Your settings file was damaged and could not be read; it was kept as ${backup}. Every setting is back to its default: volume, mode, camera, "only my music", and the list of watched folders.`,
          hint: 'Set them again, and add your watched folders again (Add folder) so new files in them are picked up. The tracks already in your library stay, with their mood corrections.',
        }
      : null;
    return { settings: new SettingsService(factory({ cwd: dir, name: 'settings' }), report), notice };
  }

  get path(): string {
    return this.store.path;
  }

  get(): Settings {
    const out = { ...DEFAULT_SETTINGS };
    for (const key of KEYS) {
      const value = key in this.unsaved ? this.unsaved[key] : this.store.get(key);
      if (value === undefined) continue;
      try {
        Object.assign(out, validateParams('updateSettings', { [key]: value }));
      } catch (e) {
        if (!(e instanceof InvalidInput)) throw e;
      }
    }
    return out;
  }

  /**
   * `patch` must already be validated. When the file cannot be written the change still holds
   * (in memory, retried); `caller` makes the save-failed error this call's answer, otherwise it
   * is reported in the background.
   */
  update(patch: Partial<Settings>, caller = false): Settings {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) this.unsaved[k as keyof Settings] = v;
    const error = this.saver.attempt(caller);
    if (error && caller) throw new MoodtapeError(error.code, error.message, error.hint);
    return this.get();
  }

  private write(): void {
    for (const key of Object.keys(this.unsaved) as (keyof Settings)[]) {
      this.store.set(key, this.unsaved[key]);
      delete this.unsaved[key];
    }
  }
}
