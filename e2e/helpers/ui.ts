/** What a user would look at, read through the data-testid hooks. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const EMOTION_NAMES = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'];

export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

export async function text(page: Page, id: string): Promise<string> {
  return ((await byTestId(page, id).first().textContent()) ?? '').trim();
}

/** "1:07 / 2:41" -> 67 */
export function elapsedSeconds(position: string): number {
  const m = /^(?:(\d+):)?(\d+):(\d{2})\s*\//.exec(position.trim());
  if (!m) return NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Waits until the position clock has moved on by at least `by` seconds from now. */
export async function expectPositionAdvances(page: Page, by = 2, timeout = 45_000): Promise<void> {
  const start = elapsedSeconds(await text(page, 'position'));
  await expect
    .poll(async () => elapsedSeconds(await text(page, 'position')), { timeout, interval: 250 })
    .toBeGreaterThanOrEqual((Number.isNaN(start) ? 0 : start) + by);
}

export async function expectMoodShown(page: Page, timeout = 60_000): Promise<string> {
  await byTestId(page, 'mood-label').waitFor({ timeout });
  const mood = await text(page, 'mood-label');
  expect(EMOTION_NAMES).toContain(mood);
  return mood;
}

export async function expectErrorShown(page: Page, pattern: RegExp, timeout = 60_000): Promise<string> {
  await expect
    .poll(async () => ((await byTestId(page, 'error').count()) > 0 ? text(page, 'error') : ''), { timeout, interval: 250 })
    .toMatch(pattern);
  expect(await byTestId(page, 'error').isVisible()).toBe(true);
  return text(page, 'error');
}

export async function playlistIds(page: Page): Promise<string[]> {
  const items = await byTestId(page, 'playlist-item').all();
  return Promise.all(items.map(async (i) => (await i.getAttribute('data-track-id')) ?? ''));
}

/** Clicks every dismiss button until the error area is gone. */
export async function dismissErrors(page: Page): Promise<void> {
  for (let i = 0; i < 10 && (await byTestId(page, 'error-dismiss').count()) > 0; i++) {
    await byTestId(page, 'error-dismiss').first().click();
  }
  await expect.poll(() => byTestId(page, 'error').count()).toBe(0);
}

/** Moves the seek bar as a user's drag does (its input event). */
export async function seekTo(page: Page, seconds: number): Promise<void> {
  await page.evaluate(`(() => {
    const input = document.querySelector('[data-testid="seek"]');
    input.value = '${seconds}';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
}
