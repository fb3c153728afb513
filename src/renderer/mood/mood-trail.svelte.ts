/**
 * The listener's dot and its recent trail on the mood plane. Live readings are noisy frame to
 * frame, so the dot follows a time-weighted moving average of their positions (as the main
 * process smooths the probabilities before it changes the music); a point is kept every half second.
 */
import type { MoodPoint, Probabilities } from '../../shared/contract';
import { positionOf } from '../../shared/mood-space';

const TAU_MS = 800;
const KEEP_EVERY_MS = 500;
const MAX_POINTS = 24;

export class MoodTrail {
  points = $state.raw<MoodPoint[]>([]);
  private avg: MoodPoint | null = null;
  private avgAt = 0;
  private keptAt = -Infinity;

  /** The dot: the latest smoothed position, or null before any reading. */
  get current(): MoodPoint | null {
    return this.points[this.points.length - 1] ?? null;
  }

  /** A mood (snapshot, pick, live change): its position joins the trail at once. */
  add(p: MoodPoint, at: number): void {
    this.avg = { ...p };
    this.avgAt = at;
    this.keep(p, at, true);
  }

  /** One live frame's probabilities. */
  addReading(probabilities: Probabilities, at: number): void {
    const p = positionOf(probabilities);
    if (!this.avg) this.avg = p;
    else {
      const a = 1 - Math.exp(-Math.max(0, at - this.avgAt) / TAU_MS);
      this.avg = {
        valence: this.avg.valence + a * (p.valence - this.avg.valence),
        arousal: this.avg.arousal + a * (p.arousal - this.avg.arousal),
      };
    }
    this.avgAt = at;
    this.keep(this.avg, at, false);
  }

  clear(): void {
    this.points = [];
    this.avg = null;
  }

  private keep(p: MoodPoint, at: number, force: boolean): void {
    if (!force && at - this.keptAt < KEEP_EVERY_MS) return;
    this.keptAt = at;
    const round = (v: number) => Math.round(v * 100) / 100;
    this.points = [...this.points, { valence: round(p.valence), arousal: round(p.arousal) }].slice(-MAX_POINTS);
  }
}
