import { afterEach, describe, expect, it } from 'vitest';
import { Player } from '../../src/renderer/player/player.svelte';
import { PlayerData } from '../../src/renderer/player/player-data.svelte';
import { FakeApi, track } from './helpers/fake-api';

const players: Player[] = [];
afterEach(() => {
  for (const p of players.splice(0)) p.setPlaylist([], null, false);
});

describe("the player's data", () => {
  it('a confirmation speaks of the queue as it was: once the queue changes it is gone, never stale', async () => {
    const api = new FakeApi()
      .handle('savePlaylist', (p) => ({ id: 'p1', name: p.name, trackIds: p.trackIds, createdAt: 1, updatedAt: 1 }))
      .handle('listPlaylists', () => []);
    const player = new Player({
      mediaUrl: (id) => `/media/${id}`,
      onError: () => {},
      onVolumeCommit: () => {},
      onListEnd: async () => false,
    });
    players.push(player);
    const data = new PlayerData(api, player, () => {});
    const list = [track(), track(), track(), track()];
    player.setPlaylist(list, null, false);
    await data.saveQueue('Road trip');
    expect(data.status).toBe('Saved “Road trip” (4 tracks).');
    player.remove(3);
    expect(data.status).toBe('');
  });
});
