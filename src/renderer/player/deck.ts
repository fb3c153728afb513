/**
 * One deck: a Howl (HTML5 audio, so a long track streams and starts at once) and its level. Two
 * decks let the next song load, and start, before the current one ends: gapless handovers and
 * crossfades. Where Web Audio can hear the element (same origin, or media that answers CORS for the
 * page), it goes through a GainNode in Howler's AudioContext, so normalisation can raise a quiet
 * track; elsewhere the element's volume can only lower it.
 */
import type { Howl } from 'howler';
import { createHowl, howlerContext, markRouted } from './howler-setup';
import { splitLevel } from './gain-policy';

export interface DeckEvents {
  playing(): void;
  paused(): void;
  ended(): void;
  error(blocked: boolean, detail: string): void;
  duration(seconds: number): void;
}

/** The Web Audio gain of each element that goes through it (routing an element cannot be undone). */
const boosts = new WeakMap<HTMLMediaElement, GainNode>();
/** Media origins other than the page's: whether they answered CORS (unknown until one load says). */
const corsOrigins = new Map<string, boolean>();

/** Howler decides from `format` whether it can play a URL (ours have no extension); the browser goes by the Content-Type. */
const HOWLER_FORMATS: Record<string, string> = { oga: 'ogg', wave: 'wav', aac: 'aac', m4a: 'm4a' };

export function howlerFormat(fileName: string | undefined): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  return ext ? (HOWLER_FORMATS[ext] ?? ext) : 'mp3';
}

/** Whether to ask for CORS: for the page's own origin, for another that has not refused it, never from an opaque (file://) page. */
function corsFor(url: string): boolean {
  // Without Web Audio there is nothing to route, and no reason to ask.
  if (typeof location === 'undefined' || typeof AudioContext === 'undefined') return false;
  const origin = new URL(url, location.href).origin;
  if (origin === location.origin) return true;
  if (location.origin === 'null' || origin === 'null') return false;
  return corsOrigins.get(origin) !== false;
}

export class Deck {
  trackId: string | null = null;
  private howl: Howl | null = null;
  private url = '';
  private format = 'mp3';
  private cors = false;
  private events: Partial<DeckEvents> = {};
  private volume = 1;
  private gain = 1;
  private share = 1;
  private detach: (() => void) | null = null;

  on(events: Partial<DeckEvents>): void {
    this.events = events;
  }

  /** The element under the Howl (for tests and the benchmarks' probes). */
  get element(): HTMLAudioElement | null {
    return (this.howl as unknown as { _sounds?: { _node?: HTMLAudioElement }[] } | null)?._sounds?.[0]?._node ?? null;
  }

  /** Whether this deck's level goes through Web Audio (so it can raise a quiet track). */
  get boosted(): boolean {
    const el = this.element;
    return !!el && boosts.has(el);
  }

  load(trackId: string, url: string, fileName?: string): void {
    this.clear();
    this.trackId = trackId;
    this.url = url;
    this.format = howlerFormat(fileName);
    this.open(corsFor(url));
  }

  play(): void {
    const ctx = howlerContext()?.ctx;
    if (ctx && ctx.state === 'suspended' && this.boosted) void ctx.resume().catch(() => {});
    this.howl?.play();
  }

  pause(): void {
    this.howl?.pause();
  }

  get position(): number {
    const t = this.element?.currentTime ?? 0;
    return Number.isFinite(t) ? t : 0;
  }

  set position(seconds: number) {
    const s = Math.max(0, seconds);
    const el = this.element;
    // Playing: the element moves on its own (Howler's seek would pause and resume around it, and
    // could resume after a pause that came in between). Otherwise Howler keeps the position for
    // its next play, and applies it once the file has loaded.
    if (el && this.howl?.playing() && el.readyState >= 1) el.currentTime = s;
    else this.howl?.seek(s);
  }

  get duration(): number {
    const d = this.element?.duration ?? 0;
    return Number.isFinite(d) && d > 0 ? d : 0;
  }

  get ready(): boolean {
    return (this.element?.readyState ?? 0) >= 3;
  }

  /** `volume` (the user's, 0..1) times `gain` (normalisation, may exceed 1 with Web Audio) times `share` (a fade's). */
  setLevel(volume: number, gain: number, share = 1): void {
    this.volume = volume;
    this.gain = gain;
    this.share = share;
    this.applyLevel();
  }

