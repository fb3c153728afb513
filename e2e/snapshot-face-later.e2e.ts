/** A snapshot taken before the face is in view: it keeps looking, then reads the face that comes. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sessionForBlock } from './helpers/session.js';
import { byTestId, expectMoodShown, text } from './helpers/ui.js';

/** One second of an empty room, then a happy face (test/fixtures/video, scripts/make-tracking-videos.mjs). */
const FACE_AFTER_A_SECOND = fileURLToPath(new URL('../test/fixtures/video/face-after-a-second.mp4', import.meta.url));

describe('snapshot before the face is in view', () => {
  const session = sessionForBlock(FACE_AFTER_A_SECOND);

  it('keeps looking for the face and then gives its mood', async () => {
    const { page } = session();
    await byTestId(page, 'snapshot').click();
    expect(await expectMoodShown(page)).toBe('happy');
    // No "no face" message: the empty first second was not the answer.
    expect(await page.locator('[data-testid="error-item"][data-code="no-face"]').count()).toBe(0);
    // The preview left on screen is the frame the mood comes from: the face is marked on it.
    await expect.poll(() => byTestId(page, 'camera-preview').count()).toBe(1);
    await expect.poll(() => page.locator('.camera .face').count()).toBe(1);
    await expect.poll(() => text(page, 'camera-status')).toMatch(/camera off/i);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
