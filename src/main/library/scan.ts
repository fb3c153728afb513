/**
 * Finds the audio files under dropped or watched paths: recursive, following symbolic links but
 * never round a loop, skipping non-audio quietly and reporting what cannot be read.
 */
import { opendir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { IMPORT_EXTENSIONS, type ImportProblem } from '../../shared/contract.js';

const AUDIO_EXTENSIONS = new Set<string>(IMPORT_EXTENSIONS.map((e) => `.${e}`));
const COVER_NAMES = /^(cover|folder|front|album|albumart)\.(jpe?g|png)$/i;

export const isAudioPath = (p: string) => AUDIO_EXTENSIONS.has(extname(p).toLowerCase());

export interface ScanResult {
  /** Real paths of audio files, each once. */
  files: string[];
  /** Folder real path -> a cover image found in it (cover.jpg, folder.png, ...). */
  folderCovers: Map<string, string>;
  skipped: number;
  problems: ImportProblem[];
}

const why = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM'
    ? 'permission denied'
    : code === 'ENOENT'
      ? 'no longer exists'
      : (code ?? (e as Error).message);
};

export interface ScanOptions {
  /** Why a folder or file (by real path) must not be entered, or null (import-roots.ts). */
  refuse?: (real: string) => string | null;
  /** Stops the scan (the user cancelled the import): what was found so far is returned. */
  signal?: AbortSignal;
}

export async function scan(paths: string[], onFound?: (count: number) => void, opts: ScanOptions = {}): Promise<ScanResult> {
  const refuse = opts.refuse ?? (() => null);
  const stopped = () => opts.signal?.aborted === true;
  const out: ScanResult = { files: [], folderCovers: new Map(), skipped: 0, problems: [] };
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  const addFile = (real: string) => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    out.files.push(real);
    if (out.files.length % 200 === 0) onFound?.(out.files.length);
  };

  // `ancestors` holds the real paths on the way down: meeting one again is a loop, not just a second link.
  const walk = async (dir: string, real: string, ancestors: Set<string>): Promise<void> => {
    if (ancestors.has(real)) {
      out.problems.push({ path: dir, kind: 'symlink-loop', message: `a link leads back to ${real}; skipped` });
      return;
    }
    if (seenDirs.has(real) || stopped()) return;
    seenDirs.add(real);
    const refused = refuse(real);
    if (refused) {
      out.problems.push({ path: dir, kind: 'unreadable', message: refused });
      return;
    }
    let handle;
    try {
      handle = await opendir(dir);
    } catch (e) {
      out.problems.push({ path: dir, kind: 'unreadable', message: `cannot open the folder (${why(e)})` });
      return;
    }
    const inner = new Set(ancestors).add(real);
    const subdirs: Array<[string, string]> = [];
    try {
      for await (const entry of handle) {
        if (stopped()) break;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
          subdirs.push([full, join(real, entry.name)]);
        } else if (entry.isFile()) {
          if (isAudioPath(entry.name)) addFile(join(real, entry.name));
          else {
            if (COVER_NAMES.test(entry.name) && !out.folderCovers.has(real)) out.folderCovers.set(real, join(real, entry.name));
            out.skipped++;
          }
        } else if (entry.isSymbolicLink()) {
          let target: string;
          try {
            target = await realpath(full);
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code === 'ELOOP') out.problems.push({ path: full, kind: 'symlink-loop', message: 'the link points at itself' });
            else if (isAudioPath(entry.name)) out.problems.push({ path: full, kind: 'missing', message: `broken link (${why(e)})` });
            else out.skipped++;
            continue;
          }
          try {
            const s = await stat(target);
            if (s.isDirectory()) subdirs.push([full, target]);
            else if (s.isFile() && isAudioPath(target)) {
              if (refuse(target)) out.skipped++;
              else addFile(target);
            } else out.skipped++;
          } catch (e) {
            out.problems.push({ path: full, kind: 'unreadable', message: why(e) });
          }
        } else {
          out.skipped++;
        }
      }
    } catch (e) {
      out.problems.push({ path: dir, kind: 'unreadable', message: `cannot list the folder (${why(e)})` });
    }
    for (const [sub, subReal] of subdirs) await walk(sub, subReal, inner);
  };

  for (const p of paths) {
    if (stopped()) break;
    let real: string;
    try {
      real = await realpath(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out.problems.push({
        path: p,
        kind: code === 'ELOOP' ? 'symlink-loop' : 'missing',
        message: code === 'ELOOP' ? 'the link leads round in a loop' : `cannot find it (${why(e)})`,
      });
      continue;
    }
    try {
      const s = await stat(real);
      const refused = refuse(real);
      if (refused) out.problems.push({ path: p, kind: 'unreadable', message: refused });
      else if (s.isDirectory()) await walk(p, real, new Set());
      else if (s.isFile() && isAudioPath(real)) addFile(real);
      else out.skipped++;
    } catch (e) {
      out.problems.push({ path: p, kind: 'unreadable', message: why(e) });
    }
  }
  onFound?.(out.files.length);
  return out;
}

/** Title and artist from a file name such as "03 - Artist - Title.mp3"; album from its folder. */
export function namesFromPath(path: string): { title: string; artist: string | null; album: string | null } {
  const stem = basename(path, extname(path)).replace(/_/g, ' ').trim();
  const noNumber = stem.replace(/^\d{1,3}\s*[-._)]?\s+/, '').trim() || stem;
  const parts = noNumber.split(/\s+-\s+/);
  const folder = basename(join(path, '..'));
  return {
    title: (parts.length >= 2 ? parts.slice(1).join(' - ') : noNumber) || stem || 'Untitled',
    artist: parts.length >= 2 ? parts[0] : null,
    album: folder && folder !== '.' && folder !== '/' ? folder : null,
  };
}
