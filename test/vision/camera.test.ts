import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camera } from '../../src/main/vision/camera.js';
import { CameraSession } from '../../src/main/vision/camera-session.js';
import { loadPipeline } from '../../src/main/vision/load-pipeline.js';
import type { CameraState, Detection, Emotion, Frame } from '../../src/shared/contract.js';

const video = (name: string) => join(import.meta.dirname, '../fixtures/video', name);
const models = join(import.meta.dirname, '../../assets/models');

function session(source: string, mode: 'live' | 'snapshot', opts?: ConstructorParameters<typeof CameraSession>[4]) {
  const seen = {
    frames: [] as Frame[],
    moods: [] as Emotion[],
    errors: [] as string[],
    states: [] as CameraState[],
    detections: [] as Detection[],
  };
  const s = new CameraSession(
    () => loadPipeline(models),
    {
      frame: (f) => {
        seen.frames.push(f);
        if (f.detection) seen.detections.push(f.detection);
      },
      mood: (m) => seen.moods.push(m.emotion),
      error: (e) => seen.errors.push(e.code),
      state: (st) => seen.states.push(st),
    },
    mode,
    source,
    opts,
  );
  return { s, seen };
}

const until = async (cond: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return cond();
};

describe('camera sources', () => {
  it('reads a video file as a camera and loops at its end', async () => {
    const cam = Camera.open(video('no-face.mp4'));
    // 2 s at 15 fps: reading 45 frames must wrap around.
    for (let i = 0; i < 45; i++) expect((await cam.read()).empty).toBeFalsy();
    cam.release();
  });

  it('names a missing camera or file', () => {
    expect(() => Camera.open('/nonexistent/cam.mp4')).toThrow(/Cannot open the camera source/);
    expect(() => Camera.open('7')).toThrow(expect.objectContaining({ code: 'camera-unavailable' }));
  });
});

describe('camera session', () => {
  it('snapshot opens the camera for one picture and releases it', async () => {
    const { s, seen } = session(video('happy-face.mp4'), 'snapshot');
    const d = await s.snapshot();
    expect(d.emotion).toBe('happy');
    expect(s.state().on).toBe(false);
    expect(seen.states.map((st) => st.on)).toEqual([true, false]);
    expect(seen.frames[0].jpeg).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('a snapshot waits for a face that shows up after a second of an empty picture', async () => {
    const { s, seen } = session(video('face-after-a-second.mp4'), 'snapshot');
    const d = await s.snapshot();
    expect(d.emotion).toBe('happy');
    expect(d.notice).toBeNull();
    // Several frames were read; the preview left on screen is one with the face in it.
    expect(seen.frames.length).toBeGreaterThan(1);
    expect(seen.frames.at(-1)?.faces.length).toBe(1);
    expect(s.state().on).toBe(false);
  });

  it('a snapshot of an empty picture still says there is no face', async () => {
    const { s } = session(video('no-face.mp4'), 'snapshot');
    const d = await s.snapshot();
    expect(d.emotion).toBeNull();
    expect(d.notice?.code).toBe('no-face');
  });

  it('live mode says at once when the camera stops sending pictures, and carries on when they come back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moodtape-camera-'));
    const source = join(dir, 'camera.mp4');
    try {
      // A 2 s video as the camera; it is taken away while it plays, so at its end the camera is gone.
      copyFileSync(video('no-face.mp4'), source);
      const { s, seen } = session(source, 'live', { retryMs: [100, 200, 400] });
      await s.start();
      expect(await until(() => seen.frames.length >= 3)).toBe(true);
      rmSync(source);
      expect(await until(() => seen.errors.includes('camera-lost'))).toBe(true);
      expect(s.state()).toMatchObject({ on: true, reconnecting: true });
      expect(seen.states.at(-1)).toMatchObject({ on: true, reconnecting: true });
      const framesWhileLost = seen.frames.length;
      // Another video where the camera was: the session comes back by itself and reads the face.
      copyFileSync(video('happy-face.mp4'), source);
      expect(await until(() => seen.moods.includes('happy'))).toBe(true);
      expect(seen.frames.length).toBeGreaterThan(framesWhileLost);
      expect(s.state().reconnecting).toBeUndefined();
      expect(seen.states.at(-1)).toMatchObject({ on: true });
      // Reported once, not once per attempt.
      expect(seen.errors.filter((e) => e === 'camera-lost')).toHaveLength(1);
      s.stop();
      expect(s.state().on).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('live mode streams previews and a steady mood, then follows a lasting change', async () => {
    const { s, seen } = session(video('happy-then-sad.mp4'), 'live');
    await s.start();
    expect(s.state().on).toBe(true);
    expect(await until(() => seen.moods.includes('sad'))).toBe(true);
    s.stop();
    expect(seen.moods[0]).toBe('happy');
    // Smoothing: one change, not a flicker on every frame.
    expect(seen.moods.length).toBeLessThanOrEqual(3);
    expect(seen.frames.length).toBeGreaterThan(10);
    expect(seen.states.at(-1)?.on).toBe(false);
  }, 30_000);

  it('a missing camera fails with a clear error and stays off', async () => {
    const { s } = session('/nonexistent/cam.mp4', 'live');
    await expect(s.start()).rejects.toMatchObject({ code: 'camera-unavailable', hint: expect.stringMatching(/by hand/) });
    expect(s.state().on).toBe(false);
    await expect(s.snapshot()).rejects.toMatchObject({ code: 'camera-unavailable' });
  });
});
