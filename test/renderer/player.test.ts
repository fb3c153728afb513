import { afterEach, describe, expect, it } from 'vitest';
import type { AppError, Track } from '../../src/shared/contract';
import { Player, type PlayerDeps } from '../../src/renderer/player/player.svelte';
import { bindWindowTitle } from '../../src/renderer/player/window-title.svelte';
import { FakeAudio } from './helpers/fake-audio';
import { settle, track } from './helpers/fake-api';

const url = (t: Track) => `http://127.0.0.1/media/${t.id}`;
const players: Player[] = [];

function makePlayer(deps: Partial<PlayerDeps> = {}) {
  const errors: AppError[] = [];
  const volumes: number[] = [];
  const player = new Player({
    mediaUrl: (id) => `http://127.0.0.1/media/${id}`,
    onError: (e) => errors.push(e),
    onVolumeCommit: (v) => volumes.push(v),
    onListEnd: async () => false,
    ...deps,
  });
  players.push(player);
  return { player, errors, volumes };
}

/** The current track's file loads and starts playing. */
async function loads(t: Track, durationSec = 180) {
  FakeAudio.for(url(t)).loaded(durationSec);
  await settle();
}

afterEach(() => {
  for (const p of players.splice(0)) p.setPlaylist([], null, false);
});

