/** The player while serve mode's server is away: a track that cannot load then is not the file's fault. */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError, Track } from '../../src/shared/contract';
import { Player } from '../../src/renderer/player/player.svelte';
import { FakeAudio } from './helpers/fake-audio';
import { settle, track } from './helpers/fake-api';

const url = (t: Track) => `http://127.0.0.1/media/${t.id}`;
const players: Player[] = [];
afterEach(() => {
  for (const p of players.splice(0)) p.setPlaylist([], null, false);
});

function makePlayer(online: { up: boolean }) {
  const errors: AppError[] = [];
  const player = new Player({
    mediaUrl: (id) => `http://127.0.0.1/media/${id}`,
    onError: (e) => errors.push(e),
    onVolumeCommit: () => {},
    onListEnd: async () => false,
    reachable: async () => online.up,
  });
  players.push(player);
  return { player, errors };
}

describe('player while the app cannot be reached', () => {
  it('does not skip through the playlist, blames no file, does not stick on loading, and plays on when the app is back', async () => {
    const online = { up: false };
    const list = [track({ title: 'First' }), track({ title: 'Second' }), track({ title: 'Third' })];
    const { player, errors } = makePlayer(online);
    player.setPlaylist(list, 'happy', true);
    FakeAudio.for(url(list[0])).failed();
    await settle();
    expect(errors).toEqual([]);
    expect(player.current).toEqual(list[0]);
    expect(player.status).toBe('stopped');
    // Next while away: one step, not a run through the whole list.
    player.next();
    FakeAudio.for(url(list[1])).failed();
    await settle();
    expect(player.current).toEqual(list[1]);
    expect(errors).toEqual([]);

    online.up = true;
    player.resume();
    FakeAudio.for(url(list[1])).loaded(120);
    await settle();
    expect(player.status).toBe('playing');
    expect(player.current).toEqual(list[1]);
  });

  it('a file that fails while the app answers is still reported and skipped', async () => {
    const list = [track({ title: 'Gone' }), track({ title: 'Fine' })];
    const { player, errors } = makePlayer({ up: true });
    player.setPlaylist(list, 'happy', true);
    FakeAudio.for(url(list[0])).failed();
    await settle();
    expect(errors.map((e) => e.message)).toEqual(['Could not play Gone: file missing or unreadable.']);
    expect(player.current).toEqual(list[1]);
  });
});
