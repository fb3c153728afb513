/** A new intent's plan (the `plan` event) changes what follows the song at once, never the song itself. */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError, MoodPlaylist } from '../../src/shared/contract';
import { MoodFlow } from '../../src/renderer/mood/mood-flow';
import { Player } from '../../src/renderer/player/player.svelte';
import { FakeApi, settle, track } from './helpers/fake-api';
import { FakeAudio } from './helpers/fake-audio';
import { moodWith, plan } from './helpers/mood-plan';

const players: Player[] = [];
afterEach(() => {
  for (const p of players.splice(0)) p.setPlaylist([], null, false);
});

function setup() {
  const api = new FakeApi();
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
  return { flow, player, plans };
}

describe('intents act at once', () => {
  it('replaces what follows the playing song with the new plan, and shows the plan', async () => {
    const sad = [track({ musicMood: 'melancholic' }), track({ musicMood: 'melancholic' }), track({ musicMood: 'melancholic' })];
    const lifted = [sad[0], track(), track()];
    const { flow, player, plans } = setup();
    flow.handle(moodWith('sad', sad));
    FakeAudio.for(`http://127.0.0.1/media/${player.current!.id}`).loaded();
    await settle();
    const current = player.current;
    const next = { ...plan('sad', lifted), intent: 'lift' as const };
    expect(flow.replan(next)).toBe('replaced');
    expect(player.current).toBe(current);
    expect(player.playlist.slice(player.index + 1)).toEqual(lifted.filter((t) => t.id !== current!.id));
    expect(plans.at(-1)).toEqual({ plan: next, how: 'now' });
  });

  it('re-plans the list waiting as Up next for that mood; leaves other moods alone', async () => {
    const happy = [track(), track()];
    const sad = [track({ musicMood: 'melancholic' })];
    const { flow, player } = setup();
    flow.handle(moodWith('happy', happy));
    FakeAudio.for(`http://127.0.0.1/media/${player.current!.id}`).loaded();
    await settle();
    // A picked mood queues at once (a live one must first hold for a few seconds).
    expect(flow.handle(moodWith('sad', sad, { source: 'manual' }))).toBe('queued');
    const lifted = [track(), track()];
    expect(flow.replan(plan('sad', lifted))).toBe('queued');
    expect(player.upNext).toEqual({ emotion: 'sad', tracks: lifted });
    expect(flow.replan(plan('angry', [track()]))).toBe('ignored');
    expect(player.playlist).toEqual(happy);
  });
});
