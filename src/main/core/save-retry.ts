/**
 * Writing a store file that may fail (read-only folder, full disk): the data stays in memory, the
 * write is retried with backoff, and the user hears about it once per run of failures, either as
 * the answer to the request that saved or, for background saves, through `report`.
 */
import type { AppError } from '../../shared/contract.js';
import { errors } from './errors.js';

const RETRY_MS = [2000, 5000, 15_000, 60_000];

export class SaveRetry {
  private failures = 0;
  private told = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** Writes everything not yet saved; throws when the file system refuses. */
    private readonly write: () => void,
    /** "your music library", for the message. */
    private readonly what: string,
    private readonly report: (e: AppError) => void,
  ) {}

  get failing(): boolean {
    return this.failures > 0;
  }

  /**
   * Writes now. On failure, schedules a retry and returns the error; with `caller` the caller
   * shows it (and the background stays quiet), otherwise it is reported unless it already was.
   */
  attempt(caller = false): AppError | null {
    this.cancel();
    try {
      this.write();
      this.failures = 0;
      this.told = false;
      return null;
    } catch (e) {
      const error = errors.saveFailed(this.what, e).toJSON();
      this.failures++;
      if (!this.told && !caller) this.report(error);
      this.told = true;
      this.timer = setTimeout(() => this.attempt(), RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)]);
      this.timer.unref();
      return error;
    }
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
