/** Each runtime loads the OpenCV binding built for its ABI, and a missing Electron build is explained. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_BINDING_DIR, opencvModule } from '../../src/main/vision/opencv-binding.js';
import { MoodtapeError } from '../../src/main/core/errors.js';

const ROOT = '/home/me/moodtape';
const ELECTRON_ADDON = join(ROOT, ELECTRON_BINDING_DIR, 'build', 'Release', 'opencv4nodejs.node');
const on =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('OpenCV binding per runtime', () => {
  it('Node (CLI, serve mode, tests) loads the Node build from node_modules, even when an Electron build exists', () => {
    expect(opencvModule({ electron: undefined, packaged: false, appRoot: ROOT, exists: on(ELECTRON_ADDON) })).toBe('@u4/opencv4nodejs');
  });

  it('Electron from a checkout loads the Electron-ABI build beside it', () => {
    expect(opencvModule({ electron: '41.10.7', packaged: false, appRoot: ROOT, exists: on(ELECTRON_ADDON) })).toBe(
      join(ROOT, ELECTRON_BINDING_DIR),
    );
  });

  it('packaged Electron loads its own node_modules (rebuilt for Electron when staged)', () => {
    expect(opencvModule({ electron: '41.10.7', packaged: true, appRoot: null, exists: on() })).toBe('@u4/opencv4nodejs');
  });

  it('Electron without its build never falls back to the Node build: it says what to run', () => {
    let error: unknown;
    try {
      opencvModule({ electron: '41.10.7', packaged: false, appRoot: ROOT, exists: on() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MoodtapeError);
    const e = error as MoodtapeError;
    expect(e.code).toBe('camera-support-missing');
    expect(e.message).toContain('Electron 41.10.7');
    expect(e.hint).toContain('bash scripts/setup.sh');
    expect(e.hint).toMatch(/by hand/);
  });
});
