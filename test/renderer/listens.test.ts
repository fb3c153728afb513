import { describe, expect, it } from 'vitest';
import { ListenCounter } from '../../src/renderer/player/listens';
import { track } from './helpers/fake-api';

const about = { mood: 'sad' as const, source: 'mood: sad' };

describe('listen accounting', () => {
  it('counts what was heard, not what was jumped over by seeking', () => {
    const c = new ListenCounter();
    const t = track({ durationSec: 200 });
    c.restart(0, 1000);
    for (let s = 0.25; s <= 10; s += 0.25) c.advance(s);
    c.jumped(150);
    for (let s = 150.25; s <= 155; s += 0.25) c.advance(s);
    const r = c.finish(t, 200, false, about)!;
    expect(r.playedSec).toBeCloseTo(15, 1);
    expect(r).toMatchObject({ track: t, startedAt: 1000, skipped: true, mood: 'sad', source: 'mood: sad' });
    expect(c.active).toBe(false);
  });

  it('a song left before its end is skipped unless 90 % of it was heard; one that reached its end never is', () => {
    const t = track({ durationSec: 10 });
    const heard = (seconds: number, reachedEnd: boolean) => {
      const c = new ListenCounter();
      c.restart(0);
      for (let s = 0.5; s <= seconds; s += 0.5) c.advance(s);
      return c.finish(t, 10, reachedEnd, about);
    };
    expect(heard(9.5, false)!.skipped).toBe(false);
    expect(heard(5, false)!.skipped).toBe(true);
    expect(heard(5, true)!.skipped).toBe(false);
    // Under a second is no play at all.
    expect(heard(0.5, false)).toBeNull();
  });

  it('a peek at the song under way (the page is going) is not a skip and does not end the count', () => {
    const c = new ListenCounter();
    const t = track({ durationSec: 300 });
    c.start(40);
    for (let s = 40.5; s <= 130; s += 0.5) c.advance(s);
    expect(c.peek(t, about)).toMatchObject({ skipped: false, playedSec: 90 });
    expect(c.active).toBe(true);
    c.drop();
    expect(c.peek(t, about)).toBeNull();
  });
});
