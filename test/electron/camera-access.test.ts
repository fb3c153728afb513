/** macOS: the camera is asked for before it opens; a refusal explains where to allow it. */
import { describe, expect, it, vi } from 'vitest';
import { CAMERA_REFUSED, withCameraAccess } from '../../src/main/electron/camera-access.js';
import { fakeMoodtape } from './fake-moodtape.js';

const access = (status: string, answer: boolean) => ({
  getMediaAccessStatus: vi.fn(() => status),
  askForMediaAccess: vi.fn(async () => answer),
});

describe('camera access on macOS', () => {
  it('asks before the camera opens, and opens it when allowed', async () => {
    const m = fakeMoodtape();
    const a = access('not-determined', true);
    const app = withCameraAccess(m, a, 'darwin');
    await app.call('startCamera', null);
    expect(a.askForMediaAccess).toHaveBeenCalledWith('camera');
    expect(m.call).toHaveBeenCalledWith('startCamera', null);
  });

  it('refuses snapshot, camera and quick mood with a message naming System Settings when denied', async () => {
    const m = fakeMoodtape();
    const app = withCameraAccess(m, access('denied', false), 'darwin');
    for (const method of ['startCamera', 'snapshot']) {
      await expect(app.call(method, null)).resolves.toEqual({ ok: false, error: CAMERA_REFUSED });
    }
    await expect(app.quickMood()).rejects.toEqual(CAMERA_REFUSED);
    expect(m.call).not.toHaveBeenCalled();
    expect(m.quickMood).not.toHaveBeenCalled();
    expect(CAMERA_REFUSED.hint).toMatch(/System Settings/);
  });

  it('does not ask again once granted, and leaves other requests alone', async () => {
    const m = fakeMoodtape();
    const a = access('granted', false);
    const app = withCameraAccess(m, a, 'darwin');
    await app.call('snapshot', null);
    await app.call('getState', null);
    expect(a.askForMediaAccess).not.toHaveBeenCalled();
    expect(m.call).toHaveBeenCalledTimes(2);
  });

  it('changes nothing on Linux and Windows', () => {
    const m = fakeMoodtape();
    expect(withCameraAccess(m, access('denied', false), 'linux')).toBe(m);
    expect(withCameraAccess(m, access('denied', false), 'win32')).toBe(m);
  });
});
