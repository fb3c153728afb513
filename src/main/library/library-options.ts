/** What the library service is opened with: where it keeps its file, the demo music, settings, events. */
import type { Events, Settings } from '../../shared/contract.js';
import type { StoreFactory } from '../core/store.js';
import { join } from 'node:path';
import type { Catalogue } from './catalogue.js';

export type LibraryEvents = Pick<Events, 'library' | 'import-progress' | 'error'>;

export interface LibraryOptions {
  dataDir: string;
  openStore?: StoreFactory;
  demo: Catalogue;
  settings: () => Settings;
  updateSettings: (patch: Partial<Settings>) => void;
  emit: <E extends keyof LibraryEvents>(name: E, payload: LibraryEvents[E]) => void;
  /** Worker threads (default: cores - 1, at most 4). */
  workers?: number;
  /** Analyse audio after import (default true); the CLI can import tags only. */
  analyse?: boolean;
  /** Watch folders for changes while running (default true; the one-shot CLI does not). */
  watch?: boolean;
  /**
   * Serve mode: imports only under these folders (home, uploads) and the watched folders; null or
   * absent: anywhere but the system folders (import-roots.ts).
   */
  importRoots?: string[] | null;
}

/** Where serve mode keeps the files a browser dropped (they come without a path of their own). */
export const uploadDirOf = (dataDir: string): string => join(dataDir, 'imported');
