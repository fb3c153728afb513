/** The controls that describe tracks speak music moods: the mood correction and the replace picker's filter. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import TrackMoodEditor from '../../src/renderer/library/TrackMoodEditor.svelte';
import TrackPicker from '../../src/renderer/ui/TrackPicker.svelte';
import { MUSIC_MOODS, type Track } from '../../src/shared/contract';
import { MUSIC_MOOD_CENTRES, musicMoodOf } from '../../src/shared/mood-space';
import { track } from './helpers/fake-api';

let shown: Record<string, unknown> | null = null;

function show(component: typeof TrackMoodEditor | typeof TrackPicker, props: Record<string, unknown>): HTMLElement {
  const target = document.body.appendChild(document.createElement('div'));
  shown = mount(component as never, { target, props }) as Record<string, unknown>;
  flushSync();
  return target;
}

afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  document.body.innerHTML = '';
});

/** A track placed at `at`, labelled as the main process labels it. */
const placed = (at: { valence: number; arousal: number }, extra: Partial<Track> = {}) =>
  track({ ...at, musicMood: musicMoodOf(at), ...extra });

describe('the mood correction', () => {
  const select = (el: HTMLElement) => el.querySelector<HTMLSelectElement>('[data-testid="mood-select"]')!;

  it('offers the music moods, never a face emotion, and sends the one picked', () => {
    const onchange = vi.fn();
    const t = placed({ valence: 0.5, arousal: -0.2 }, { id: 'u-1', title: 'Night Drive', moodSource: 'analysis' });
    const el = show(TrackMoodEditor, { t, onchange });
    const options = [...select(el).options];
    expect(options[0]).toMatchObject({ value: '', disabled: true, textContent: 'Pick a music mood…' });
    expect(options.slice(1).map((o) => o.value)).toEqual([...MUSIC_MOODS]);
    expect(select(el).getAttribute('aria-label')).toBe('Pick a music mood for Night Drive');
    // Not corrected yet: the list asks rather than shows the analysis' label.
    expect(select(el).value).toBe('');
    select(el).value = 'energetic';
    select(el).dispatchEvent(new Event('change', { bubbles: true }));
    expect(onchange).toHaveBeenLastCalledWith({ id: 'u-1', musicMood: 'energetic' });
  });

  it("shows the music mood picked for a track at that mood's centre; after a drag it asks again", () => {
    const corrected = placed(MUSIC_MOOD_CENTRES.calm, { moodSource: 'correction' });
    expect(select(show(TrackMoodEditor, { t: corrected, onchange: () => {} })).value).toBe('calm');
    unmount(shown!);
    // Dragged somewhere inside the calm region: picking calm again must still move it to the centre.
    const dragged = placed({ valence: 0.15, arousal: -0.6 }, { moodSource: 'correction' });
    expect(dragged.musicMood).toBe('calm');
    expect(select(show(TrackMoodEditor, { t: dragged, onchange: () => {} })).value).toBe('');
  });
});

describe('the replace picker', () => {
  const bright = placed(MUSIC_MOOD_CENTRES.joyful, { title: 'Bright' });
  const gloomy = placed(MUSIC_MOOD_CENTRES.dark, { title: 'Gloomy' });
  const gentle = placed(MUSIC_MOOD_CENTRES.tender, { title: 'Gentle' });
  const replacing = placed(MUSIC_MOOD_CENTRES.tense, { title: 'Replaced' });

  function picker() {
    const onpick = vi.fn();
    const el = show(TrackPicker, {
      replacing,
      tracks: [replacing, bright, gloomy, gentle],
      taken: new Set<string>(),
      onpick,
      onclose: () => {},
    });
    const chips = () => [...el.querySelectorAll<HTMLButtonElement>('[data-testid="replace-mood-filter"] button')];
    const titles = () => [...el.querySelectorAll('[data-testid="replace-option"] strong')].map((s) => s.textContent);
    const click = (name: string) => {
      chips()
        .find((c) => c.textContent === name)!
        .click();
      flushSync();
    };
    return { el, onpick, chips, titles, click };
  }

  it("filters by music mood with chips in each mood's colour, as the library shows them", () => {
    const { el, chips, titles, click } = picker();
    expect(chips().map((c) => c.textContent)).toEqual(['All', ...MUSIC_MOODS]);
    for (const c of chips().slice(1)) expect(c.classList.contains(`music-${c.textContent}`)).toBe(true);
    expect(titles()).toEqual(['Bright', 'Gloomy', 'Gentle']);
    // Each option names its music mood, its dot in that mood's colour.
    const moods = [...el.querySelectorAll('[data-testid="replace-option-mood"]')].map((m) => m.textContent);
    expect(moods).toEqual(['joyful', 'dark', 'tender']);
    expect(el.querySelector('[data-testid="replace-option"] .dot')!.classList.contains('music-joyful')).toBe(true);
    expect(el.querySelector('[data-testid="replace-option-mood"]')!.classList.contains('music-joyful')).toBe(true);

    click('dark');
    expect(titles()).toEqual(['Gloomy']);
    expect(
      chips()
        .find((c) => c.textContent === 'dark')!
        .getAttribute('aria-pressed'),
    ).toBe('true');
    click('energetic');
    expect(titles()).toEqual([]);
    expect(el.textContent).toContain('No other tracks match.');
    click('All');
    expect(titles()).toEqual(['Bright', 'Gloomy', 'Gentle']);
  });

  it('picks the track clicked', () => {
    const { el, onpick, click } = picker();
    click('tender');
    el.querySelector<HTMLButtonElement>('[data-testid="replace-option"]')!.click();
    expect(onpick).toHaveBeenCalledWith(gentle);
  });
});
