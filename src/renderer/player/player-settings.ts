/** What main tells the player: the saved settings (`getState`, then `settings` events) and tray/menu commands. */
import type { PlayerCommand, Settings } from '../../shared/contract';
import type { Player } from './player.svelte';

/** Applies only what differs, so a settings event the player itself caused changes nothing. */
export function applyPlayerSettings(player: Player, s: Settings): void {
  if (Math.abs(s.volume - player.volume) > 0.001) player.setVolume(s.volume);
  if (s.shuffle !== player.shuffle) player.setShuffle(s.shuffle, false);
  if (s.repeat !== player.repeat) player.setRepeat(s.repeat, false);
  if (s.normalizeLoudness !== player.normalize) player.setNormalize(s.normalizeLoudness);
  player.setCrossfade(s.crossfadeSec);
}

export function runCommand(player: Player, c: PlayerCommand): void {
  if (c === 'play-pause') player.togglePlay();
  else if (c === 'next') player.next();
  else if (c === 'previous') player.previous();
  else if (c === 'stop') player.stop();
}
