/** Live mode: the camera stays on, shows a preview, and the mood follows the face. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIDEO } from './helpers/paths.js';
import { openSession, type Session } from './helpers/session.js';
import { byTestId, expectMoodShown, expectPositionAdvances, text } from './helpers/ui.js';

describe('live mode', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession(VIDEO.happyFace);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('turns the camera on, reads the mood continuously, and turns it off', async () => {
    const { page } = s;
    await byTestId(page, 'mode-live').click();
    await expect.poll(() => byTestId(page, 'mode-live').getAttribute('aria-pressed')).toBe('true');

    await byTestId(page, 'camera-toggle').click();
    await expect.poll(() => text(page, 'camera-status'), { timeout: 30_000 }).toMatch(/camera on/i);
    await byTestId(page, 'camera-preview').waitFor({ timeout: 30_000 });
    expect(await byTestId(page, 'camera-on-indicator').isVisible()).toBe(true);

    const mood = await expectMoodShown(page);
    expect(await text(page, 'mood-confidence')).toMatch(/^\d{1,3}%$/);
    console.log(`live mood: ${mood}`);
    await byTestId(page, 'live-reading').waitFor();

    // The mood starts the music as a snapshot would.
    await expect.poll(() => byTestId(page, 'playlist-item').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expectPositionAdvances(page);

    await byTestId(page, 'camera-toggle').click();
    await expect.poll(() => text(page, 'camera-status'), { timeout: 30_000 }).toMatch(/camera off/i);
    expect(await byTestId(page, 'camera-on-indicator').count()).toBe(0);
    // Turning the camera off leaves the music alone.
    await expectPositionAdvances(page, 1);
  });

  it('met no CSP violation or page error', async () => {
    await s.expectNoProblems();
  });
});
