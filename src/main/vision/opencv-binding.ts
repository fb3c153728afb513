/**
 * Which build of the OpenCV binding (@u4/opencv4nodejs, a NAN addon tied to one ABI) this runtime
 * loads. Node (CLI, serve mode, tests): node_modules. Electron from a checkout (`npm start`): the
 * Electron-ABI copy setup builds beside it (scripts/electron-binding.mjs), never the Node build,
 * which would refuse to load. Packaged Electron: the app's own node_modules, rebuilt by stage-app.
 */
import { join } from 'node:path';
import { MoodtapeError } from '../core/errors.js';

/** Relative to the app root; keep in step with DEV_BINDING_DIR in scripts/electron-binding.mjs. */
export const ELECTRON_BINDING_DIR = join('native', 'electron', 'node_modules', '@u4', 'opencv4nodejs');
const ADDON = join('build', 'Release', 'opencv4nodejs.node');

export interface BindingContext {
  /** process.versions.electron: set only inside Electron. */
  electron: string | undefined;
  /** Packaged app (app.asar): its node_modules already hold the Electron build. */
  packaged: boolean;
  /** The checkout's root (package.json + assets), or null where there is none. */
  appRoot: string | null;
  exists(path: string): boolean;
}

/** What to require() for the binding in this runtime; throws camera-support-missing when no fitting build exists. */
export function opencvModule(ctx: BindingContext): string {
  if (!ctx.electron || ctx.packaged) return '@u4/opencv4nodejs';
  const dir = ctx.appRoot ? join(ctx.appRoot, ELECTRON_BINDING_DIR) : null;
  if (dir && ctx.exists(join(dir, ADDON))) return dir;
  throw cameraSupportMissing(ctx.electron);
}

export function cameraSupportMissing(electron: string): MoodtapeError {
  return new MoodtapeError(
    'camera-support-missing',
    `The camera needs OpenCV built for the desktop app (Electron ${electron}), and that build is missing.`,
    'Run "bash scripts/setup.sh" on a computer that is online (it builds it), then restart Moodtape. Moods by hand, your library and playback work meanwhile.',
  );
}
