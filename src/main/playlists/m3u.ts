/**
 * M3U / M3U8 playlists as other players write them: `#EXTM3U`, `#EXTINF:<seconds>,<artist> - <title>`
 * (duration optional or -1), comments, a UTF-8 BOM, CRLF or LF, paths relative to the playlist
 * or absolute, Windows separators and drives, and `file://` URLs.
 */
import { isAbsolute, join, relative, resolve, sep, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface M3uEntry {
  /** The location exactly as written. */
  location: string;
  durationSec: number | null;
  /** The #EXTINF display text ("Artist - Title"), when there was one. */
  display: string | null;
}

export function parseM3u(text: string): M3uEntry[] {
  const out: M3uEntry[] = [];
  let info: { durationSec: number | null; display: string | null } | null = null;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      const m = /^#EXTINF:\s*(-?[\d.]+)?\s*(?:[^,]*)?,(.*)$/i.exec(line);
      if (m) {
        const d = m[1] !== undefined ? Number(m[1]) : NaN;
        info = { durationSec: Number.isFinite(d) && d >= 0 ? d : null, display: m[2].trim() || null };
      }
      continue;
    }
    out.push({ location: line, durationSec: info?.durationSec ?? null, display: info?.display ?? null });
    info = null;
  }
  return out;
}

export type Resolved = { path: string } | { reason: string };

/** Where an entry points on this computer, or why it cannot be followed. */
export function resolveEntry(location: string, baseDir: string | null): Resolved {
  let loc = location;
  if (/^file:/i.test(loc)) {
    try {
      return { path: fileURLToPath(loc) };
    } catch {
      // file://C:/... and other URLs Node will not take on this system
      return { reason: 'a file:// address for another system' };
    }
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(loc)) return { reason: 'a web address, not a file' };
  const windowsAbsolute = /^[A-Za-z]:[\\/]/.test(loc) || loc.startsWith('\\\\');
  if (windowsAbsolute) {
    if (sep === '\\') return { path: win32.normalize(loc) };
    return { reason: 'a Windows path (from another computer)' };
  }
  if (sep === '/') loc = loc.replace(/\\/g, '/');
  if (isAbsolute(loc)) return { path: resolve(loc) };
  if (!baseDir) return { reason: 'a relative path, and the playlist file’s folder is not known' };
  return { path: resolve(join(baseDir, loc)) };
}

export interface M3uTrack {
  path: string;
  durationSec: number;
  artist: string;
  title: string;
}

/** M3U8 text; paths relative to `dir` where the file lies inside it, absolute otherwise. */
export function writeM3u8(tracks: M3uTrack[], dir: string | null): string {
  const lines = ['#EXTM3U'];
  for (const t of tracks) {
    const clean = (s: string) => s.replace(/[\r\n]+/g, ' ');
    lines.push(`#EXTINF:${Math.round(t.durationSec)},${clean(t.artist)} - ${clean(t.title)}`);
    const rel = dir ? relative(dir, t.path) : null;
    lines.push(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : t.path);
  }
  return `${lines.join('\n')}\n`;
}
