/** Music that fits the mood, says why, lifts it when asked, and mixes afresh when the mood is picked again. */
import { describe, expect, it } from 'vitest';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { byTestId, playlistIds, queueRows, text } from './helpers/ui.js';

// Negative-valence music moods (src/shared/mood-space.ts MUSIC_MOOD_VALENCE).
const NEGATIVE = ['tense', 'dark', 'melancholic'];

describe('mood fit', () => {
  const session = sessionForBlock(VIDEO.happyFace);

  it('a happy snapshot plays no dark music, and each entry says why', async () => {
    const { page } = session();
    await byTestId(page, 'snapshot').click();
    await expect.poll(() => text(page, 'mood-label'), { timeout: 60_000 }).toBe('happy');
    await expect.poll(() => byTestId(page, 'playlist-item').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const labels = await byTestId(page, 'playlist-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-music-mood')));
    expect(labels.length).toBeGreaterThanOrEqual(6);
    for (const l of labels) expect(NEGATIVE).not.toContain(l);
    const reason = byTestId(page, 'reason').first();
    expect(await reason.isVisible()).toBe(true);
    expect(await reason.textContent()).toMatch(/^(joyful|tender|calm|energetic)\b.*: .*your happy mood/);
    expect(await byTestId(page, 'mood-dot').count()).toBe(1);
  });

  it('picking the current mood again changes the playlist', async () => {
    const { page } = session();
    const before = await playlistIds(page);
    await byTestId(page, 'manual-mood-happy').click();
    await expect.poll(() => playlistIds(page), { timeout: 30_000 }).not.toEqual(before);
    expect(await text(page, 'mood-label')).toBe('happy');
  });

  it('liking the song shows it was counted', async () => {
    const { page } = session();
    await byTestId(page, 'rate-like').click();
    await expect.poll(() => byTestId(page, 'rate-like').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await byTestId(page, 'rate-dislike').getAttribute('aria-pressed')).toBe('false');
    // "Why these picks" is open from the start: the like shows there at once, without a click on its tab.
    const title = await text(page, 'now-playing-title');
    await expect
      .poll(async () => (await byTestId(page, 'preference').allTextContents()).join('\n'), { timeout: 10_000 })
      .toMatch(new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*happy.*picked more often`));
  });

  it('the liked song shows under why these picks; the timeline charts the moods and clears', async () => {
    const { page } = session();
    await byTestId(page, 'tab-why').click();
    await expect.poll(() => byTestId(page, 'preference').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await byTestId(page, 'preference').first().textContent()).toMatch(/happy.*picked more often/);
    await byTestId(page, 'tab-timeline').click();
    await expect.poll(() => byTestId(page, 'timeline-point').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The chart says what its axes are: pleasantness up the side, the time along the bottom.
    const labels = await byTestId(page, 'timeline-axis-label').allTextContents();
    expect(labels.slice(0, 3)).toEqual(['pleasant', 'neutral', 'unpleasant']);
    expect(labels[3]).toMatch(/\d/);
    await byTestId(page, 'clear-timeline').click();
    await byTestId(page, 'timeline-empty').waitFor({ timeout: 10_000 });
  });

  it('lift draws the planned path on the mood plane', async () => {
    const { page } = session();
    expect(await byTestId(page, 'mood-path').count()).toBe(0);
    await byTestId(page, 'intent-lift').click();
    await expect.poll(() => byTestId(page, 'intent-lift').getAttribute('aria-pressed')).toBe('true');
    await byTestId(page, 'manual-mood-sad').click();
    await byTestId(page, 'mood-path').waitFor({ timeout: 30_000 });
    expect(Number(await byTestId(page, 'mood-path').getAttribute('data-points'))).toBe(8);
  });

  it('clicking Lift mid-song changes what follows at once, from its step 1; the song and its line stay as they were', async () => {
    const { page } = session();
    await byTestId(page, 'intent-match').click();
    await expect.poll(() => byTestId(page, 'intent-match').getAttribute('aria-pressed')).toBe('true');
    await byTestId(page, 'manual-mood-sad').click();
    await expect.poll(() => text(page, 'mood-label'), { timeout: 30_000 }).toBe('sad');
    // The sad list may wait as "Up next" behind the song under way: play it now.
    if ((await byTestId(page, 'up-next').count()) > 0) await byTestId(page, 'play-now').click();
    await expect.poll(() => byTestId(page, 'mood-path').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => byTestId(page, 'playlist-item').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    // The second song of the list plays: one song heard, one playing.
    await expect.poll(() => text(page, 'now-playing'), { timeout: 30_000 }).toMatch(/^Now playing/);
    await byTestId(page, 'next').click();
    await expect.poll(async () => (await queueRows(page)).findIndex((r) => r.current), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => text(page, 'now-playing'), { timeout: 30_000 }).toMatch(/^Now playing/);
    const playing = await text(page, 'now-playing');
    const before = await queueRows(page);
    expect(before[1].reason).toMatch(/your sad mood/);

    await byTestId(page, 'intent-lift').click();
    await byTestId(page, 'mood-path').waitFor({ timeout: 30_000 });
    expect(Number(await byTestId(page, 'mood-path').getAttribute('data-points'))).toBe(8);
    await expect
      .poll(async () => (await queueRows(page)).slice(2).map((r) => r.id), { timeout: 30_000 })
      .not.toEqual(before.slice(2).map((r) => r.id));
    expect(await text(page, 'now-playing')).toBe(playing);
    const after = await queueRows(page);
    // The song heard and the one playing: the same rows, each with its own line.
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    // Then the new plan, numbered from its own first step, none skipped, none of it heard already.
    const next = after.slice(2);
    expect(next).toHaveLength(8);
    next.forEach((r, i) => expect(r.reason).toMatch(new RegExp(`step ${i + 1} of 8, lifting toward calm and bright from your sad mood`)));
    for (const r of next) expect(before.slice(0, 2).map((b) => b.id)).not.toContain(r.id);
    // The plane draws the plan that follows: a dot for each of its tracks, none for the song playing.
    const dots = await byTestId(page, 'mood-track').evaluateAll((els) => els.map((e) => e.getAttribute('data-track-id')));
    expect(dots.sort()).toEqual(next.map((r) => r.id).sort());
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
