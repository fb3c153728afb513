/** The library service as the library tests open it: the bundled demo music, one worker, settings held in memory, events recorded. */
import { join } from 'node:path';
import type { Settings } from '../../../src/shared/contract.js';
import { Catalogue } from '../../../src/main/library/catalogue.js';
import { LibraryService } from '../../../src/main/library/library.js';
import { DEFAULT_SETTINGS } from '../../../src/shared/contract.js';

export const demo = new Catalogue(join(process.cwd(), 'assets', 'music'));
const open: LibraryService[] = [];

export interface OpenOptions {
  settings?: Partial<Settings>;
  /** Start file watchers (default false). */
  watch?: boolean;
  /** Hears every settings change the library makes (it may throw, as a failing settings file would). */
  saveSettings?: (next: Settings) => void;
}

export function openLibrary(dataDir: string, { settings = {}, watch = false, saveSettings = () => {} }: OpenOptions = {}) {
  let current: Settings = { ...DEFAULT_SETTINGS, ...settings };
  const events: Array<{ name: string; payload: unknown }> = [];
  const { library, notice } = LibraryService.open({
    dataDir,
    demo,
    settings: () => current,
    updateSettings: (p) => {
      saveSettings({ ...current, ...p });
      current = { ...current, ...p };
    },
    emit: (name: string, payload: unknown) => void events.push({ name, payload }),
    workers: 1,
    watch,
  });
  open.push(library);
  return { library, notice, events, settings: () => current };
}

/** For afterEach: closes every library opened since. */
export async function closeLibraries(): Promise<void> {
  for (const l of open.splice(0)) await l.close();
}
