/**
 * The mood timeline: the moods read (snapshots, manual and tray picks, and live readings at most
 * once a minute) with the tracks that played while each held. Stored locally only, clearable,
 * and exportable as CSV; no picture or probability vector is kept, only the mood and its place.
 */
import type { AppError, Mood, MoodHistoryEntry, MoodSource } from '../../shared/contract.js';
import { EMOTIONS } from '../../shared/contract.js';
import { EMOTION_TARGETS } from '../../shared/mood-space.js';
import { JsonRecord, type ListFile } from '../core/json-record.js';
import type { StoreFactory } from '../core/store.js';

/** Live readings are recorded at most this often, so a long live session stays a readable line. */
export const LIVE_EVERY_MS = 60_000;
/** The file keeps about a year of a busy day's moods, and drops the oldest beyond that. */
const MAX_ENTRIES = 20_000;
const SOURCES: MoodSource[] = ['snapshot', 'live', 'manual', 'tray'];

function problem(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return 'it is not an object';
  const x = e as Record<string, unknown>;
  if (typeof x.at !== 'number') return 'its time is not a number';
  if (!(EMOTIONS as readonly unknown[]).includes(x.emotion)) return 'its mood is unknown';
  if (!(SOURCES as unknown[]).includes(x.source)) return 'its source is unknown';
  if (!Array.isArray(x.played)) return 'its list of played tracks is not a list';
  return null;
}

const nameOf = (e: unknown, i: number) => {
  const at = (e as { at?: unknown } | null)?.at;
  return typeof at === 'number' && Number.isFinite(at) ? `the mood of ${new Date(at).toISOString()}` : `entry ${i + 1}`;
};

const FILE: ListFile<MoodHistoryEntry> = { name: 'mood-history', what: 'mood timeline', code: 'settings-corrupt', problem, nameOf };

export class MoodTimeline {
  private lastLiveAt = -Infinity;

  private constructor(
    private readonly file: JsonRecord<MoodHistoryEntry[]>,
    readonly notice: AppError | null,
  ) {}

  static open(dir: string, factory?: StoreFactory, report?: (e: AppError) => void): MoodTimeline {
    const { store, notice } = JsonRecord.openList(FILE, dir, factory, report);
    return new MoodTimeline(store, notice);
  }

  /** Records a mood; returns false for a live reading within a minute of the last one kept. */
  record(mood: Mood): boolean {
    if (mood.source === 'live') {
      if (mood.at - this.lastLiveAt < LIVE_EVERY_MS) return false;
      this.lastLiveAt = mood.at;
    }
    const p = mood.position ?? EMOTION_TARGETS[mood.emotion];
    const list = this.file.get();
    list.push({
      at: mood.at,
      emotion: mood.emotion,
      source: mood.source,
      confidence: Math.round(mood.confidence * 1000) / 1000,
      valence: p.valence,
      arousal: p.arousal,
      played: [],
    });
    if (list.length > MAX_ENTRIES) list.splice(0, list.length - MAX_ENTRIES);
    // Background: the mood is the answer; a failed write is reported and retried.
    this.file.save(false);
    return true;
  }

  /** A track started: it belongs to the latest mood. */
  played(trackId: string): void {
    const last = this.file.get()[this.file.get().length - 1];
    if (!last || last.played[last.played.length - 1] === trackId) return;
    last.played.push(trackId);
    this.file.save(false);
  }

  list(since = 0): MoodHistoryEntry[] {
    return this.file.get().filter((e) => e.at >= since);
  }

  clear(): void {
    this.file.get().splice(0);
    this.lastLiveAt = -Infinity;
    this.file.save();
  }
}
