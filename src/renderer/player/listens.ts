/**
 * Listen accounting: how long the song under way has really been heard (seeks are not listening),
 * and what its one record says when it stops being the current song.
 */
import type { Emotion, Track } from '../../shared/contract';

/** A song heard for less than this share of its length (and left before its end) counts as skipped. */
export const SKIP_SHARE = 0.9;
/** A play shorter than this is no play at all (a click through the list). */
const MIN_PLAY_S = 1;

/** How a song left the player: for the history. */
export interface PlayRecord {
  track: Track;
  startedAt: number;
  playedSec: number;
  skipped: boolean;
  mood: Emotion | null;
  source: string;
}

interface UnderWay {
  startedAt: number;
  /** Seconds actually listened (position jumps by seeking are not counted). */
  playedSec: number;
  lastPosition: number;
}

export class ListenCounter {
  private play: UnderWay | null = null;

  get active(): boolean {
    return this.play !== null;
  }

  /** A song starts (from `position`), unless one is already counted. */
  start(position: number, now = Date.now()): void {
    this.play ??= { startedAt: now, playedSec: 0, lastPosition: position };
  }

  /** A fresh count from `position` (a new song). */
  restart(position: number, now = Date.now()): void {
    this.play = { startedAt: now, playedSec: 0, lastPosition: position };
  }

  /** The clock moved to `position`: forward steps of about a tick are listening; larger jumps are seeks. */
  advance(position: number): void {
    const p = this.play;
    if (!p) return;
    const step = position - p.lastPosition;
    if (step > 0 && step < 2) p.playedSec += step;
    p.lastPosition = position;
  }

  /** A seek: the next tick counts from here. */
  jumped(position: number): void {
    if (this.play) this.play.lastPosition = position;
  }

  /** Forgets the song under way without a record (it failed, or the list was replaced before it sounded). */
  drop(): void {
    this.play = null;
  }

  /**
   * The song stops being the current one: its record, or null when it was barely heard. `reachedEnd`:
   * it played to its end (also by a gapless or crossfaded handover); else it counts as skipped
   * unless most of it was heard.
   */
  finish(track: Track, durationSec: number, reachedEnd: boolean, about: Pick<PlayRecord, 'mood' | 'source'>): PlayRecord | null {
    const p = this.play;
    this.play = null;
    if (!p || p.playedSec < MIN_PLAY_S) return null;
    const heard = p.playedSec >= (durationSec || track.durationSec) * SKIP_SHARE;
    return { track, startedAt: p.startedAt, playedSec: round1(p.playedSec), skipped: !reachedEnd && !heard, ...about };
  }

  /** The record the song under way would get if the page went now (not skipped: nobody skipped it). */
  peek(track: Track, about: Pick<PlayRecord, 'mood' | 'source'>): PlayRecord | null {
    const p = this.play;
    if (!p || p.playedSec < MIN_PLAY_S) return null;
    return { track, startedAt: p.startedAt, playedSec: round1(p.playedSec), skipped: false, ...about };
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
