import { afterEach, describe, expect, it } from 'vitest';
import { Player } from '../../src/renderer/player/player.svelte';
import { useShortcuts } from '../../src/renderer/player/shortcuts';
import { track } from './helpers/fake-api';

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

function setup() {
  const player = new Player({
    mediaUrl: (id) => `/media/${id}`,
    onError: () => {},
    onVolumeCommit: () => {},
    onListEnd: async () => false,
  });
  player.setPlaylist([track(), track()], null, false);
  stop = useShortcuts(player);
  return player;
}

const press = (target: Element, code: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { code, key: code === 'Space' ? ' ' : code, bubbles: true }));

describe('player shortcuts', () => {
  it('Space on the page plays and pauses', () => {
    const player = setup();
    press(document.body, 'Space');
    expect(player.status).toBe('loading');
    press(document.body, 'Space');
    expect(player.status).toBe('paused');
  });

  it('Space on a focused disclosure, tab or checkbox does its own thing, not play/pause', () => {
    const player = setup();
    document.body.innerHTML =
      '<details><summary id="s">Camera source <span id="inner">(file)</span></summary></details><div role="tab" id="t">History</div><input type="checkbox" id="c">';
    for (const id of ['s', 'inner', 't', 'c']) press(document.getElementById(id)!, 'Space');
    expect(player.status).toBe('stopped');
  });

  it('arrow keys on tabs move between tabs, not through the song', () => {
    const player = setup();
    document.body.innerHTML = '<div role="tablist"><button role="tab" id="t">Playlists</button></div>';
    press(document.getElementById('t')!, 'ArrowRight');
    press(document.body, 'ArrowRight');
    expect(player.position).toBe(5);
  });
});
