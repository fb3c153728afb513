/**
 * Watches folders for new, changed and deleted files while the app runs. Events are collected and
 * handled together after a quiet spell (copying an album fires hundreds of them).
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly onChanges: (paths: string[]) => void,
    private readonly onError: (folder: string, message: string) => void,
    private readonly debounceMs = 800,
  ) {}

  /** Watches exactly these folders (real paths), starting and stopping watchers as needed. */
  set(folders: string[]): void {
    for (const [f, w] of this.watchers) {
      if (!folders.includes(f)) {
        w.close();
        this.watchers.delete(f);
      }
    }
    for (const f of folders) {
      if (this.watchers.has(f)) continue;
      try {
        const w = watch(f, { recursive: true, persistent: false }, (_event, name) => this.note(name ? join(f, name.toString()) : f));
        w.on('error', (e) => {
          w.close();
          this.watchers.delete(f);
          this.onError(f, e.message);
        });
        this.watchers.set(f, w);
      } catch (e) {
        this.onError(f, (e as Error).message);
      }
    }
  }

  private note(path: string): void {
    this.pending.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      const paths = [...this.pending];
      this.pending = new Set();
      this.onChanges(paths);
    }, this.debounceMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
