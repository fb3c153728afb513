import { afterEach, describe, expect, it } from 'vitest';
import type { AppError, Emotion, Mood, Track } from '../../src/shared/contract';
import { MoodFlow } from '../../src/renderer/lib/mood-flow';
import { Player } from '../../src/renderer/lib/player.svelte';
import { FakeApi, settle, track } from './helpers/fake-api';
import { FakeAudio } from './helpers/fake-audio';

const players: Player[] = [];
const mood = (emotion: Emotion, source: Mood['source'] = 'manual'): Mood => ({
  emotion,
  confidence: 1,
  source,
  probabilities: null,
  at: Date.now(),
  autoplay: false,
});

function setup(lists: Partial<Record<Emotion, Track[]>>) {
  const api = new FakeApi().handle('recommend', (p) => (lists[p.emotion] ?? []).filter((t) => !p.exclude?.includes(t.id)));
  const errors: AppError[] = [];
  const player = new Player({
    mediaUrl: (id) => api.mediaUrl(id),
    onError: (e) => errors.push(e),
    onVolumeCommit: () => {},
    onListEnd: async () => false,
  });
  players.push(player);
  return { api, errors, player, flow: new MoodFlow(api, player, (e) => errors.push(e)) };
}

afterEach(() => {
  for (const p of players.splice(0)) p.setPlaylist([], null, false);
});

describe('mood flow', () => {
  it('a mood while nothing plays starts a fitting list at once', async () => {
    const happy = [track(), track()];
    const { flow, player } = setup({ happy });
    expect(await flow.handle(mood('happy'))).toBe(true);
    expect(player.playlist).toEqual(happy);
    expect(player.playlistMood).toBe('happy');
    expect(player.status).toBe('loading');
  });

  it('a new mood during a song never cuts it: its list waits as Up next', async () => {
    const happy = [track(), track()];
    const sad = [track({ mood: 'sad' })];
    const { flow, player } = setup({ happy, sad });
    await flow.handle(mood('happy'));
    FakeAudio.for(`http://127.0.0.1/media/${happy[0].id}`).loaded();
    await settle();
    expect(player.status).toBe('playing');

    await flow.handle(mood('sad', 'live'));
    expect(player.current).toEqual(happy[0]);
    expect(player.status).toBe('playing');
    expect(player.upNext).toEqual({ emotion: 'sad', tracks: sad });

    // Back to the mood the music fits: the queued list is dropped, the music goes on.
    await flow.handle(mood('happy', 'live'));
    expect(player.upNext).toBeNull();
    expect(player.playlist).toEqual(happy);
  });

  it('the same mood reported twice at once (reply and event) asks for one list', async () => {
    const { flow, api } = setup({ happy: [track()] });
    expect(await flow.handle(mood('happy', 'snapshot'))).toBe(true);
    expect(await flow.handle(mood('happy', 'snapshot'))).toBe(false);
    expect(api.paramsOf('recommend')).toHaveLength(1);
  });

  it('when moods overtake each other, the newest one’s list wins', async () => {
    const happy = [track()];
    const sad = [track()];
    const { flow, player, api } = setup({});
    let releaseHappy!: () => void;
    api.handle('recommend', (p) =>
      p.emotion === 'happy' ? new Promise<Track[]>((resolve) => (releaseHappy = () => resolve(happy))) : sad,
    );
    const first = flow.handle(mood('happy'));
    await flow.handle(mood('sad'));
    releaseHappy();
    await first;
    expect(player.playlist).toEqual(sad);
    expect(player.playlistMood).toBe('sad');
  });

  it('no fitting track is said plainly; a failing request is shown, and the music is left alone', async () => {
    const { flow, errors, player, api } = setup({});
    await flow.handle(mood('fear'));
    expect(errors.map((e) => e.message)).toEqual(['No tracks found for the mood "fear".']);
    api.fail('recommend', { code: 'internal', message: 'The app is restarting.', hint: 'Try again.' });
    await flow.handle(mood('angry'));
    expect(errors[1]).toMatchObject({ message: 'The app is restarting.', hint: 'Try again.' });
    expect(player.playlist).toEqual([]);
  });

  it('at start-up the last mood’s list is prepared but does not play', async () => {
    const calm = [track(), track()];
    const { flow, player } = setup({ neutral: calm });
    await flow.prepare('neutral');
    expect(player.playlist).toEqual(calm);
    expect(player.status).toBe('stopped');
  });

  it('a list that runs out is extended with more of its mood, repeating tracks only when the library is too small', async () => {
    const happy = [track(), track(), track()];
    const { flow, player, api } = setup({ happy });
    player.setPlaylist(happy.slice(0, 2), 'happy', false);
    expect(await flow.extend()).toBe(true);
    expect(player.playlist).toEqual(happy);
    expect(api.paramsOf('recommend').at(-1)).toEqual({ emotion: 'happy', exclude: happy.slice(0, 2).map((t) => t.id) });

    // Everything is in the list already: the same tracks again beat silence. A track is in the
    // queue once, so the list stays as it is and the player starts it over (see the player tests).
    expect(await flow.extend()).toBe(true);
    expect(player.playlist).toEqual(happy);
  });
});
