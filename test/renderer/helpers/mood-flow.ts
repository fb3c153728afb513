/** A MoodFlow over a real Player and a FakeApi, wired as the app wires them. */
import type { AppError, MoodPlaylist } from '../../../src/shared/contract';
import { MoodFlow } from '../../../src/renderer/mood/mood-flow';
import { Player } from '../../../src/renderer/player/player.svelte';
import { FakeApi, settle } from './fake-api';
import { FakeAudio } from './fake-audio';

const players: Player[] = [];

export function flowOver(api = new FakeApi()) {
  const errors: AppError[] = [];
  const plans: Array<{ plan: MoodPlaylist; how: string }> = [];
  const player = new Player({
    mediaUrl: (id) => api.mediaUrl(id),
    onError: (e) => errors.push(e),
    onVolumeCommit: () => {},
    onListEnd: async () => false,
  });
  players.push(player);
  const flow = new MoodFlow(api, player, { onError: (e) => errors.push(e), onPlan: (p, how) => plans.push({ plan: p, how }) });
  return { api, errors, player, plans, flow };
}

/** The current track's audio loads, so the player plays. */
export async function loaded(player: Player): Promise<void> {
  FakeAudio.for(`http://127.0.0.1/media/${player.current!.id}`).loaded();
  await settle();
}

/** For afterEach: the players the tests made stop and let go of their audio. */
export function emptyPlayers(): void {
  for (const p of players.splice(0)) p.setPlaylist([], null, false);
}
