/**
 * Audio analysis of library entries in the background, as many at once as the worker pool has
 * threads. An entry needs analysis when it has none, or one made by another version of the mood
 * model: its cached place on the mood plane is stale, so it is redone (the old place stays in use
 * until the new one arrives).
 */
import type { AudioAnalysis } from './analysis/analyze.js';
import { AnalysisError } from './analysis/errors.js';
import { MOOD_MODEL } from './analysis/mood-model.js';
import type { ImportTracker } from './import-tracker.js';
import type { LibraryEntries } from './library-entries.js';
import type { LibraryEntry } from './library-store.js';
import type { WorkerPool } from './worker-pool.js';

export function needsAnalysis(e: LibraryEntry, modelVersion: number = MOOD_MODEL.version): boolean {
  // A failure belongs to this file version (a changed file clears it); retrying every start would fail again.
  if (e.missing || e.analysisError) return false;
  return !e.analysis || e.analysis.modelVersion !== modelVersion;
}

export interface AnalysisEvents {
  /** An entry's analysis finished or failed: it changed. */
  analysed: (entry: LibraryEntry) => void;
  /** The queue moved (jobs started or finished): the caller re-checks whether all work is done. */
  settled: () => void;
}

export class AnalysisQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private inFlight = 0;
  private closed = false;

  constructor(
    private readonly pool: WorkerPool,
    private readonly entries: LibraryEntries,
    private readonly tracker: ImportTracker,
    private readonly events: AnalysisEvents,
    /** The CLI can import tags only. */
    private readonly enabled = true,
  ) {}

  /** Analyses queued or running. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  enqueue(e: LibraryEntry): void {
    if (!this.enabled || this.queued.has(e.id)) return;
    this.queued.add(e.id);
    this.queue.push(e.id);
    this.pump();
  }

  close(): void {
    this.closed = true;
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0 && this.inFlight < this.pool.size) {
      const id = this.queue.shift()!;
      this.queued.delete(id);
      const e = this.entries.get(id);
      if (e && needsAnalysis(e)) this.analyse(e);
    }
    this.tracker.toAnalyse(this.pending);
    this.events.settled();
  }

  private analyse(e: LibraryEntry): void {
    this.inFlight++;
    if (this.tracker.phase === 'idle') this.tracker.begin('analysing');
    const version = `${e.size}:${e.mtimeMs}`;
    // The file may change or leave the library while its analysis runs; then the result is for another file.
    const stillCurrent = () => this.entries.get(e.id) === e && `${e.size}:${e.mtimeMs}` === version;
    this.pool
      .run<AudioAnalysis>({ kind: 'analyze', path: e.path, durationSec: e.durationSec || null })
      .then(
        (a) => {
          if (!stillCurrent()) return;
          e.analysis = a;
          e.analysisError = null;
          // Decoding counted every sample: that length beats the tags' (an estimate for a VBR MP3 without a header).
          if (a.durationSec && Math.abs(a.durationSec - e.durationSec) >= 0.5) e.durationSec = Math.round(a.durationSec * 10) / 10;
        },
        (err: Error) => {
          if (this.closed || !stillCurrent()) return;
          e.analysisError = err.message;
          const kind = err instanceof AnalysisError ? err.kind : 'corrupt';
          this.tracker.problem({ path: e.path, kind, message: `could not analyse its mood: ${err.message}` });
        },
      )
      .finally(() => {
        this.inFlight--;
        if (this.closed) return;
        this.tracker.analysed(this.pending);
        this.events.analysed(e);
        this.pump();
      });
  }
}
