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
