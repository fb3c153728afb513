import { describe, expect, it } from 'vitest';
import { moveEntry, nextStep, previousIndex, shuffleOrder, syncOrder } from '../../src/renderer/player/queue.js';

const ids = ['a', 'b', 'c', 'd'];
/** A fixed "random" sequence, so shuffles are repeatable. */
const seq = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length];
};

describe('the queue rules', () => {
  it('plays in list order; repeat off stops at the end, repeat all wraps, repeat one replays only when the song ends', () => {
    expect(nextStep(ids, 1, null, 'off', true)).toEqual({ index: 2, wrapped: false });
    expect(nextStep(ids, 3, null, 'off', true)).toEqual({ index: -1, wrapped: false });
    expect(nextStep(ids, 3, null, 'all', true)).toEqual({ index: 0, wrapped: true });
    expect(nextStep(ids, 2, null, 'one', true)).toEqual({ index: 2, wrapped: false });
    // "Next" while repeating one song still moves on.
    expect(nextStep(ids, 2, null, 'one', false)).toEqual({ index: 3, wrapped: false });
    expect(previousIndex(ids, 0, null, 'off')).toBe(-1);
    expect(previousIndex(ids, 0, null, 'all')).toBe(3);
  });

  it('shuffles every entry once, the playing one first, and follows that order', () => {
    const order = shuffleOrder(ids, 'c', seq(0.9, 0.1, 0.5));
    expect(order[0]).toBe('c');
    expect([...order].sort()).toEqual(ids);
    let at = ids.indexOf('c');
    const played = ['c'];
    for (;;) {
      const step = nextStep(ids, at, order, 'off', true);
      if (step.index < 0) break;
      at = step.index;
      played.push(ids[at]);
    }
    expect(played).toEqual(order);
    expect(previousIndex(ids, ids.indexOf(order[1]), order, 'off')).toBe(ids.indexOf('c'));
  });

  it('keeps a shuffle order in step with edits: removed entries leave, new ones come after the current one', () => {
    const order = ['c', 'a', 'd', 'b'];
    const next = syncOrder(order, ['a', 'c', 'd', 'e'], 'a', seq(0));
    expect(next).toEqual(['c', 'a', 'e', 'd']);
  });

  it('moves an entry and keeps track of the playing one', () => {
    expect(moveEntry(ids, 0, 2, 1)).toEqual({ list: ['b', 'c', 'a', 'd'], current: 0 });
    expect(moveEntry(ids, 1, 3, 1)).toEqual({ list: ['a', 'c', 'd', 'b'], current: 3 });
    expect(moveEntry(ids, 3, 0, 1)).toEqual({ list: ['d', 'a', 'b', 'c'], current: 2 });
    expect(moveEntry(ids, 0, 9, 1)).toEqual({ list: ids, current: 1 });
  });
});
