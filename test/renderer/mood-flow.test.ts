import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Emotion, Track } from '../../src/shared/contract';
import { LIVE_SETTLE_MS } from '../../src/renderer/mood/mood-flow';
import type { Player } from '../../src/renderer/player/player.svelte';
import { FakeApi, track } from './helpers/fake-api';
import { emptyPlayers, flowOver, loaded } from './helpers/mood-flow';
import { moodWith, plan } from './helpers/mood-plan';

function setup(lists: Partial<Record<Emotion, Track[]>> = {}) {
  const api = new FakeApi().handle('recommend', (p) =>
    plan(
      p.emotion,
      (lists[p.emotion] ?? []).filter((t) => !p.exclude?.includes(t.id)),
    ),
  );
  return flowOver(api);
}

async function playing(player: Player) {
  await loaded(player);
  expect(player.status).toBe('playing');
}

afterEach(emptyPlayers);

describe('mood flow', () => {
  it('a mood while nothing plays starts the playlist it came with: no second request', () => {
    const happy = [track(), track()];
    const { flow, player, api, plans } = setup();
    expect(flow.handle(moodWith('happy', happy))).toBe('started');
    expect(player.playlist).toEqual(happy);
    expect(player.playlistMood).toBe('happy');
    expect(player.status).toBe('loading');
    expect(api.calls).toEqual([]);
    expect(plans.map((p) => p.how)).toEqual(['now']);
  });

  it('a new mood during a song never cuts it: its list waits as Up next; back to the same mood live keeps going', async () => {
    const happy = [track(), track()];
    const sad = [track({ musicMood: 'melancholic' })];
    const { flow, player } = setup();
    flow.handle(moodWith('happy', happy));
    await playing(player);

    vi.useFakeTimers();
    // A live change waits until it has held (LIVE_SETTLE_MS), then queues.
    expect(flow.handle(moodWith('sad', sad, { source: 'live' }))).toBe('pending');
    expect(player.upNext).toBeNull();
    vi.advanceTimersByTime(LIVE_SETTLE_MS);
    expect(player.current).toEqual(happy[0]);
    expect(player.upNext).toEqual({ emotion: 'sad', tracks: sad });
    // The same mood again keeps the queued list as it is (no new tracks, no flicker).
    expect(flow.handle(moodWith('sad', [track({ musicMood: 'melancholic' })], { source: 'live' }))).toBe('kept');
    expect(player.upNext).toEqual({ emotion: 'sad', tracks: sad });

    expect(flow.handle(moodWith('happy', [track()], { source: 'live' }))).toBe('pending');
    vi.advanceTimersByTime(LIVE_SETTLE_MS);
    expect(player.upNext).toBeNull();
    expect(player.playlist).toEqual(happy);
    vi.useRealTimers();
  });

  it('live readings that go back and forth change nothing: the Up next card neither appears nor goes', async () => {
    const happy = [track(), track()];
    const { flow, player } = setup();
    flow.handle(moodWith('happy', happy));
    await playing(player);
    vi.useFakeTimers();
    const seen: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      flow.handle(moodWith(i % 2 ? 'happy' : 'neutral', [track()], { source: 'live' }));
      vi.advanceTimersByTime(LIVE_SETTLE_MS / 2);
      seen.push(player.upNext?.emotion ?? null);
    }
    expect(seen).toEqual([null, null, null, null, null, null]);
    expect(player.playlist).toEqual(happy);
    vi.useRealTimers();
  });

  it('picking the mood that is playing gives a fresh mix after the current song, which plays on', async () => {
    const [a, b, c, d] = [track(), track(), track(), track()];
    const { flow, player } = setup();
    flow.handle(moodWith('neutral', [a, b, c]));
    await playing(player);
    expect(flow.handle(moodWith('neutral', [d, c, a]))).toBe('fresh-mix');
    expect(player.playlist).toEqual([a, d, c]);
    expect(player.current).toEqual(a);
    expect(player.status).toBe('playing');
    // A library this small can only offer the same tracks: then at least not in the same order.
    expect(flow.handle(moodWith('neutral', [a, d, c]))).toBe('fresh-mix');
    expect(player.playlist).toEqual([a, c, d]);
  });

  it('a live reading the model is not sure of leaves the music alone', async () => {
    const happy = [track()];
    const { flow, player } = setup();
    flow.handle(moodWith('happy', happy));
    await playing(player);
    expect(flow.handle(moodWith('fear', [track()], { source: 'live', confidence: 0.29, sure: false, playlist: null }))).toBe('unsure');
    expect(player.upNext).toBeNull();
    expect(player.playlist).toEqual(happy);
  });

  it('the tray quick mood (autoplay) plays its list now, even mid-song', async () => {
    const happy = [track()];
    const sad = [track()];
    const { flow, player } = setup();
    flow.handle(moodWith('happy', happy));
    await playing(player);
    expect(flow.handle(moodWith('sad', sad, { source: 'tray', autoplay: true }))).toBe('started');
    expect(player.playlist).toEqual(sad);
  });

  it('a mood with nothing that fits is a note with a way forward, not an error: the music plays on, widening fills it', async () => {
    const happy = [track(), track()];
    const fear = [track({ musicMood: 'tense' })];
    const { flow, errors, player, plans, api } = setup();
    flow.handle(moodWith('happy', happy));
    await playing(player);
    const note = 'No tracks in your library fit tense music for your fear mood; add music or widen the mix.';
    expect(flow.handle(moodWith('fear', [], { playlist: plan('fear', [], { note }) }))).toBe('empty');
    expect(errors).toEqual([]);
    expect(plans.at(-1)).toMatchObject({ how: 'empty', plan: { emotion: 'fear', note } });
    expect(player.playlist).toEqual(happy);
    expect(player.current).toEqual(happy[0]);

    // Widening finds nothing either: the note stays, the queue too.
    await flow.widen({ emotion: 'fear' });
    expect(plans.at(-1)?.how).toBe('empty');
    expect(plans.at(-1)?.plan.note).toMatch(/fear/);
    expect(player.playlist).toEqual(happy);

    // Widening that finds music queues it for that mood after the song that plays.
    api.handle('recommend', (p) => plan(p.emotion, p.widen ? fear : []));
    await flow.widen({ emotion: 'fear' });
    expect(api.paramsOf('recommend').at(-1)).toEqual({ emotion: 'fear', widen: true });
    expect(player.current).toEqual(happy[0]);
    expect(player.upNext).toEqual({ emotion: 'fear', tracks: fear });
    expect(errors).toEqual([]);
  });

  it('at start-up the last mood’s list is prepared but does not play; a failing request is shown', async () => {
    const calm = [track(), track()];
    const { flow, player, api, errors } = setup({ neutral: calm });
    await flow.prepare('neutral');
    expect(player.playlist).toEqual(calm);
    expect(player.status).toBe('stopped');
    player.setPlaylist([], null, false);
    api.fail('recommend', { code: 'internal', message: 'The app is restarting.', hint: 'Try again.' });
    await flow.prepare('sad');
    expect(errors[0]).toMatchObject({ message: 'The app is restarting.' });
  });

  it('a list that runs out is extended with more of its mood; "widen" asks for a wider mix', async () => {
    const happy = [track(), track(), track()];
    const { flow, player, api } = setup({ happy });
    player.setPlaylist(happy.slice(0, 2), 'happy', false);
    expect(await flow.extend()).toBe(true);
    expect(player.playlist).toEqual(happy);
    expect(api.paramsOf('recommend').at(-1)).toEqual({ emotion: 'happy', exclude: happy.slice(0, 2).map((t) => t.id) });
    await flow.widen({ emotion: 'happy' });
    expect(api.paramsOf('recommend').at(-1)).toEqual({ emotion: 'happy', widen: true });
  });
});
