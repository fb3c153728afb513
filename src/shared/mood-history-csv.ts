/** The mood timeline as CSV, for the app's export button and the CLI. */
import type { MoodHistoryEntry } from './contract.js';

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The timeline as CSV (one row per mood), with track titles where they are known. */
export function timelineCsv(entries: MoodHistoryEntry[], titleOf: (id: string) => string | undefined = () => undefined): string {
  const rows = entries.map((e) =>
    [
      new Date(e.at).toISOString(),
      e.emotion,
      e.source,
      String(e.confidence),
      String(e.valence),
      String(e.arousal),
      e.played.map((id) => titleOf(id) ?? id).join('; '),
    ]
      .map(csvCell)
      .join(','),
  );
  return ['time,emotion,source,confidence,valence,arousal,played', ...rows].join('\n') + '\n';
}
