/** The interactive components on their own: mounted with Svelte's `mount` in happy-dom, driven as a user would. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRawSnippet, flushSync, mount, unmount, type Component } from 'svelte';
import Tabs from '../../src/renderer/ui/Tabs.svelte';
import TrackMoodEditor from '../../src/renderer/library/TrackMoodEditor.svelte';
import CameraPanel from '../../src/renderer/camera/CameraPanel.svelte';
import Queue from '../../src/renderer/player/Queue.svelte';
import TransportBar from '../../src/renderer/player/TransportBar.svelte';
import AboutView from '../../src/renderer/app/AboutView.svelte';
import { AppModel } from '../../src/renderer/app/app.svelte';
import type { Detection, Frame } from '../../src/shared/contract';
import { FakeApi, settle, track } from './helpers/fake-api';
import { plan } from './helpers/mood-plan';

const mounted: Array<Record<string, unknown>> = [];

function render(component: Component<any>, props: Record<string, unknown>): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  mounted.push(mount(component, { target, props }) as Record<string, unknown>);
  flushSync();
  return target;
}

afterEach(() => {
  for (const c of mounted.splice(0)) unmount(c);
  document.body.innerHTML = '';
});

const key = (el: Element, k: string) => {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  flushSync();
};

describe('Tabs', () => {
  const tabs = [
    { id: 'a', label: 'First', testid: 'tab-a' },
    { id: 'b', label: 'Second', testid: 'tab-b' },
    { id: 'c', label: 'Third', testid: 'tab-c' },
  ];
  const panel = createRawSnippet((id: () => string) => ({ render: () => `<p>panel ${id()}</p>` }));

  it('ties each tab to its panel and keeps one Tab stop, on the selected tab', () => {
    const el = render(Tabs, { tabs, selected: 'b', panel });
    const buttons = [...el.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    expect(buttons.map((b) => b.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);
    expect(buttons.map((b) => b.tabIndex)).toEqual([-1, 0, -1]);
    const tabpanel = el.querySelector('[role="tabpanel"]')!;
    expect(tabpanel.textContent).toBe('panel b');
    expect(buttons[1].getAttribute('aria-controls')).toBe(tabpanel.id);
    expect(tabpanel.getAttribute('aria-labelledby')).toBe(buttons[1].id);
  });

  it('moves with the arrow keys, Home and End (wrapping around), selecting and focusing the tab', () => {
    const onselect = vi.fn();
    const el = render(Tabs, { tabs, selected: 'a', panel, onselect });
    const tab = (id: string) => el.querySelector<HTMLButtonElement>(`[data-testid="tab-${id}"]`)!;
    tab('a').focus();
    key(tab('a'), 'ArrowRight');
    expect(tab('b').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('b'));
    expect(el.querySelector('[role="tabpanel"]')!.textContent).toBe('panel b');
    key(tab('b'), 'End');
    expect(document.activeElement).toBe(tab('c'));
    key(tab('c'), 'ArrowRight');
    expect(document.activeElement).toBe(tab('a'));
    key(tab('a'), 'ArrowLeft');
    expect(tab('c').getAttribute('aria-selected')).toBe('true');
    key(tab('c'), 'Home');
    expect(onselect.mock.calls.map((c) => c[0])).toEqual(['b', 'c', 'a', 'c', 'a']);
  });

  it('a click picks a tab (the open one again refreshes it)', () => {
    const onselect = vi.fn();
    const el = render(Tabs, { tabs, selected: 'a', panel, onselect });
    el.querySelector<HTMLButtonElement>('[data-testid="tab-c"]')!.click();
    el.querySelector<HTMLButtonElement>('[data-testid="tab-c"]')!.click();
    flushSync();
    expect(onselect.mock.calls.map((c) => c[0])).toEqual(['c', 'c']);
    expect(el.querySelector('[role="tabpanel"]')!.textContent).toBe('panel c');
  });
});

describe('the mood editor', () => {
  it('picks a music mood, nudges the position with the arrow keys, and offers a reset only for a correction', () => {
    const onchange = vi.fn();
    const t = track({ id: 'u-1', valence: 0.5, arousal: -0.2, moodSource: 'analysis' });
    const el = render(TrackMoodEditor, { t, onchange });
    expect(el.querySelector('[data-testid="mood-reset"]')).toBeNull();
    const select = el.querySelector<HTMLSelectElement>('[data-testid="mood-select"]')!;
    select.value = 'melancholic';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onchange).toHaveBeenLastCalledWith({ id: 'u-1', musicMood: 'melancholic' });
    const plane = el.querySelector('[data-testid="mood-plane"]')!;
    expect(plane.getAttribute('role')).toBe('slider');
    key(plane, 'ArrowUp');
    expect(onchange).toHaveBeenLastCalledWith({ id: 'u-1', valence: 0.5, arousal: -0.15 });
    key(plane, 'ArrowLeft');
    expect(onchange).toHaveBeenLastCalledWith({ id: 'u-1', valence: 0.45, arousal: -0.2 });
  });

  it('resets a corrected track to its analysis', () => {
    const onchange = vi.fn();
    const t = track({ id: 'u-2', moodSource: 'correction', valence: -0.45, arousal: -0.6, musicMood: 'melancholic' });
    const el = render(TrackMoodEditor, { t, onchange });
    expect(el.querySelector<HTMLSelectElement>('[data-testid="mood-select"]')!.value).toBe('melancholic');
    el.querySelector<HTMLButtonElement>('[data-testid="mood-reset"]')!.click();
    expect(onchange).toHaveBeenLastCalledWith({ id: 'u-2', reset: true });
  });
});

describe('the camera face label', () => {
  const reading = (emotion: 'happy' | 'sad', confidence: number): Detection => ({
    faces: [
      {
        box: { x: 100, y: 50, width: 120, height: 120 },
        emotion,
        confidence,
        probabilities: { angry: 0, disgust: 0, fear: 0, happy: 0, neutral: 0, sad: 0, surprise: 0, [emotion]: confidence },
      },
    ],
    emotion,
    confidence,
    probabilities: null,
    frame: { width: 640, height: 480 },
    timings: { captureMs: 1, detectMs: 1, classifyMs: 1, totalMs: 3 },
    notice: null,
  });
  const frame = (detection: Detection | null): Frame => ({
    jpeg: 'data:image/jpeg;base64,',
    width: 640,
    height: 480,
    faces: detection?.faces.map((f) => f.box) ?? [],
    at: 0,
    detection,
  });

  it('labels each face of the live frame shown with its own reading, on its own box', async () => {
    // happy-dom lays nothing out: give the preview a size, as a browser would.
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(320);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(240);
    const api = new FakeApi();
    const app = new AppModel(api);
    app.camera.state = { on: true, mode: 'live', source: '0' };
    app.api.on('frame', (f) => app.camera.onFrame(f));
    const el = render(CameraPanel, { app });
    api.emit('frame', frame(reading('happy', 0.8)));
    flushSync();
    const label = () => el.querySelector<HTMLElement>('.face');
    expect(label()?.textContent?.trim()).toBe('happy 80%');
    expect(label()?.style.left).toBe('50px');
    api.emit('frame', frame(reading('sad', 0.55)));
    flushSync();
    expect(label()?.textContent?.trim()).toBe('sad 55%');
    // Snapshot mode with the camera on: frames come, but nothing is read from them.
    app.camera.state = { on: true, mode: 'snapshot', source: '0' };
    api.emit('frame', frame(null));
    flushSync();
    expect(el.querySelectorAll('.face')).toHaveLength(0);
    vi.restoreAllMocks();
  });
});

describe('the playlist note', () => {
  it('a mood nothing fits (only my music, none of it joyful) shows its note and "Widen the mix" for that mood, while another plays', async () => {
    const joyful = [track()];
    const api = new FakeApi().handle('recommend', (p) => plan(p.emotion, p.widen ? joyful : []));
    const app = new AppModel(api);
    app.player.setPlaylist([track({ musicMood: 'calm' })], 'neutral', false);
    const note = 'No tracks in your library fit joyful music for your happy mood; add music or widen the mix.';
    app.plan = plan('happy', [], { note });
    const el = render(Queue, { app });
    expect(el.querySelector('[data-testid="playlist-note"]')?.textContent).toContain(note);
    el.querySelector<HTMLButtonElement>('[data-testid="widen"]')!.click();
    await settle();
    flushSync();
    expect(api.paramsOf('recommend')).toEqual([{ emotion: 'happy', widen: true }]);
    // Nothing was playing: the wider mix becomes the playlist, for happy.
    expect(app.player.playlistMood).toBe('happy');
    expect(app.player.playlist).toEqual(joyful);
    expect(el.querySelector('[data-testid="widen"]')).toBeNull();
  });
});

describe('the queue', () => {
  function queueOf(n: number) {
    const app = new AppModel(new FakeApi());
    const tracks = Array.from({ length: n }, () => track());
    app.player.setPlaylist(tracks, null, false);
    const el = render(Queue, { app });
    const ids = () => app.player.playlist.map((t) => t.id);
    const rows = () => [...el.querySelectorAll<HTMLElement>('[data-testid="playlist-item"]')];
    const buttons = (testid: string) => [...el.querySelectorAll<HTMLButtonElement>(`[data-testid="${testid}"]`)];
    return { app, tracks, el, ids, rows, buttons };
  }

  it("the playlist name field is themed like the other text fields, not the browser's bare input", () => {
    const { el, buttons } = queueOf(2);
    buttons('save-playlist')[0]!.click();
    flushSync();
    const name = el.querySelector<HTMLInputElement>('[data-testid="save-playlist-name"]');
    expect(name?.classList.contains('field')).toBe(true);
  });

  it('in a narrow window the music mood beside the artist is set apart by " · ", not run into the name', () => {
    const { el } = queueOf(1);
    expect(el.querySelector('[data-testid="playlist-item"] .artist')?.textContent).toBe('Test Artist · joyful');
  });

  it('counts one track as "1 track", in the queue and in the Up next card', () => {
    const { app, el } = queueOf(1);
    expect(el.querySelector('#playlist-title + .small')?.textContent).toBe('1 track');
    app.player.queueUpNext([track()], 'sad');
    flushSync();
    expect(el.querySelector('[data-testid="up-next"] .up-title')?.textContent).toBe('A sad playlist, 1 track');
    app.player.append([track()]);
    flushSync();
    expect(el.querySelector('#playlist-title + .small')?.textContent).toBe('2 tracks');
  });

  const press = (el: Element, k: string, altKey = false) => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, altKey, bubbles: true, cancelable: true }));
    flushSync();
  };

  it('keeps one Tab stop; Alt+Down and Alt+Up move an entry, Delete removes it', () => {
    const { tracks, ids, buttons } = queueOf(3);
    const [a, b, c] = tracks.map((t) => t.id);
    expect(buttons('play-item').map((x) => x.tabIndex)).toEqual([0, -1, -1]);
    // The row's other buttons are reached by arrow keys, not by Tab.
    expect(buttons('remove').every((x) => x.tabIndex === -1)).toBe(true);
    press(buttons('play-item')[0], 'ArrowDown', true);
    expect(ids()).toEqual([b, a, c]);
    press(buttons('play-item')[1], 'ArrowUp', true);
    expect(ids()).toEqual([a, b, c]);
    press(buttons('play-item')[2], 'Delete');
    expect(ids()).toEqual([a, b]);
  });

  it('the row buttons move, and remove, their own entry; the ends cannot move further', () => {
    const { tracks, ids, buttons } = queueOf(3);
    const [a, b, c] = tracks.map((t) => t.id);
    expect(buttons('move-up')[0].disabled).toBe(true);
    expect(buttons('move-down')[2].disabled).toBe(true);
    expect(buttons('move-down')[0].getAttribute('aria-label')).toBe(`Move ${tracks[0].title} down`);
    buttons('move-down')[0].click();
    flushSync();
    expect(ids()).toEqual([b, a, c]);
    buttons('remove')[2].click();
    flushSync();
    expect(ids()).toEqual([b, a]);
  });

  it('an entry dragged onto another takes its place; a drag from outside (files) is left to the window', () => {
    const { tracks, ids, rows } = queueOf(3);
    const [a, b, c] = tracks.map((t) => t.id);
    const drag = (el: Element, type: string) => {
      const e = new Event(type, { bubbles: true, cancelable: true });
      el.dispatchEvent(e);
      flushSync();
      return e;
    };
    expect(drag(rows()[1], 'dragover').defaultPrevented).toBe(false);
    drag(rows()[0], 'dragstart');
    expect(drag(rows()[2], 'dragover').defaultPrevented).toBe(true);
    expect(rows()[2].classList.contains('drop-target')).toBe(true);
    drag(rows()[2], 'drop');
    expect(ids()).toEqual([b, c, a]);
    expect(rows().some((r) => r.classList.contains('drop-target'))).toBe(false);
  });
});

describe('AboutView', () => {
  it('credits each bundled track once, in full where the credit says more than the names, without "by" twice', async () => {
    const api = new FakeApi().handle('getAbout', () => ({
      version: '1.0.0',
      model: null,
      privacy: 'On this device.',
      attributions: [
        { title: 'Offshore', artist: 'K-Pone', licence: 'CC BY 3.0', source: 'OpenClonk' },
        {
          title: 'Xeon',
          artist: 'OpenGameArt',
          credit: 'commissioned by Bart Kelsey (OpenGameArt)',
          licence: 'CC BY-SA 3.0',
          source: 'SuperTuxKart',
        },
        {
          title: 'SkyVibe (High Frequency)',
          artist: 'Speedsound, Constantin Pelikan',
          credit: 'Speedsound, modified by Constantin Pelikan',
          licence: 'CC BY-SA 3.0',
          source: 'SuperTuxKart',
        },
      ],
    }));
    const el = render(AboutView, { app: new AppModel(api), onclose: () => {} });
    await settle();
    const lines = [...el.ownerDocument.querySelectorAll('[data-testid="attributions"] li')].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(lines).toEqual([
      'Offshore by K-Pone · CC BY 3.0 · OpenClonk',
      'Xeon, commissioned by Bart Kelsey (OpenGameArt) · CC BY-SA 3.0 · SuperTuxKart',
      'SkyVibe (High Frequency) by Speedsound, modified by Constantin Pelikan · CC BY-SA 3.0 · SuperTuxKart',
    ]);
    expect(el.ownerDocument.querySelector('[data-testid="about-music-model"]')?.textContent).toContain('ISC licence');
  });
});

describe('the transport bar', () => {
  it('the seek slider takes any position, and its arrow keys seek 5 s (Page keys 30 s) within the song', () => {
    const app = new AppModel(new FakeApi());
    app.player.setPlaylist([track({ durationSec: 100 })], null, false);
    const el = render(TransportBar, { player: app.player });
    const seek = el.querySelector<HTMLInputElement>('[data-testid="seek"]')!;
    // A coarse step would snap the thumb to it: the bar would jump every few seconds, off the clock.
    expect(seek.step).toBe('any');
    app.player.seek(21.5);
    key(seek, 'ArrowRight');
    expect(app.player.position).toBe(26.5);
    key(seek, 'ArrowLeft');
    key(seek, 'ArrowDown');
    expect(app.player.position).toBe(16.5);
    key(seek, 'PageUp');
    expect(app.player.position).toBe(46.5);
    for (let i = 0; i < 3; i++) key(seek, 'PageUp');
    expect(app.player.position).toBe(100);
    expect(seek.value).toBe('100');
  });
});