describe('player', () => {
  it('a playlist set with autoplay loads its first track, then plays it', async () => {
    const list = [track(), track(), track()];
    const { player } = makePlayer();
    player.setPlaylist(list, 'happy', true);
    expect(player.status).toBe('loading');
    expect(player.current).toEqual(list[0]);
    await loads(list[0], 200);
    expect(player.status).toBe('playing');
    expect(player.duration).toBe(200);
  });

  it('a playlist set without autoplay waits, stopped on its first entry; an empty one is idle', () => {
    const list = [track(), track()];
    const { player } = makePlayer();
    player.setPlaylist(list, 'sad', false);
    expect(player).toMatchObject({ status: 'stopped', index: 0, playlistMood: 'sad' });
    expect(() => FakeAudio.for(url(list[0]))).toThrow(/no audio element/);
    player.setPlaylist([], null, false);
    expect(player.status).toBe('idle');
    expect(player.current).toBeNull();
  });

  it('the window title names the song under way, playing or paused, and is the app again when it stops', async () => {
    const list = [track({ title: 'Offshore', artist: 'K-Pone' }), track({ title: 'Nebula', artist: 'Max McCracken' })];
    const { player } = makePlayer();
    const unbind = bindWindowTitle(player);
    await settle();
    player.setPlaylist(list, 'happy', false);
    await settle();
    expect(document.title).toBe('Moodtape');
    player.play();
    await loads(list[0]);
    expect(document.title).toBe('Offshore – K-Pone · Moodtape');
    player.pause();
    await settle();
    expect(document.title).toBe('Offshore – K-Pone · Moodtape');
    player.next();
    await loads(list[1]);
    expect(document.title).toBe('Nebula – Max McCracken · Moodtape');
    player.stop();
    await settle();
    expect(document.title).toBe('Moodtape');
    player.play();
    await loads(list[1]);
    unbind();
    expect(document.title).toBe('Moodtape');
  });

  it('pause and play resume the same song; stop goes back to its start', async () => {
    const list = [track(), track()];
    const { player } = makePlayer();
    player.setPlaylist(list, 'happy', true);
    await loads(list[0]);
    player.seek(42);
    player.pause();
    expect(player.status).toBe('paused');
    const audio = FakeAudio.for(url(list[0]));
    expect(audio.paused).toBe(true);
    player.togglePlay();
    await settle();
    expect(player.status).toBe('playing');
    expect(player.current).toEqual(list[0]);
    expect(FakeAudio.for(url(list[0]))).toBe(audio);
    player.stop();
    expect(player).toMatchObject({ status: 'stopped', position: 0, index: 0 });
  });

  it('next plays the following entry; previous restarts a song under way, or goes back at its start', async () => {
    const list = [track(), track(), track()];
    const { player } = makePlayer();
    player.setPlaylist(list, 'happy', true);
    await loads(list[0]);
    player.next();
    await settle();
    expect(player.current).toEqual(list[1]);
    await loads(list[1]);
    expect(player.status).toBe('playing');

    player.seek(30);
    player.previous();
    expect(player.current).toEqual(list[1]);
    expect(player.position).toBe(0);

    player.previous();
    expect(player.current).toEqual(list[0]);
    expect(player.status).toBe('loading');
  });

  it('a song that ends moves on; at the end of the list the caller can add more, or the music stops', async () => {
    const list = [track(), track()];
    const more = [track()];
    let extended = 0;
    const { player } = makePlayer({
      onListEnd: async () => {
        extended++;
        if (extended > 1) return false;
        player.append(more);
        return true;
      },
    });
    player.setPlaylist(list, 'happy', true);
    await loads(list[0]);
    FakeAudio.for(url(list[0])).playedToEnd();
    await settle();
    expect(player.current).toEqual(list[1]);
    await loads(list[1]);
    FakeAudio.for(url(list[1])).playedToEnd();
    await settle();
    expect(player.current).toEqual(more[0]);
    await loads(more[0]);
    FakeAudio.for(url(more[0])).playedToEnd();
    await settle();
    expect(player.status).toBe('stopped');
    expect(player.playlist).toHaveLength(3);
  });

  it('a queued "Up next" list takes over when the song ends, not before', async () => {
    const list = [track(), track()];
    const calm = [track({ musicMood: 'calm' })];
    const { player } = makePlayer();
    player.setPlaylist(list, 'happy', true);
    await loads(list[0]);
    player.queueUpNext(calm, 'neutral');
    expect(player.current).toEqual(list[0]);
    expect(player.status).toBe('playing');
    FakeAudio.for(url(list[0])).playedToEnd();
    await settle();
    expect(player.playlist).toEqual(calm);
    expect(player.playlistMood).toBe('neutral');
    expect(player.upNext).toBeNull();
  });

  it('replacing the playing entry switches to the new track; replacing another leaves the music alone', async () => {
    const list = [track(), track(), track()];
    const other = track({ title: 'Chosen' });
    const chosen = track({ title: 'Chosen for the first' });
    const { player } = makePlayer();
    player.setPlaylist(list, 'happy', true);
    await loads(list[0]);
    player.replace(2, other);
    expect(player.playlist[2]).toEqual(other);
    expect(player.current).toEqual(list[0]);
    expect(player.status).toBe('playing');

    player.replace(0, chosen);
    expect(player.current).toEqual(chosen);
    await loads(chosen);
    expect(player.status).toBe('playing');

    // A track is in the queue once: replacing with one already there does nothing.
    player.replace(0, list[1]);
    expect(player.current).toEqual(chosen);
    const third = track({ title: 'Third' });
    player.pause();
    player.replace(0, third);
    expect(player).toMatchObject({ status: 'stopped', position: 0 });
    expect(player.current).toEqual(third);
  });

  it('a missing file is reported by name and skipped; a list where nothing plays stops with one clear message', async () => {
    const list = [track({ title: 'Gone' }), track({ title: 'Fine' })];
    const { player, errors } = makePlayer();
    player.setPlaylist(list, 'happy', true);
    FakeAudio.for(url(list[0])).failed();
    await settle();
    expect(errors.map((e) => e.message)).toEqual(['Could not play Gone: file missing or unreadable.']);
    expect(player.current).toEqual(list[1]);
    await loads(list[1]);
    expect(player.status).toBe('playing');

    const broken = [track({ title: 'A' }), track({ title: 'B' })];
    errors.length = 0;
    player.setPlaylist(broken, 'sad', true);
    FakeAudio.for(url(broken[0])).failed();
    await settle();
    FakeAudio.for(url(broken[1])).failed();
    await settle();
    expect(errors.map((e) => e.message)).toEqual([
      'Could not play A: file missing or unreadable.',
      'Could not play B: file missing or unreadable.',
      'None of the tracks in this playlist could be played.',
    ]);
    expect(player.status).toBe('stopped');
  });

  it('volume is clamped, and saved only when the user lets go of the slider', () => {
    const { player, volumes } = makePlayer();
    player.setVolume(1.7);
    expect(player.volume).toBe(1);
    player.setVolume(0.3, true);
    expect(volumes).toEqual([0.3]);
  });
});
