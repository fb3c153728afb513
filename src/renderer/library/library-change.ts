/** The page's copy of the whole library, kept current by `library` events. */
import type { LibraryChange, Track } from '../../shared/contract';

/** The library after a change, or null when the event does not list enough: fetch it again. */
export function applyLibraryChange(library: Track[], c: LibraryChange): Track[] | null {
  if (!c.listed) return null;
  const changed = new Map(c.tracks.map((t) => [t.id, t]));
  const gone = new Set(c.removed);
  const kept = library.filter((t) => !gone.has(t.id)).map((t) => changed.get(t.id) ?? t);
  const known = new Set(kept.map((t) => t.id));
  const next = [...kept, ...c.tracks.filter((t) => !known.has(t.id))];
  // A change missed while away shows as a different count.
  return next.length === c.total ? next : null;
}
