/** Library changes gathered and announced as one `library` event per half second at most (a correction at once). */
import type { LibraryChange, Track } from '../../shared/contract.js';

const EVERY_MS = 500;
/** Past this many ids the list is not useful: an empty list tells the page to refetch. */
const MAX_IDS = 500;

export class ChangeFeed {
  private pending: { changed: Set<string>; removed: Set<string>; reason: LibraryChange['reason'] } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly send: (change: LibraryChange) => void,
    /** Total and user track counts at the time of sending. */
    private readonly counts: () => { total: number; user: number },
    /** The tracks of these ids as the library now has them. */
    private readonly lookup: (ids: Set<string>) => Track[] = () => [],
  ) {}

  record(changed: string[], removed: string[], reason: LibraryChange['reason']): void {
    const p = (this.pending ??= { changed: new Set(), removed: new Set(), reason });
    changed.forEach((id) => p.changed.add(id));
    removed.forEach((id) => p.removed.add(id));
    // An analysis finishing is the least telling reason: the import or watch that caused it wins.
    if (reason !== 'analysis') p.reason = reason;
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), reason === 'correction' ? 0 : EVERY_MS);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    const many = p.changed.size > MAX_IDS;
    this.send({
      reason: p.reason,
      listed: !many,
      changed: many ? [] : [...p.changed],
      tracks: many ? [] : this.lookup(p.changed),
      removed: [...p.removed],
      ...this.counts(),
    });
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
