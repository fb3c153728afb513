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
  const scanner = new Scanner(onFound, opts);
  for (const p of paths) {
    if (scanner.stopped()) break;
    await scanner.root(p);
  }
  onFound?.(scanner.out.files.length);
  return scanner.out;
}

/** One scan's walk: what it found so far, and the files and folders it has already seen. */
class Scanner {
  readonly out: ScanResult = { files: [], folderCovers: new Map(), skipped: 0, problems: [] };
  private readonly seenFiles = new Set<string>();
  private readonly seenDirs = new Set<string>();
  private readonly refuse: (real: string) => string | null;

  constructor(
    private readonly onFound: ((count: number) => void) | undefined,
    private readonly opts: ScanOptions,
  ) {
    this.refuse = opts.refuse ?? (() => null);
  }

  stopped(): boolean {
    return this.opts.signal?.aborted === true;
  }

  /** A dropped or watched path: a folder to walk, an audio file, or a problem. */
  async root(p: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      this.out.problems.push({
        path: p,
        kind: code === 'ELOOP' ? 'symlink-loop' : 'missing',
        message: code === 'ELOOP' ? 'the link leads round in a loop' : `cannot find it (${why(e)})`,
      });
      return;
    }
    try {
      const s = await stat(real);
      const refused = this.refuse(real);
      if (refused) this.out.problems.push({ path: p, kind: 'unreadable', message: refused });
      else if (s.isDirectory()) await this.walk(p, real, new Set());
      else if (s.isFile() && isAudioPath(real)) this.addFile(real);
      else this.out.skipped++;
    } catch (e) {
      this.out.problems.push({ path: p, kind: 'unreadable', message: why(e) });
    }
  }

  /** `ancestors` holds the real paths on the way down: meeting one again is a loop, not just a second link. */
  private async walk(dir: string, real: string, ancestors: Set<string>): Promise<void> {
    if (ancestors.has(real)) {
      this.out.problems.push({ path: dir, kind: 'symlink-loop', message: `a link leads back to ${real}; skipped` });
      return;
    }
    if (this.seenDirs.has(real) || this.stopped()) return;
    this.seenDirs.add(real);
    const refused = this.refuse(real);
    if (refused) {
      this.out.problems.push({ path: dir, kind: 'unreadable', message: refused });
      return;
    }
    const subdirs = await this.list(dir, real);
    if (!subdirs) return;
    const inner = new Set(ancestors).add(real);
    for (const [sub, subReal] of subdirs) await this.walk(sub, subReal, inner);
  }

  /** Takes a folder's files; returns its subfolders (as [path, real path]) to walk next, or null when it cannot be opened. */
  private async list(dir: string, real: string): Promise<Array<[string, string]> | null> {
    let handle;
    try {
      handle = await opendir(dir);
    } catch (e) {
      this.out.problems.push({ path: dir, kind: 'unreadable', message: `cannot open the folder (${why(e)})` });
      return null;
    }
    const subdirs: Array<[string, string]> = [];
    try {
      for await (const entry of handle) {
        if (this.stopped()) break;
        if (entry.isDirectory()) subdirs.push([join(dir, entry.name), join(real, entry.name)]);
        else if (entry.isFile()) this.file(real, entry.name);
        else if (entry.isSymbolicLink()) await this.link(join(dir, entry.name), entry.name, subdirs);
        else this.out.skipped++;
      }
    } catch (e) {
      this.out.problems.push({ path: dir, kind: 'unreadable', message: `cannot list the folder (${why(e)})` });
    }
    return subdirs;
  }

  /** A plain file in the folder `real`: audio is taken; a cover image is remembered for the folder. */
  private file(real: string, name: string): void {
    if (isAudioPath(name)) return this.addFile(join(real, name));
    if (COVER_NAMES.test(name) && !this.out.folderCovers.has(real)) this.out.folderCovers.set(real, join(real, name));
    this.out.skipped++;
  }

  /** A link inside a folder: followed to a folder (walked later) or an audio file; a broken one is reported when it looked like music. */
  private async link(full: string, name: string, subdirs: Array<[string, string]>): Promise<void> {
    let target: string;
    try {
      target = await realpath(full);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') this.out.problems.push({ path: full, kind: 'symlink-loop', message: 'the link points at itself' });
      else if (isAudioPath(name)) this.out.problems.push({ path: full, kind: 'missing', message: `broken link (${why(e)})` });
      else this.out.skipped++;
      return;
    }
    try {
      const s = await stat(target);
      if (s.isDirectory()) subdirs.push([full, target]);
      else if (s.isFile() && isAudioPath(target) && !this.refuse(target)) this.addFile(target);
      else this.out.skipped++;
    } catch (e) {
      this.out.problems.push({ path: full, kind: 'unreadable', message: why(e) });
    }
  }

  private addFile(real: string): void {
    if (this.seenFiles.has(real)) return;
    this.seenFiles.add(real);
    this.out.files.push(real);
    if (this.out.files.length % 200 === 0) this.onFound?.(this.out.files.length);
  }
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
