/**
 * The OS media controls: `navigator.mediaSession` metadata, playback state, position and action
 * handlers, kept in step with the player. Chromium (and so Electron) turns this into MPRIS on
 * Linux and the media keys and media overlay on Windows and macOS.
 */
import type { CoverArt } from './cover-art.svelte';
import type { Player } from './player.svelte';

const SEEK_STEP_S = 10;

export function bindMediaSession(player: Player, covers?: CoverArt): () => void {
  if (typeof navigator === 'undefined' || !('mediaSession' in navigator)) return () => {};
  const ms = navigator.mediaSession;
  const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
    ['play', () => player.play()],
    ['pause', () => player.pause()],
    ['stop', () => player.stop()],
    ['previoustrack', () => player.previous()],
    ['nexttrack', () => player.next()],
    ['seekto', (d) => d.seekTime !== undefined && player.seek(d.seekTime)],
    ['seekbackward', (d) => player.seek(player.position - (d.seekOffset ?? SEEK_STEP_S))],
    ['seekforward', (d) => player.seek(player.position + (d.seekOffset ?? SEEK_STEP_S))],
  ];
  for (const [action, handler] of handlers) {
    try {
      ms.setActionHandler(action, handler);
    } catch {
      /* an action this browser does not know */
    }
  }
  const stop = $effect.root(() => {
    $effect(() => {
      const t = player.current;
      if (!t) {
        ms.metadata = null;
        return;
      }
      // Only a picture that loaded: never a URL that answers 404.
      const art = covers?.confirmed(t) ?? null;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- resolves a string once, not state
      const src = art ? new URL(art, location.href).href : null;
      ms.metadata = new MediaMetadata({
        title: t.title,
        artist: t.artist,
        album: t.album,
        artwork: src ? [{ src, sizes: '512x512' }] : [],
      });
    });
    $effect(() => {
      const s = player.status;
      ms.playbackState = s === 'playing' || s === 'loading' ? 'playing' : s === 'paused' ? 'paused' : 'none';
    });
    $effect(() => {
      const duration = player.duration;
      const position = player.position;
      try {
        // A track whose length is not known yet: no position at all, rather than the last track's.
        if (!player.current || !(duration > 0)) return ms.setPositionState();
        ms.setPositionState({ duration, position: Math.min(position, duration), playbackRate: 1 });
      } catch {
        /* a position past a duration the browser has not seen yet */
      }
    });
  });
  return () => {
    stop();
    for (const [action] of handlers) {
      try {
        ms.setActionHandler(action, null);
      } catch {
        /* as above */
      }
    }
  };
}
