/** The folders the settings ask to watch, resolved to real paths, with their file watchers. */
import { realpath } from 'node:fs/promises';
import type { AppError } from '../../shared/contract.js';
import { under } from './library-entries.js';
import { FolderWatcher } from './watcher.js';

export class WatchedFolders {
  /** Folder as the settings name it -> its real path. */
  private real = new Map<string, string>();
  private readonly watcher: FolderWatcher;

  constructor(
    onChanges: (paths: string[]) => void,
    private readonly report: (e: AppError) => void,
    /** The one-shot CLI resolves folders but starts no watcher. */
    private readonly live: boolean,
  ) {
    this.watcher = new FolderWatcher(onChanges, (folder, message) =>
      report({
        code: 'track-unreadable',
        message: `Moodtape can no longer watch ${folder} (${message}).`,
        hint: 'Check that the folder still exists, then add it again.',
      }),
    );
  }

  /** Whether a path lies under a watched folder (or one of `configured`, before the first sync). */
  covers(path: string, configured: readonly string[]): boolean {
    for (const real of this.real.values()) if (under(path, real)) return true;
    return configured.some((f) => under(path, f));
  }

  /** Watches exactly `folders`; returns the real paths newly watched (all of them when `all`), to be rescanned. */
  async sync(folders: readonly string[], all: boolean): Promise<string[]> {
    const next = new Map<string, string>();
    for (const f of folders) {
      const real = await realpath(f).catch(() => null);
      if (real) next.set(f, real);
      else
        this.report({
          code: 'track-unreadable',
          message: `The watched folder ${f} cannot be found.`,
          hint: 'Connect the drive it is on, or remove it from the watched folders.',
        });
    }
    const before = new Set(this.real.values());
    const fresh = [...next.values()].filter((r) => all || !before.has(r));
    this.real = next;
    if (this.live) this.watcher.set([...next.values()]);
    return fresh;
  }

  close(): void {
    this.watcher.close();
  }
}
