/**
 * The plane as this library fills it. Each axis is re-measured by the library's own music: a place's
 * coordinate becomes 2 x (the share of the library below it) - 1, so -0.6 in valence means "darker
 * than 80% of your music", whatever the analysis' absolute scale and however the library leans.
 * Moods are planned on this scale: "sad" means the saddest music this person has.
 */
import type { MoodPoint } from '../../shared/contract.js';

export class LibraryScale {
  private constructor(
    private readonly valence: Axis,
    private readonly arousal: Axis,
  ) {}

  static of(points: readonly MoodPoint[]): LibraryScale {
    return new LibraryScale(axis(points.map((p) => p.valence)), axis(points.map((p) => p.arousal)));
  }

  /** A place on the plane, on this library's scale (each axis in [-1, 1]). */
  relative(p: MoodPoint): MoodPoint {
    return {
      valence: 2 * along(this.valence.at, this.valence.share, p.valence) - 1,
      arousal: 2 * along(this.arousal.at, this.arousal.share, p.arousal) - 1,
    };
  }

  /** The place on the plane at a point of this library's scale: where the library's music for it lies. */
  absolute(q: MoodPoint): MoodPoint {
    return {
      valence: along(this.valence.share, this.valence.at, (q.valence + 1) / 2),
      arousal: along(this.arousal.share, this.arousal.at, (q.arousal + 1) / 2),
    };
  }
}

/**
 * One axis as knots: each distinct value of the library with the share of the library below it
 * (ties counted half), and the plane's ends at 0 and 1, so the scale is continuous and monotone
 * and runs both ways. An empty library leaves the plane as it is.
 */
interface Axis {
  at: number[];
  share: number[];
}

function axis(values: number[]): Axis {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at: number[] = [-1];
  const share: number[] = [0];
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j < xs.length && xs[j] === xs[i]) j++;
    const x = Math.max(-1, Math.min(1, xs[i]));
    const s = (i + j) / 2 / xs.length;
    if (x <= at[at.length - 1]) share[share.length - 1] = s;
    else {
      at.push(x);
      share.push(s);
    }
    i = j;
  }
  if (at[at.length - 1] < 1) {
    at.push(1);
    share.push(1);
  }
  return { at, share };
}

/** Piecewise-linear interpolation: x on the knots `from` to the matching place on `to`. */
function along(from: number[], to: number[], x: number): number {
  if (x <= from[0]) return to[0];
  const last = from.length - 1;
  if (x >= from[last]) return to[last];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (from[m] <= x) lo = m;
    else hi = m;
  }
  return to[lo] + ((x - from[lo]) / (from[hi] - from[lo])) * (to[hi] - to[lo]);
}
