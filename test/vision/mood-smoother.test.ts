import { describe, expect, it } from 'vitest';
import { EMOTIONS, type Emotion, type Probabilities } from '../../src/shared/contract.js';
import { MoodSmoother } from '../../src/main/vision/mood-smoother.js';

const probs = (top: Emotion, p = 0.7): Probabilities =>
  Object.fromEntries(EMOTIONS.map((e) => [e, e === top ? p : (1 - p) / (EMOTIONS.length - 1)])) as Probabilities;

describe('live mood smoothing', () => {
  it('takes the first mood at once', () => {
    const s = new MoodSmoother();
    const m = s.update(probs('happy'), 0);
    expect(m?.emotion).toBe('happy');
    expect(m?.changed).toBe(true);
  });

  it('does not flicker on single odd frames', () => {
    const s = new MoodSmoother();
    let changes = 0;
    for (let i = 0; i < 100; i++) {
      const frame = i % 7 === 3 ? probs('surprise', 0.9) : probs('happy');
      if (s.update(frame, i * 66)?.changed) changes++;
    }
    expect(changes).toBe(1);
  });

  it('follows a lasting change after the hold time', () => {
    const s = new MoodSmoother();
    for (let i = 0; i < 30; i++) s.update(probs('happy'), i * 66);
    let changedAt = -1;
    for (let i = 30; i < 120 && changedAt < 0; i++) if (s.update(probs('sad'), i * 66)?.changed) changedAt = i * 66;
    expect(changedAt).toBeGreaterThan(30 * 66 + 1000);
    expect(changedAt).toBeLessThan(30 * 66 + 4000);
  });

  it('keeps the mood while no face is seen', () => {
    const s = new MoodSmoother();
    s.update(probs('fear'), 0);
    for (let i = 1; i < 50; i++) expect(s.update(null, i * 66)?.emotion).toBe('fear');
  });
});
