/** Keyboard shortcuts for the player (space, arrows), ignored while typing in a field. */
import type { Player } from '../player/player.svelte';

export function useShortcuts(player: Player): () => void {
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    // Space on a focused button already clicks it; only handle it on the page itself.
    if (e.code === 'Space' && t?.tagName !== 'BUTTON') {
      e.preventDefault();
      player.togglePlay();
    } else if (e.code === 'ArrowRight' && e.shiftKey) player.next();
    else if (e.code === 'ArrowLeft' && e.shiftKey) player.previous();
    else if (e.code === 'ArrowRight') player.seek(player.position + 5);
    else if (e.code === 'ArrowLeft') player.seek(player.position - 5);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
