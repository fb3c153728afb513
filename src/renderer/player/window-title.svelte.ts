/**
 * The window's title names the song under way (the taskbar, Alt+Tab and the browser tab show it,
 * as other players do); with nothing under way it is the app's name again.
 */
import type { Player } from './player.svelte';

const APP_NAME = 'Moodtape';

export function bindWindowTitle(player: Player): () => void {
  return $effect.root(() => {
    $effect(() => {
      const t = player.current;
      document.title = t && player.inSong ? `${t.title} – ${t.artist} · ${APP_NAME}` : APP_NAME;
    });
    return () => {
      document.title = APP_NAME;
    };
  });
}
