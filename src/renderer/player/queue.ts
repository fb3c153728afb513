/**
 * The queue's rules without any audio: which entry plays after which (in order or shuffled, with
 * repeat off, all or one), and the list edits (move, insert, remove) that keep the current entry.
 */
import type { RepeatMode } from '../../shared/contract';

/** Fisher-Yates over a copy. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A play order over ids: `first` (the playing entry) leads, the rest in random order. */
export function shuffleOrder(ids: readonly string[], first: string | null, random: () => number = Math.random): string[] {
  const rest = shuffled(
    ids.filter((id) => id !== first),
    random,
  );
  return first !== null && ids.includes(first) ? [first, ...rest] : rest;
}

/** Keeps a shuffle order in step with the list: removed ids leave, new ids go in at random places after the current one. */
export function syncOrder(
  order: readonly string[],
  ids: readonly string[],
  current: string | null,
  random: () => number = Math.random,
): string[] {
  const present = new Set(ids);
  const out = order.filter((id) => present.has(id));
  const known = new Set(out);
  const at = current ? out.indexOf(current) : -1;
  for (const id of ids) {
    if (known.has(id)) continue;
    const pos = at + 1 + Math.floor(random() * (out.length - at));
    out.splice(pos, 0, id);
    known.add(id);
  }
  return out;
}

export interface Step {
  /** Index into the list, or -1: nothing more to play. */
  index: number;
  /** The order wrapped around (repeat all): a shuffled queue reshuffles here. */
  wrapped: boolean;
}

/**
 * The entry after `index`. `ended`: the song finished by itself (repeat one plays it again);
 * a skip always moves on. `order`: the shuffle order, or null when playing in list order.
 */
export function nextStep(ids: readonly string[], index: number, order: readonly string[] | null, repeat: RepeatMode, ended: boolean): Step {
  if (ids.length === 0) return { index: -1, wrapped: false };
  if (ended && repeat === 'one' && index >= 0) return { index, wrapped: false };
  if (!order) {
    if (index + 1 < ids.length) return { index: index + 1, wrapped: false };
    return repeat === 'off' ? { index: -1, wrapped: false } : { index: 0, wrapped: true };
  }
  const at = index >= 0 ? order.indexOf(ids[index]) : -1;
  if (at + 1 < order.length) return { index: ids.indexOf(order[at + 1]), wrapped: false };
  return repeat === 'off' ? { index: -1, wrapped: false } : { index: ids.indexOf(order[0]), wrapped: true };
}

/** The entry before `index` (in the shuffle order when shuffling); -1 at the start without repeat. */
export function previousIndex(ids: readonly string[], index: number, order: readonly string[] | null, repeat: RepeatMode): number {
  if (ids.length === 0 || index < 0) return -1;
  if (!order) return index > 0 ? index - 1 : repeat === 'all' ? ids.length - 1 : -1;
  const at = order.indexOf(ids[index]);
  if (at > 0) return ids.indexOf(order[at - 1]);
  return repeat === 'all' ? ids.indexOf(order[order.length - 1]) : -1;
}

/** Moves one entry; returns the new list and where the entry at `current` ended up. */
export function moveEntry<T>(list: readonly T[], from: number, to: number, current: number): { list: T[]; current: number } {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return { list: [...list], current };
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  let c = current;
  if (current === from) c = to;
  else if (from < current && to >= current) c = current - 1;
  else if (from > current && to <= current) c = current + 1;
  return { list: out, current: c };
}
