/** A mood picked again gives a fresh mix: never the last list in the same order (main and page share the rule). */

export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The next list, turned by one when it would repeat the last one in the same order. */
export function freshOrder<T extends { id: string }>(before: readonly T[], next: T[]): T[] {
  const same = sameOrder(
    before.map((t) => t.id),
    next.map((t) => t.id),
  );
  return same && next.length > 1 ? [...next.slice(1), next[0]] : next;
}
