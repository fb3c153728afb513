/**
 * The mood timeline: the moods read (snapshots, manual and tray picks, and live readings at most
 * once a minute) with the tracks that played while each held. Stored locally only, clearable,
 * and exportable as CSV; no picture or probability vector is kept, only the mood and its place.
 */
import type { AppError, Mood, MoodHistoryEntry, MoodSource } from '../../shared/contract.js';
import { EMOTIONS } from '../../shared/contract.js';
import { EMOTION_TARGETS } from '../../shared/mood-space.js';
import type { StoreFactory } from '../core/store.js';
import { openLocalFile, type LocalFile } from './local-file.js';

/** Live readings are recorded at most this often, so a long live session stays a readable line. */
export const LIVE_EVERY_MS = 60_000;
/** The file keeps about a year of a busy day's moods, and drops the oldest beyond that. */
const MAX_ENTRIES = 20_000;
const SOURCES: MoodSource[] = ['snapshot', 'live', 'manual', 'tray'];

function parse(raw: unknown): MoodHistoryEntry[] | null {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return null;
  return raw.filter(
    (e): e is MoodHistoryEntry =>
      typeof e === 'object' &&
      e !== null &&
      typeof e.at === 'number' &&
      (EMOTIONS as readonly string[]).includes(e.emotion) &&
      SOURCES.includes(e.source) &&
      Array.isArray(e.played),
  );
}

export class MoodTimeline {
  private lastLiveAt = -Infinity;

  private constructor(private readonly file: LocalFile<MoodHistoryEntry[]>) {}

  static open(dir: string, factory?: StoreFactory, report?: (e: AppError) => void): MoodTimeline {
    return new MoodTimeline(openLocalFile(dir, 'mood-history', 'mood timeline', parse, factory, report));
  }

  get notice() {
    return this.file.notice;
  }

  /** Records a mood; returns false for a live reading within a minute of the last one kept. */
  record(mood: Mood): boolean {
    if (mood.source === 'live') {
      if (mood.at - this.lastLiveAt < LIVE_EVERY_MS) return false;
      this.lastLiveAt = mood.at;
    }
    const p = mood.position ?? EMOTION_TARGETS[mood.emotion];
    const list = this.file.data;
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
    this.file.save();
    return true;
  }

  /** A track started: it belongs to the latest mood. */
  played(trackId: string): void {
    const last = this.file.data[this.file.data.length - 1];
    if (!last || last.played[last.played.length - 1] === trackId) return;
    last.played.push(trackId);
    this.file.save();
  }

  list(since = 0): MoodHistoryEntry[] {
    return this.file.data.filter((e) => e.at >= since);
  }

  clear(): void {
    this.file.data.splice(0);
    this.lastLiveAt = -Infinity;
    this.file.save();
  }
}
