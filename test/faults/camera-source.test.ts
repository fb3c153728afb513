/**
 * The camera source a page may set: a camera number, or a video file inside the allowed folders.
 * Never an address (OpenCV would fetch it: `http://…/x%d.mp4` once slipped past the file check)
 * nor a device path; a file outside the folders gets one answer whether it exists or not.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Camera } from '../../src/main/vision/camera.js';
import type { AppError, Envelope, Settings } from '../../src/shared/contract.js';
import { root, startServed, type Served } from './helpers.js';

const video = join(root, 'test/fixtures/video/no-face.mp4');
let served: Served;
let home: string;
let hits = 0;
const web = createServer((_req, res) => {
  hits++;
  res.end();
});

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'moodtape-home-'));
  mkdirSync(join(home, 'Videos'));
  copyFileSync(video, join(home, 'Videos', 'me.mp4'));
  served = await startServed({}, { importRoots: [home] });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
});

afterAll(async () => {
  await served.close();
  web.close();
});

const set = (cameraSource: string) => served.app.call('updateSettings', { cameraSource });
const refusal = (r: Envelope<unknown>) => {
  expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  return (r as { error: AppError }).error.message;
};

describe('updateSettings({ cameraSource })', () => {
  it('takes a camera number or a video file inside the allowed folders', async () => {
    expect(await set('2')).toMatchObject({ ok: true, value: { cameraSource: '2' } });
    const inside = join(home, 'Videos', 'me.mp4');
    expect(await set(inside)).toMatchObject({ ok: true, value: { cameraSource: inside } });
  });

  it('refuses addresses, with or without a % pattern, and OpenCV never fetches them', async () => {
    const port = (web.address() as AddressInfo).port;
    for (const url of [
      `http://127.0.0.1:${port}/x%d.mp4`,
      `http://127.0.0.1:${port}/x.mp4`,
      `rtsp://127.0.0.1:${port}/cam`,
      'file:///etc/passwd',
    ]) {
      expect(refusal(await set(url))).toMatch(/cannot use that as its camera: it is an address/);
    }
    // Even a source saved before (or given to Camera directly) is refused before OpenCV sees it.
    expect(() => Camera.open(`http://127.0.0.1:${port}/x%d.mp4`)).toThrow(/it is an address/);
    expect(hits).toBe(0);
    const settings = (await served.app.call('getState', null)) as { value: { settings: Settings } };
    expect(settings.value.settings.cameraSource).not.toMatch(/^http/);
  });

  it('refuses device paths with the advice to use the camera number', async () => {
    expect(refusal(await set('/dev/video0'))).toMatch(/device path.*number/);
  });

  it('one answer for files outside the folders, whether they exist or not', async () => {
    const existing = refusal(await set(video));
    const missing = refusal(await set(join(root, 'test/fixtures/video/nothing-here.mp4')));
    const system = refusal(await set('/etc/shadow'));
    expect(existing).toMatch(/outside your home folder and the folders you added/);
    expect(missing).toBe(existing);
    expect(system).toBe(existing);
    expect(existing).not.toContain(root);
  });

  it('a missing file inside the folders is named as missing', async () => {
    expect(refusal(await set(join(home, 'Videos', 'gone.mp4')))).toMatch(/no such video file/);
  });
});
