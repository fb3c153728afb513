/**
 * The two decks: the one playing and the spare, which loads the next song ahead. From there the
 * next song takes over without a gap (started a few milliseconds before the end, same album) or
 * with an equal-power crossfade (a chain of Howler fades). Knows tracks and decks, not the queue.
 */
import type { Track } from '../../shared/contract';
import { Deck } from './deck';
import { equalPower } from './gain-policy';

/** Gapless: how early the next element is told to play, for the time Chromium takes to start it. */
export const GAPLESS_LEAD_MS = 8;
/** A crossfade is this many Howler fades in a row, each linear: together they follow the equal-power curves. */
const FADE_SEGMENTS = 8;

export interface DeckPairHooks {
  mediaUrl(trackId: string): string;
}

export class DeckPair {
  private decks: [Deck, Deck] | null = null;
  private active = 0;
  /** The spare deck holds this track, loaded ahead. */
  private preloadedId: string | null = null;
  /** The deck a gapless handover left, still playing its last milliseconds. */
  private finishing: Deck | null = null;
  private gaplessTimer: ReturnType<typeof setTimeout> | null = null;
  private fade: { timer: ReturnType<typeof setTimeout>; outgoing: Deck } | null = null;

  constructor(private readonly hooks: DeckPairHooks) {}

  /** The deck playing (or about to), or null before the first load. */
  get current(): Deck | null {
    return this.decks ? this.decks[this.active] : null;
  }

  get fading(): boolean {
    return this.fade !== null;
  }

  get gaplessPending(): boolean {
    return this.gaplessTimer !== null;
  }

  /** Whether the spare deck holds `track`, loaded ahead. */
  holds(track: Track): boolean {
    return this.preloadedId === track.id && this.spare().trackId === track.id;
  }

  /** Puts `track` on the current deck: the spare one when it already holds it, else a fresh load. */
  load(track: Track): Deck {
    const decks = this.ensure();
    if (this.holds(track)) {
      decks[this.active].clear();
      this.active = 1 - this.active;
    } else {
      this.spare().clear();
      decks[this.active].load(track.id, this.hooks.mediaUrl(track.id), track.fileName);
    }
    this.preloadedId = null;
    this.finishing = null;
    return decks[this.active];
  }

  /** Loads `track` on the spare deck, silent (gain known for its turn). */
  preload(track: Track, volume: number, gain: number): void {
    if (this.preloadedId === track.id) return;
    const spare = this.spare();
    if (spare === this.finishing) return;
    spare.on({});
    spare.load(track.id, this.hooks.mediaUrl(track.id), track.fileName);
    spare.setLevel(volume, gain, 0);
    this.preloadedId = track.id;
  }

  dropPreload(): void {
    this.cancelGapless();
    if (!this.preloadedId) return;
    this.preloadedId = null;
    if (this.decks) this.spare().clear();
  }

  /**
   * Calls `handover` right as the current deck ends (it then makes the spare deck current), for a
   * track the spare deck holds. Timers drift from the audio clock: it aims again until the end is a
   * few milliseconds away. `still()` says whether the handover is still wanted.
   */
  scheduleGapless(track: Track, remainingSec: number, still: () => boolean, handover: () => void): void {
    if (this.gaplessTimer) return;
    const aim = (ms: number) => {
      this.gaplessTimer = setTimeout(() => {
        this.gaplessTimer = null;
        const outgoing = this.current;
        if (!outgoing || !still() || !this.holds(track)) return;
        const left = (outgoing.duration - outgoing.position) * 1000;
        if (left > GAPLESS_LEAD_MS + 4) return aim(Math.max(1, Math.min(left - GAPLESS_LEAD_MS, left / 2)));
        handover();
        this.letFinish(outgoing);
      }, ms);
    };
    aim(Math.max(0, remainingSec * 1000 - GAPLESS_LEAD_MS));
  }

  cancelGapless(): void {
    if (this.gaplessTimer !== null) clearTimeout(this.gaplessTimer);
    this.gaplessTimer = null;
  }

  /** Makes the spare deck (holding the next track) current and starts it at `share` of its level. */
  switchToSpare(volume: number, gain: number, share = 1): Deck {
    this.active = 1 - this.active;
    this.preloadedId = null;
    const deck = this.decks![this.active];
    deck.setLevel(volume, gain, share);
    deck.play();
    return deck;
  }

  /**
   * Equal-power crossfade from the current deck to the spare one over `seconds`; `before(incoming)`
   * runs once the spare deck is current and playing (silent), so the caller can wire it.
   */
  crossfade(seconds: number, volume: number, outGain: number, inGain: number, wire: (incoming: Deck) => void): void {
    const outgoing = this.current!;
    outgoing.on({});
    outgoing.setLevel(volume, outGain, 1);
    const incoming = this.switchToSpare(volume, inGain, 0);
    wire(incoming);
    const segmentMs = (seconds * 1000) / FADE_SEGMENTS;
    const fade = { timer: setTimeout(() => {}, 0), outgoing };
    const step = (k: number) => {
      if (this.fade !== fade) return;
      if (k >= FADE_SEGMENTS) return this.endFade();
      const from = equalPower(k / FADE_SEGMENTS);
      const to = equalPower((k + 1) / FADE_SEGMENTS);
      outgoing.fadeShare(from.out, to.out, segmentMs);
      incoming.fadeShare(from.in, to.in, segmentMs);
      fade.timer = setTimeout(() => step(k + 1), segmentMs);
    };
    this.fade = fade;
    step(0);
  }

  /** Ends a crossfade (finished, or cut by a pause or skip): the outgoing deck goes. True when one was under way. */
  endFade(): boolean {
    const f = this.fade;
    if (!f) return false;
    clearTimeout(f.timer);
    this.fade = null;
    if (f.outgoing !== this.current) f.outgoing.clear();
    return true;
  }

  /** Stops both decks and lets their streams go. */
  unload(): void {
    this.endFade();
    this.cancelGapless();
    this.preloadedId = null;
    this.finishing = null;
    if (this.decks) for (const d of this.decks) d.clear();
  }

  /** The outgoing element plays its last milliseconds, then goes (and only then may it load ahead again). */
  private letFinish(outgoing: Deck): void {
    this.finishing = outgoing;
    const done = () => {
      if (this.finishing !== outgoing) return;
      this.finishing = null;
      if (this.current !== outgoing) outgoing.clear();
    };
    outgoing.on({ ended: done });
    setTimeout(done, 1000);
  }

  private ensure(): [Deck, Deck] {
    this.decks ??= [new Deck(), new Deck()];
    return this.decks;
  }

  private spare(): Deck {
    return this.ensure()[1 - this.active];
  }
}
