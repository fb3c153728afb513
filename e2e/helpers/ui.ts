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

/** The queue's rows as shown: the track, whether it is the current one, and the line under it that says why. */
export async function queueRows(page: Page): Promise<Array<{ id: string; current: boolean; reason: string | null }>> {
  return byTestId(page, 'playlist-item').evaluateAll((rows) =>
    rows.map((r) => ({
      id: r.getAttribute('data-track-id') ?? '',
      current: r.getAttribute('aria-current') === 'true',
      reason: r.querySelector('[data-testid="reason"]')?.textContent?.trim() ?? null,
    })),
  );
}

/**
 * Where the focused element's focus ring (outline) is cut off by an ancestor that clips (a
 * scrolling list, a card): one line per cut, empty when the whole ring shows.
 */
export async function focusRingCuts(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || !el.matches(':focus-visible')) return ['no focus ring shown'];
    const s = getComputedStyle(el);
    const out = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
    if (s.outlineStyle === 'none' || !(parseFloat(s.outlineWidth) > 0)) return ['no outline'];
    const r = el.getBoundingClientRect();
    const ring = { left: r.left - out, top: r.top - out, right: r.right + out, bottom: r.bottom + out };
    const cuts = [];
    for (let p = el.parentElement; p; p = p.parentElement) {
      const ps = getComputedStyle(p);
      if (ps.overflowX === 'visible' && ps.overflowY === 'visible') continue;
      const b = p.getBoundingClientRect();
      const box = { left: b.left + p.clientLeft, top: b.top + p.clientTop, right: b.left + p.clientLeft + p.clientWidth, bottom: b.top + p.clientTop + p.clientHeight };
      // clientWidth/Height are whole pixels: half a pixel is rounding, not a cut.
      for (const side of ['left', 'top']) if (ring[side] < box[side] - 0.5) cuts.push(p.className + ' cuts its ' + side + ' by ' + (box[side] - ring[side]).toFixed(1) + 'px');
      for (const side of ['right', 'bottom']) if (ring[side] > box[side] + 0.5) cuts.push(p.className + ' cuts its ' + side + ' by ' + (ring[side] - box[side]).toFixed(1) + 'px');
    }
    return cuts;
  })()`) as Promise<string[]>;
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
