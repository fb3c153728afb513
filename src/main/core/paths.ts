/** Where the app's files are: repo checkout in development and tests, resources/ when packaged. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json and assets/ (walks up from this module: works from src/ and dist/). */
export function findAppRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'assets'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`Cannot find the Moodtape folder (package.json + assets/) above ${from}`);
    dir = up;
  }
}

/** MOODTAPE_ASSETS overrides; packaged Electron passes process.resourcesPath/assets explicitly. */
export function assetsDir(): string {
  return process.env.MOODTAPE_ASSETS ?? join(findAppRoot(), 'assets');
}

export function appVersion(): string {
  try {
    return JSON.parse(readFileSync(join(findAppRoot(), 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
