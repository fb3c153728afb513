/**
 * Scrolls `list` (and nothing around it) the least it takes to show `row` whole, as
 * scrollIntoView's block 'nearest' would for that one container; nothing when it is in view.
 * Smooth unless the user asked for less motion.
 */
export function revealIn(list: HTMLElement, row: Element): void {
  const box = list.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  const top = box.top + list.clientTop;
  const bottom = top + list.clientHeight;
  const by = r.top < top ? r.top - top : r.bottom > bottom ? Math.min(r.bottom - bottom, r.top - top) : 0;
  if (by === 0) return;
  const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  list.scrollBy({ top: by, behavior: still ? 'auto' : 'smooth' });
}
