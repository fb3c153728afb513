/**
 * The desktop app without OpenCV built for Electron still opens: the camera panel's model learns
 * what is wrong and what to run, from the start-up notice or a later error, and the rest works.
 */
import { describe, expect, it } from 'vitest';
import type { AppError, AppState } from '../../src/shared/contract';
import { AppModel } from '../../src/renderer/app/app.svelte';
import { FakeApi, idleImport, settle } from './helpers/fake-api';
import { freshSettings } from '../helpers/settings';

const MISSING: AppError = {
  code: 'camera-support-missing',
  message: 'The camera needs OpenCV built for the desktop app (Electron 41.10.7), and that build is missing.',
  hint: 'Run "bash scripts/setup.sh" on a computer that is online (it builds it), then restart Moodtape.',
};

const settings = freshSettings();

function api(notices: AppError[]) {
  const state: AppState = { settings, camera: { on: false, mode: 'snapshot', source: '0' }, mood: null, tracks: [], model: null, notices };
  return new FakeApi({
    getState: () => state,
    getImportStatus: () => idleImport(),
    listLibrary: () => ({ tracks: [], total: 0 }),
  });
}

describe('camera support missing', () => {
  it('comes from the start-up notice, and the app is ready anyway', async () => {
    const app = new AppModel(api([MISSING]));
    await app.start();
    await settle();
    expect(app.ready).toBe(true);
    expect(app.camera.support).toEqual(MISSING);
  });

  it('comes from an error event too; other errors leave it alone', async () => {
    const fake = api([]);
    const app = new AppModel(fake);
    await app.start();
    expect(app.camera.support).toBeNull();
    fake.emit('error', { code: 'no-face', message: 'No face found in the picture.', hint: '' });
    expect(app.camera.support).toBeNull();
    fake.emit('error', MISSING);
    expect(app.camera.support).toEqual(MISSING);
  });
});
