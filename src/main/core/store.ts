/** The key-value store every persisted file goes through: electron-store in the app, conf in serve mode and the CLI (same file format). */
import Conf from 'conf';

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  readonly path: string;
}

export type StoreFactory = (opts: { cwd: string; name: string }) => KeyValueStore;

/** JSON.parse that accepts a leading byte-order mark (editors on Windows add one). */
export const parseStoreText = (text: string): Record<string, unknown> => JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;

export const confStore: StoreFactory = ({ cwd, name }) =>
  new Conf({ cwd, configName: name, projectName: 'moodtape', deserialize: parseStoreText });

/**
 * In place of the store of a file that cannot be read: reads nothing and refuses every write, so the
 * file is left exactly as it is (the store keeps this run's changes in memory).
 */
export function untouchable(path: string): KeyValueStore {
  return {
    get: () => undefined,
    set: () => {
      throw new Error('its file cannot be read, so it is left as it is');
    },
    path,
  };
}
