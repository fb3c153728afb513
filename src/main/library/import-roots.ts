/**
 * Where an import may look. Never in /proc, /sys or /dev (endless, and never music: /proc/self/root
 * alone leads round the whole disk). In serve mode, where any page holding the token can name a
 * path, only under the user's home folder, the uploads folder and folders the user added.
 */
import { realpath } from 'node:fs/promises';
import { normalize, sep } from 'node:path';

export const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

const inside = (path: string, folder: string) => {
  const f = folder.endsWith(sep) ? folder : folder + sep;
  return path === folder || path.startsWith(f);
};

/** Why a real path may not be scanned, or null when it may. `roots` null: anywhere but the system folders. */
export function importRefusal(real: string, roots: string[] | null): string | null {
  if (process.platform !== 'win32' && SYSTEM_FOLDERS.some((f) => inside(real, f))) {
    return `${real} is a system folder (${SYSTEM_FOLDERS.join(', ')}), not music; skipped`;
  }
  if (roots && !roots.some((r) => inside(real, r))) {
    return `${real} is outside your home folder and the folders you added; skipped`;
  }
  return null;
}

/** The real path when it exists, else the path as given (normalised), for checking against the roots. */
export async function realOrGiven(path: string): Promise<string> {
  return realpath(path).catch(() => normalize(path));
}
