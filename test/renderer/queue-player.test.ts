import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Track } from '../../src/shared/contract';
import { Player, type PlayerDeps, type PlayRecord } from '../../src/renderer/player/player.svelte';
import { FakeAudio } from './helpers/fake-audio';
import { settle as settleReal, track } from './helpers/fake-api';

/** Pending callbacks run; under fake timers, zero-delay ones are run by hand. */
async function settle(): Promise<void> {
  if (!vi.isFakeTimers()) return settleReal();
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
}

const url = (t: Track) => `http://127.0.0.1/media/${t.id}`;
const players: Player[] = [];

function makePlayer(deps: Partial<PlayerDeps> = {}) {
  const played: PlayRecord[] = [];
  const player = new Player({
    mediaUrl: (id) => `http://127.0.0.1/media/${id}`,
    onError: () => {},
    onVolumeCommit: () => {},
    onListEnd: async () => false,
    onPlayed: (r) => played.push(r),
    ...deps,
  });
  players.push(player);
  return { player, played };
}

async function loads(t: Track, durationSec = 180) {
  FakeAudio.for(url(t)).loaded(durationSec);
  await settle();
}

/** The song plays on for `seconds` (the element's clock and the player's ticks). */
async function listen(t: Track, seconds: number) {
  const audio = FakeAudio.for(url(t));
  for (let s = 0; s < seconds; s += 0.25) {
    audio.currentTime += 0.25;
    vi.advanceTimersByTime(250);
  }
  await settle();
}

afterEach(() => {
  for (const p of players.splice(0)) p.setPlaylist([], null, false);
  vi.useRealTimers();
});