  /** Howler's fade of this deck's share, from `from` to `to` (0..1) over `ms`. */
  fadeShare(from: number, to: number, ms: number): void {
    const howl = this.howl;
    if (!howl) return;
    const a = this.levels(from);
    const b = this.levels(to);
    this.share = to;
    this.setBoost(b.boost);
    howl.fade(a.element, b.element, Math.max(1, Math.round(ms)));
  }

  /** Stops and lets the stream go (Howler releases the element to its pool). */
  clear(): void {
    this.detach?.();
    this.detach = null;
    this.howl?.unload();
    this.howl = null;
    this.trackId = null;
  }

  private levels(share: number) {
    return splitLevel(this.volume, this.gain, share, this.boosted);
  }

  private applyLevel(): void {
    const l = this.levels(this.share);
    this.setBoost(l.boost);
    this.howl?.volume(l.element);
  }

  private setBoost(boost: number): void {
    const el = this.element;
    const node = el ? boosts.get(el) : undefined;
    if (node) node.gain.value = boost;
  }

  private open(cors: boolean): void {
    this.cors = cors;
    const howl = createHowl({ src: [this.url], html5: true, format: [this.format], preload: true }, cors);
    this.howl = howl;
    const mine = () => this.howl === howl;
    let announced = false;
    howl.on('play', () => {
      if (!mine()) return;
      announced = true;
      this.events.playing?.();
    });
    howl.on('pause', () => {
      if (mine()) this.events.paused?.();
    });
    howl.on('end', () => {
      if (mine()) this.events.ended?.();
    });
    howl.on('loaderror', (_id, detail) => {
      if (!mine()) return;
      if (this.retryWithoutCors()) return;
      this.events.error?.(false, String(detail));
    });
    howl.on('playerror', (_id, detail) => {
      if (!mine()) return;
      // A file that cannot be read fails its load too (handled above); otherwise the browser refused to start.
      if (this.element?.error) return;
      if (!announced) this.events.error?.(true, String(detail));
    });
    const el = this.element;
    if (el) {
      const onDuration = () => {
        if (mine() && this.duration > 0) this.events.duration?.(this.duration);
      };
      // The file answered (with CORS when asked): route it now, before Howler starts it on 'canplaythrough'.
      const onMetadata = () => {
        if (!mine()) return;
        if (this.cors) this.rememberCors(true);
        this.route();
        this.applyLevel();
      };
      el.addEventListener('durationchange', onDuration);
      el.addEventListener('loadedmetadata', onMetadata);
      this.detach = () => {
        el.removeEventListener('durationchange', onDuration);
        el.removeEventListener('loadedmetadata', onMetadata);
      };
    }
    this.applyLevel();
  }

  /** A media origin that did not answer CORS: the element loads it plainly (and Web Audio stays out). */
  private retryWithoutCors(): boolean {
    if (!this.cors || typeof location === 'undefined') return false;
    const origin = new URL(this.url, location.href).origin;
    if (origin === location.origin || corsOrigins.get(origin) === true) return false;
    this.rememberCors(false);
    const wasPlaying =
      this.howl?.playing() || (this.howl as unknown as { _queue?: { event: string }[] })?._queue?.some((q) => q.event === 'play');
    this.detach?.();
    this.howl?.unload();
    this.open(false);
    if (wasPlaying) this.howl?.play();
    return true;
  }

  private rememberCors(ok: boolean): void {
    if (typeof location === 'undefined') return;
    const origin = new URL(this.url, location.href).origin;
    if (origin !== location.origin) corsOrigins.set(origin, ok);
  }

  /** Puts the element through a GainNode in Howler's context, once, where Web Audio runs and may hear it. */
  private route(): void {
    const el = this.element;
    const audio = howlerContext();
    if (!el || !audio || !this.cors || boosts.has(el)) return;
    if (audio.ctx.state === 'suspended') void audio.ctx.resume().catch(() => {});
    if (audio.ctx.state !== 'running') return;
    try {
      const source = audio.ctx.createMediaElementSource(el);
      const gain = audio.ctx.createGain();
      source.connect(gain).connect(audio.output);
      boosts.set(el, gain);
      markRouted(el);
    } catch {
      /* already routed elsewhere, or not allowed: the element's volume does the work */
    }
  }
}
