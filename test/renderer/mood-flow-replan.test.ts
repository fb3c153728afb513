/** A new intent's plan (the `plan` event) changes what follows the song at once, never the song itself. */
import { afterEach, describe, expect, it } from 'vitest';
import { track } from './helpers/fake-api';
import { emptyPlayers, flowOver, loaded } from './helpers/mood-flow';
import { moodWith, plan } from './helpers/mood-plan';

afterEach(emptyPlayers);

describe('intents act at once', () => {
  it('replaces what follows the playing song with the new plan, and shows the plan', async () => {
    const sad = [track({ musicMood: 'melancholic' }), track({ musicMood: 'melancholic' }), track({ musicMood: 'melancholic' })];
    const lifted = [sad[0], track(), track()];
    const { flow, player, plans } = flowOver();
    flow.handle(moodWith('sad', sad));
    await loaded(player);
    const current = player.current;
    const next = { ...plan('sad', lifted), intent: 'lift' as const };
    expect(flow.replan(next)).toBe('replaced');
    expect(player.current).toBe(current);
    expect(player.playlist.slice(player.index + 1)).toEqual(lifted.filter((t) => t.id !== current!.id));
    expect(plans.at(-1)).toEqual({ plan: next, how: 'upcoming' });
  });

  it('re-plans the list waiting as Up next for that mood; leaves other moods alone', async () => {
    const happy = [track(), track()];
    const sad = [track({ musicMood: 'melancholic' })];
    const { flow, player } = flowOver();
    flow.handle(moodWith('happy', happy));
    await loaded(player);
    // A picked mood queues at once (a live one must first hold for a few seconds).
    expect(flow.handle(moodWith('sad', sad, { source: 'manual' }))).toBe('queued');
    const lifted = [track(), track()];
    expect(flow.replan(plan('sad', lifted))).toBe('queued');
    expect(player.upNext).toEqual({ emotion: 'sad', tracks: lifted });
    expect(flow.replan(plan('angry', [track()]))).toBe('ignored');
    expect(player.playlist).toEqual(happy);
  });

  it('re-plans the list that plays while another mood waits as Up next: the Up next list keeps waiting', async () => {
    const happy = [track(), track(), track()];
    const { flow, player, plans } = flowOver();
    flow.handle(moodWith('happy', happy));
    await loaded(player);
    const sad = [track({ musicMood: 'melancholic' })];
    flow.handle(moodWith('sad', sad));
    const lifted = [track(), track()];
    expect(flow.replan({ ...plan('happy', lifted), intent: 'lift' })).toBe('replaced');
    expect(player.playlist).toEqual([happy[0], ...lifted]);
    expect(player.upNext).toEqual({ emotion: 'sad', tracks: sad });
    expect(plans.at(-1)?.how).toBe('upcoming');
  });
});
