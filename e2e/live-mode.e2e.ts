/** Live mode: the camera stays on, shows a preview, and the mood follows the face. */
import { describe, expect, it } from 'vitest';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { byTestId, expectMoodShown, expectPositionAdvances, text } from './helpers/ui.js';

describe('live mode', () => {
  const session = sessionForBlock(VIDEO.happyFace);

  it('turns the camera on, reads the mood continuously, and turns it off', async () => {
    const { page } = session();
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
    await session().expectNoProblems();
  });
});

describe('live mode, when the mood changes during a song', () => {
  const session = sessionForBlock(VIDEO.happyThenSad);

  it('keeps the song playing and queues the new mood as "Up next"', async () => {
    const { page } = session();
    await byTestId(page, 'mode-live').click();
    await byTestId(page, 'camera-toggle').click();
    await expect.poll(() => text(page, 'mood-label'), { timeout: 60_000 }).toBe('happy');
    await expectPositionAdvances(page, 1);
    const playing = await text(page, 'now-playing');

    // The face turns sad: the mood follows, the song does not stop.
    await expect.poll(() => text(page, 'mood-label'), { timeout: 60_000, interval: 100 }).toBe('sad');
    await expect
      .poll(async () => ((await byTestId(page, 'up-next').count()) > 0 ? text(page, 'up-next') : ''), { timeout: 30_000, interval: 100 })
      .toContain('sad');
    expect(await text(page, 'now-playing')).toBe(playing);
    await expectPositionAdvances(page, 1);

    await byTestId(page, 'camera-toggle').click();
    await expect.poll(() => text(page, 'camera-status'), { timeout: 30_000 }).toMatch(/camera off/i);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
