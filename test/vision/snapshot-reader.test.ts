import { describe, expect, it } from 'vitest';
import { EMOTIONS, type Box, type Detection, type Emotion, type Probabilities } from '../../src/shared/contract.js';
import { SnapshotReader } from '../../src/main/vision/snapshot-reader.js';

const probs = (top: Emotion, p: number): Probabilities => {
  const rest = (1 - p) / (EMOTIONS.length - 1);
  return Object.fromEntries(EMOTIONS.map((e) => [e, e === top ? p : rest])) as Probabilities;
};
const box: Box = { x: 100, y: 100, width: 200, height: 200 };
function reading(top: Emotion | null, p = 0.8, b = box): Detection {
  const probabilities = top ? probs(top, p) : null;
  return {
    faces: top ? [{ box: b, emotion: top, confidence: p, probabilities: probabilities! }] : [],
    emotion: top,
    confidence: top ? p : 0,
    probabilities,
    frame: { width: 640, height: 480 },
    timings: { captureMs: 0, detectMs: 1, classifyMs: 1, totalMs: 2 },
    notice: top ? null : { code: 'no-face', message: 'No face found in the picture.', hint: '' },
  };
}
const opts = { windowMs: 1500, confidentFrames: 3, confidence: 0.4 };

describe('multi-frame snapshot', () => {
  it('stops after a few confident frames of the same face and averages them', () => {
    const r = new SnapshotReader(opts, 0);
    expect(r.add(reading(null))).toBe(false);
    r.add(reading('happy', 0.9));
    r.add(reading('sad', 0.45));
    expect(r.done(100)).toBe(false);
    r.add(reading('happy', 0.9));
    expect(r.done(200)).toBe(true);
    const d = r.result()!;
    expect(d.emotion).toBe('happy');
    expect(d.confidence).toBeCloseTo((0.9 + 0.9 + (1 - 0.45) / 6) / 3, 5);
    expect(d.faces[0].probabilities).toEqual(d.probabilities);
    expect(d.notice).toBeNull();
  });

  it('answers no face only when no frame of the window had one', () => {
    const r = new SnapshotReader(opts, 0);
    r.add(reading(null));
    r.add(reading(null));
    expect(r.done(1000)).toBe(false);
    expect(r.done(1500)).toBe(true);
    expect(r.result()?.notice?.code).toBe('no-face');
  });

  it('keeps one face: a nearer face elsewhere replaces the readings, a smaller one is left out', () => {
    const r = new SnapshotReader(opts, 0);
    r.add(reading('sad', 0.9));
    expect(r.add(reading('happy', 0.9, { x: 400, y: 0, width: 100, height: 100 }))).toBe(false);
    expect(r.add(reading('angry', 0.9, { x: 400, y: 0, width: 300, height: 300 }))).toBe(true);
    expect(r.frames).toBe(1);
    expect(r.result()?.emotion).toBe('angry');
  });
});
