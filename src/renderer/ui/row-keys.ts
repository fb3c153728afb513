/**
 * Keyboard for a list of rows with buttons: one Tab stop for the whole list (the focused row's first
 * button), Up/Down/Home/End between rows, Left/Right between a row's buttons. `extra` handles more
 * keys on a row (Alt+arrows to move it, Delete); it returns true when it used the key.
 */
export function rowButtons(list: HTMLElement | null, row: number, selector = 'button'): HTMLButtonElement[] {
  const li = list?.children[row];
  return li ? [...li.querySelectorAll<HTMLButtonElement>(selector)] : [];
}

export function focusRow(list: HTMLElement | null, row: number, col = 0, selector = 'button'): number {
  const n = list?.children.length ?? 0;
  if (n === 0) return 0;
  const r = Math.max(0, Math.min(n - 1, row));
  requestAnimationFrame(() => rowButtons(list, r, selector)[col]?.focus());
  return r;
}

/** Handles the key when it came from one of a row's buttons; returns the row now focused, or null. */
export function onRowKey(
  e: KeyboardEvent,
  list: HTMLElement | null,
  extra: (key: KeyboardEvent, row: number) => number | null = () => null,
  selector = 'button',
): number | null {
  const target = e.target as HTMLElement;
  if (!list || target.tagName !== 'BUTTON') return null;
  const li = target.closest('li');
  const row = li ? [...list.children].indexOf(li) : -1;
  const buttons = rowButtons(list, row, selector);
  const col = buttons.indexOf(target as HTMLButtonElement);
  if (row < 0 || col < 0) return null;
  let next: number | null = extra(e, row);
  if (next === null) {
    if (e.key === 'ArrowUp') next = focusRow(list, row - 1, col, selector);
    else if (e.key === 'ArrowDown') next = focusRow(list, row + 1, col, selector);
    else if (e.key === 'Home') next = focusRow(list, 0, 0, selector);
    else if (e.key === 'End') next = focusRow(list, list.children.length - 1, 0, selector);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      buttons[Math.max(0, Math.min(buttons.length - 1, col + (e.key === 'ArrowRight' ? 1 : -1)))]?.focus();
      next = row;
    }
  }
  if (next !== null) {
    e.preventDefault();
    // The page's own arrow keys seek; inside a list they move.
    e.stopPropagation();
  }
  return next;
}
