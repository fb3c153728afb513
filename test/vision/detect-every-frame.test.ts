import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { runDetect } from '../../src/main/cli/detect.js';

const video = join(import.meta.dirname, '../fixtures/video/face-after-a-second.mp4');

async function lines(args: string[]): Promise<{ code: number; out: unknown[] }> {
  const out: unknown[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(JSON.parse(s)));
  try {
    return { code: await runDetect(args), out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('moodtape detect VIDEO --every-frame --json', () => {
  it('prints one line per frame, then a summary line; tracking finds the face in as many frames', async () => {
    const tracked = await lines([video, '--every-frame', '--json']);
    expect(tracked.code).toBe(0);
    const frames = tracked.out.slice(0, -1) as {
      index: number;
      faces: unknown[];
      emotion: string | null;
      timings: object;
      detector: string;
    }[];
    const { summary } = tracked.out.at(-1) as { summary: Record<string, unknown> & { emotions: Record<string, number> } };
    // 1 s without a face, then 3 s of a happy face, at 15 fps (the encoder may add a frame or two).
    expect(frames.length).toBeGreaterThanOrEqual(58);
    expect(frames.map((f) => f.index)).toEqual([...Array(frames.length).keys()]);
    expect(frames.slice(0, 14).every((f) => f.faces.length === 0 && f.emotion === null)).toBe(true);
    expect(frames.slice(18).every((f) => f.faces.length === 1 && f.emotion === 'happy')).toBe(true);
    expect(frames.filter((f) => f.detector === 'tracked').length).toBeGreaterThan(30);
    expect(summary).toMatchObject({ frames: frames.length, tracking: true });
    expect(summary.framesWithFace).toBe(frames.filter((f) => f.faces.length > 0).length);
    expect(summary.emotions.happy).toBe(summary.framesWithFace);
    expect(summary.medianTotalMs).toBeGreaterThan(0);
    expect(summary.p95TotalMs).toBeGreaterThanOrEqual(summary.medianTotalMs as number);

    const full = await lines([video, '--every-frame', '--json', '--no-tracking']);
    const fullSummary = (full.out.at(-1) as { summary: { framesWithFace: number; tracking: boolean } }).summary;
    expect(fullSummary.tracking).toBe(false);
    expect((full.out.slice(0, -1) as { detector: string }[]).every((f) => f.detector === 'full')).toBe(true);
    expect(summary.framesWithFace).toBeGreaterThanOrEqual(fullSummary.framesWithFace);
  }, 120_000);

  it('says what is wrong with --every-frame on a picture', async () => {
    const picture = join(import.meta.dirname, '../fixtures/frames/happy-face.png');
    const { code, out } = await lines([picture, '--every-frame', '--json']);
    expect(code).toBe(1);
    expect(out[0]).toMatchObject({ error: { code: 'invalid-input', message: expect.stringMatching(/video/) } });
  });
});
