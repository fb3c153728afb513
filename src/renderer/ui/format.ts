/** Small display helpers shared by the components. */

/** 163.4 -> "2:43"; unknown durations show as "-:--". */
export function formatTime(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '-:--';
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** 0.873 -> "87%". */
export function percent(fraction: number | null | undefined): string {
  if (fraction == null || !Number.isFinite(fraction)) return '–';
  return `${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%`;
}

/** 1 -> "1 track", 3 -> "3 tracks". */
export function tracksCount(n: number): string {
  return `${n} ${n === 1 ? 'track' : 'tracks'}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
