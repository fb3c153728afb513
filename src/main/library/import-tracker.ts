/**
 * The import's counters for the progress bar and the summary, sent as throttled `import-progress`
 * events. Only this class changes them; the library tells it what happened.
 */
import type { ImportProblem, ImportStatus } from '../../shared/contract.js';

const MAX_PROBLEMS = 200;
const EVERY_MS = 200;

export const idleStatus = (): ImportStatus => ({
  phase: 'idle',
  found: 0,
  added: 0,
  unchanged: 0,
  read: 0,
  skipped: 0,
  analysed: 0,
  toAnalyse: 0,
  problems: [],
  problemCount: 0,
  startedAt: null,
  finishedAt: null,
});

export class ImportTracker {
  private status: ImportStatus = idleStatus();
  private last = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly send: (s: ImportStatus) => void) {}

  get phase(): ImportStatus['phase'] {
    return this.status.phase;
  }

  /** A new round of work: counters restart unless one is already running. */
  begin(phase: ImportStatus['phase']): void {
    if (this.status.phase === 'idle') this.status = { ...idleStatus(), startedAt: Date.now() };
    this.status.phase = phase;
    this.changed(true);
  }

  /** Starts counting one scan's files on top of what earlier scans of this round found. */
  scanCounter(): { found: (n: number) => void; done: (files: number, skipped: number) => void } {
    const before = this.status.found;
    return {
      found: (n) => {
        this.status.found = before + n;
        this.changed();
      },
      done: (files, skipped) => {
        this.status.found = before + files;
        this.status.skipped += skipped;
        this.changed();
      },
    };
  }

  /** A file already in the library, unchanged since it was read. */
  unchanged(): void {
    this.status.unchanged++;
    this.status.read++;
  }

  /** A file's tags were read (added) or could not be (a problem is reported separately). */
  tagsRead(added: boolean): void {
    this.status.read++;
    if (added) this.status.added++;
  }

  /** One analysis finished, well or not; `left` are still queued or running. */
  analysed(left: number): void {
    this.status.analysed++;
    this.status.toAnalyse = left;
    this.changed();
  }

  toAnalyse(n: number): void {
    this.status.toAnalyse = n;
    this.changed();
  }

  problem(p: ImportProblem): void {
    this.status.problemCount++;
    if (this.status.problems.length < MAX_PROBLEMS) this.status.problems.push(p);
    this.changed();
  }

  /** The user stopped the import: the summary says so. */
  cancelled(): void {
    this.status.cancelled = true;
    this.changed(true);
  }

  finish(): void {
    this.status.phase = 'idle';
    this.status.toAnalyse = 0;
    this.status.finishedAt = Date.now();
    this.changed(true);
  }

  snapshot(): ImportStatus {
    return { ...this.status, problems: [...this.status.problems] };
  }

  changed(now = false): void {
    const wait = EVERY_MS - (Date.now() - this.last);
    if (now || wait <= 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.last = Date.now();
      this.send(this.snapshot());
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.changed(true), wait);
      this.timer.unref();
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
