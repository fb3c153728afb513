/** Keyboard shortcuts for the player (space, arrows), left alone wherever the focused control has its own use for the key. */
import type { Player } from './player.svelte';

/** Controls where Space activates (a button, a disclosure's summary, a link, a checkbox) or types. */
const OWNS_SPACE =
  'button, summary, a[href], input, select, textarea, [contenteditable=""], [contenteditable="true"], [role="button"], [role="tab"], [role="checkbox"], [role="switch"], [role="option"], [role="menuitem"]';
/** Controls where the arrow keys move (tabs, lists, sliders, fields). */
const OWNS_ARROWS =
  'input, select, textarea, [contenteditable=""], [contenteditable="true"], [role="tab"], [role="tablist"], [role="slider"], [role="listbox"], [role="option"], [role="menu"], [role="menuitem"], [role="radiogroup"]';

export function useShortcuts(player: Player): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const t = e.target instanceof Element ? e.target : null;
    const owns = (selector: string) => !!t?.closest(selector);
    if (e.code === 'Space') {
      if (owns(OWNS_SPACE)) return;
      e.preventDefault();
      player.togglePlay();
      return;
    }
    if (!e.code.startsWith('Arrow') || owns(OWNS_ARROWS)) return;
    if (e.code === 'ArrowRight' && e.shiftKey) player.next();
    else if (e.code === 'ArrowLeft' && e.shiftKey) player.previous();
    else if (e.code === 'ArrowRight') player.seek(player.position + 5);
    else if (e.code === 'ArrowLeft') player.seek(player.position - 5);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
