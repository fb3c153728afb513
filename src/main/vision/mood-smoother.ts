/**
 * Live mode: per-frame probabilities are noisy, so the shown mood follows a time-weighted moving
 * average, and changes only when another emotion has led by a clear margin for a while
 * (hysteresis). Frames without a face leave the average alone.
 */
import { EMOTIONS, type Emotion, type Probabilities } from '../../shared/contract.js';

export interface SmootherOptions {
  /** Averaging time constant: about how long a new expression takes to dominate. */
  tauMs: number;
  /** A challenger must beat the current mood's smoothed probability by this much... */
  margin: number;
  /** ...for at least this long before the mood changes. */
  holdMs: number;
}

export const DEFAULT_SMOOTHING: SmootherOptions = { tauMs: 800, margin: 0.1, holdMs: 1200 };

export interface SmoothedMood {
  emotion: Emotion;
  confidence: number;
  probabilities: Probabilities;
  changed: boolean;
}

export class MoodSmoother {
  private avg: Probabilities | null = null;
  private lastAt = 0;
  private current: Emotion | null = null;
  private challenger: Emotion | null = null;
  private challengerSince = 0;

  constructor(private readonly opts: SmootherOptions = DEFAULT_SMOOTHING) {}

  reset(): void {
    this.avg = null;
    this.current = null;
    this.challenger = null;
  }

  /** Feeds one frame's probabilities (null: no face); returns the smoothed mood, if any yet. */
  update(p: Probabilities | null, at: number): SmoothedMood | null {
    if (p) {
      if (!this.avg) this.avg = { ...p };
      else {
        const a = 1 - Math.exp(-Math.max(0, at - this.lastAt) / this.opts.tauMs);
        for (const e of EMOTIONS) this.avg[e] += a * (p[e] - this.avg[e]);
      }
      this.lastAt = at;
    }
    if (!this.avg) return null;
    const avg = this.avg;
    const top = EMOTIONS.reduce((b, e) => (avg[e] > avg[b] ? e : b), EMOTIONS[0]);
    let changed = false;
    if (this.current === null) {
      this.current = top;
      changed = true;
    } else if (top !== this.current && avg[top] - avg[this.current] >= this.opts.margin) {
      if (this.challenger !== top) {
        this.challenger = top;
        this.challengerSince = at;
      } else if (at - this.challengerSince >= this.opts.holdMs) {
        this.current = top;
        this.challenger = null;
        changed = true;
      }
    } else {
      this.challenger = null;
    }
    return { emotion: this.current, confidence: avg[this.current], probabilities: { ...avg }, changed };
  }
}