describe('the queue in the player', () => {
  it('"Play now" of a queued track jumps to it; "Play next" goes after the current entry; "Add to queue" to the end, once', async () => {
    const list = [track(), track(), track()];
    const extra = track();
    const { player } = makePlayer();
    player.setPlaylist(list, 'happy', true);
    await loads(list[0]);
    player.playTrack(list[2]);
    expect(player.current).toEqual(list[2]);
    expect(player.playlist).toHaveLength(3);

    player.playNext(extra);
    expect(player.playlist.map((t) => t.id)).toEqual([list[0], list[1], list[2], extra].map((t) => t.id));
    player.playNext(list[0]);
    expect(player.playlist.map((t) => t.id)).toEqual([list[1], list[2], list[0], extra].map((t) => t.id));
    expect(player.current).toEqual(list[2]);

    player.enqueue(list[1]);
    expect(player.playlist).toHaveLength(4);
    player.move(3, 0);
    expect(player.playlist[0]).toEqual(extra);
    expect(player.current).toEqual(list[2]);
    expect(player.index).toBe(2);
  });

  it('Clear empties the queue and can be undone: the same list, entry and place, paused', async () => {
    const list = [track(), track(), track()];
    const { player } = makePlayer();
    player.setPlaylist(list, 'happy', true);
    await loads(list[0]);
    player.playAt(1);
    await loads(list[1]);
    player.seek(42);
    player.clear();
    expect(player).toMatchObject({ status: 'idle', canUndoClear: true });
    expect(player.playlist).toEqual([]);
    player.undoClear();
    expect(player.playlist).toEqual(list);
    expect(player).toMatchObject({ index: 1, position: 42, status: 'paused', playlistMood: 'happy', canUndoClear: false });
    // Once something else is queued, there is nothing to undo.
    player.clear();
    player.enqueue(track());
    expect(player.canUndoClear).toBe(false);
  });

  it('repeat one plays the song again when it ends; a skip still moves on', async () => {
    const list = [track(), track()];
    const { player } = makePlayer();
    player.setRepeat('one', false);
    player.setPlaylist(list, 'happy', true);
    await loads(list[0]);
    FakeAudio.for(url(list[0])).playedToEnd();
    await settle();
    expect(player.current).toEqual(list[0]);
    expect(player.status).toBe('loading');
    await loads(list[0]);
    player.next();
    await settle();
    expect(player.current).toEqual(list[1]);
  });

  it('shuffle plays every entry once before the list ends', async () => {
    const list = [track(), track(), track(), track()];
    const { player } = makePlayer();
    player.setShuffle(true, false);
    player.setPlaylist(list, 'happy', true);
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const t = player.current!;
      seen.add(t.id);
      await loads(t);
      FakeAudio.for(url(t)).playedToEnd();
      await settle();
    }
    expect(seen.size).toBe(4);
    expect(player.status).toBe('stopped');
  });

  it('tells the history what played, for how long, and whether it was skipped', async () => {
    vi.useFakeTimers();
    const list = [track(), track()];
    const { player, played } = makePlayer();
    player.setPlaylist(list, 'sad', true);
    await loads(list[0], 60);
    await listen(list[0], 3);
    player.next();
    await settle();
    expect(played).toHaveLength(1);
    expect(played[0]).toMatchObject({ track: list[0], skipped: true, mood: 'sad', source: 'mood: sad' });
    expect(played[0].playedSec).toBeGreaterThanOrEqual(2.5);
    await loads(list[1], 4);
    await listen(list[1], 3.75);
    FakeAudio.for(url(list[1])).playedToEnd();
    await settle();
    expect(played[1]).toMatchObject({ track: list[1], skipped: false });
  });

  it('starts the next same-album track before the current one ends (gapless), from the deck loaded ahead', async () => {
    vi.useFakeTimers();
    const a = track({ album: 'One Album', artist: 'Band' });
    const b = track({ album: 'One Album', artist: 'Band' });
    const { player } = makePlayer();
    player.setPlaylist([a, b], null, true);
    await loads(a, 30);
    const first = FakeAudio.for(url(a));
    first.currentTime = 29.5;
    vi.advanceTimersByTime(250);
    // Loaded ahead on the other element, silent until its turn.
    const second = FakeAudio.for(url(b));
    expect(second).not.toBe(first);
    second.loaded(30);
    first.currentTime = 29.99;
    vi.advanceTimersByTime(600);
    await settle();
    expect(player.current).toEqual(b);
    expect(second.paused).toBe(false);
    // The first element is still finishing its last milliseconds.
    expect(first.ended).toBe(false);
    first.playedToEnd();
    await settle();
    expect(player.current).toEqual(b);
    expect(player.status).toBe('playing');
  });

  it("after a gapless handover the clock shows the new track's length, though its tags had none, and seeks", async () => {
    vi.useFakeTimers();
    const a = track({ album: 'One Album', artist: 'Band', durationSec: 0 });
    const b = track({ album: 'One Album', artist: 'Band', durationSec: 0 });
    const { player } = makePlayer();
    player.setPlaylist([a, b], null, true);
    await loads(a, 30);
    expect(player.duration).toBe(30);
    const first = FakeAudio.for(url(a));
    first.currentTime = 29.5;
    vi.advanceTimersByTime(250);
    // The next file loads ahead and says its length while nobody listens to that deck yet.
    FakeAudio.for(url(b)).loaded(200);
    first.currentTime = 29.99;
    vi.advanceTimersByTime(600);
    await settle();
    expect(player.current).toEqual(b);
    expect(player.duration).toBe(200);
    player.seek(120);
    expect(player.position).toBe(120);
    expect(FakeAudio.for(url(b)).currentTime).toBe(120);
  });

  it('a song that ends by itself hands over to the deck loaded ahead with its length known', async () => {
    vi.useFakeTimers();
    const a = track({ album: 'A', durationSec: 0 });
    const b = track({ album: 'B', durationSec: 0 });
    const { player } = makePlayer();
    player.setPlaylist([a, b], null, true);
    await loads(a, 30);
    FakeAudio.for(url(a)).currentTime = 25;
    vi.advanceTimersByTime(250);
    FakeAudio.for(url(b)).loaded(95);
    FakeAudio.for(url(a)).playedToEnd();
    await settle();
    expect(player.current).toEqual(b);
    expect(player.duration).toBe(95);
  });

  it("a restored session keeps its position though the track's length is not known until it loads", async () => {
    const t = track({ durationSec: 0 });
    const { player } = makePlayer();
    player.restore([t], 0, 93, null);
    expect(player).toMatchObject({ status: 'paused', position: 93 });
    FakeAudio.for(url(t)).loaded(180);
    await settle();
    expect(player.duration).toBe(180);
    expect(FakeAudio.for(url(t)).currentTime).toBe(93);
  });

  it('the song under way can be told to the history before the page goes', async () => {
    vi.useFakeTimers();
    const t = track();
    const { player } = makePlayer();
    player.setPlaylist([t], 'neutral', true);
    expect(player.inProgress()).toBeNull();
    await loads(t, 300);
    await listen(t, 90);
    expect(player.inProgress()).toMatchObject({ track: t, skipped: false });
    expect(player.inProgress()!.playedSec).toBeGreaterThanOrEqual(89);
  });

  it('crossfades with equal power: halfway both play at cos(45°) of the volume, then the old one is released', async () => {
    vi.useFakeTimers();
    const a = track({ album: 'A' });
    const b = track({ album: 'B' });
    const { player } = makePlayer();
    player.setVolume(0.8);
    player.setCrossfade(4);
    player.setPlaylist([a, b], null, true);
    await loads(a, 30);
    const first = FakeAudio.for(url(a));
    first.currentTime = 26;
    vi.advanceTimersByTime(250);
    const second = FakeAudio.for(url(b));
    second.loaded(30);
    vi.advanceTimersByTime(250);
    await settle();
    expect(player.current).toEqual(b);
    // The fade began at the first tick, 4 s before the end: 2 s in is halfway.
    vi.advanceTimersByTime(1750);
    expect(first.volume).toBeCloseTo(0.8 * Math.SQRT1_2, 1);
    expect(second.volume).toBeCloseTo(0.8 * Math.SQRT1_2, 1);
    vi.advanceTimersByTime(2500);
    expect(second.volume).toBeCloseTo(0.8, 5);
    expect(first.getAttribute('src')).toBeNull();
  });

  it('plays each track at its gain toward the same loudness, and at full level when normalisation is off', async () => {
    const quiet = track({ gainDb: -6 });
    const { player } = makePlayer();
    player.setVolume(1);
    player.setPlaylist([quiet], null, true);
    await loads(quiet);
    const audio = FakeAudio.for(url(quiet));
    expect(audio.volume).toBeCloseTo(10 ** (-6 / 20), 5);
    player.setNormalize(false);
    expect(audio.volume).toBe(1);
  });
});
