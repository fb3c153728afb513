/** The timeline's ranges and the words for a learned score (plain functions, no state). */

export type TimelineRange = 'today' | 'week';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of the range in local time (midnight today, or midnight six days ago). */
export function rangeStart(range: TimelineRange, now = Date.now()): number {
  const d = new Date(now);
  const midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return range === 'today' ? midnight : midnight - 6 * DAY_MS;
}

/** What a learned score does to the picks, in words (0.5 is "no opinion"). */
export function scoreEffect(score: number): string {
  if (score >= 0.55) return 'picked more often';
  if (score <= 0.45) return 'picked less often';
  return 'no change yet';
}
