/** The key-value store every persisted file goes through: electron-store in the app, conf in serve mode and the CLI (same file format). */
import Conf from 'conf';

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  readonly path: string;
}

export type StoreFactory = (opts: { cwd: string; name: string }) => KeyValueStore;

export const confStore: StoreFactory = ({ cwd, name }) => new Conf({ cwd, configName: name, projectName: 'moodtape' });
