/**
 * One audio element and its level. Two decks let the next song load (and start) before the
 * current one ends: that is what makes gapless playback and crossfades possible. Where the
 * media comes from the page's own origin (serve mode) the element also goes through a Web Audio
 * gain, so normalisation can raise a quiet track; elsewhere (Electron's media protocol is another
 * origin, and Web Audio would only hear silence from it) the element's volume can only lower it.
 */

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  context ??= new AudioContext();
  return context;
}

export interface DeckEvents {
  playing(): void;
  paused(): void;
  ended(): void;
  error(blocked: boolean, detail: string): void;
  duration(seconds: number): void;
}

export class Deck {
  readonly audio: HTMLAudioElement;
  trackId: string | null = null;
  private gain: GainNode | null = null;
  private events: Partial<DeckEvents> = {};

  constructor() {
    this.audio = new Audio();
    this.audio.preload = 'auto';
    this.audio.addEventListener('playing', () => this.events.playing?.());
    this.audio.addEventListener('pause', () => {
      if (!this.audio.ended) this.events.paused?.();
    });
    this.audio.addEventListener('ended', () => this.events.ended?.());
    this.audio.addEventListener('error', () => {
      if (this.audio.getAttribute('src')) this.events.error?.(false, this.audio.error?.message ?? 'media error');
    });
    this.audio.addEventListener('durationchange', () => {
      const d = this.audio.duration;
      if (Number.isFinite(d) && d > 0) this.events.duration?.(d);
    });
  }

  on(events: Partial<DeckEvents>): void {
    this.events = events;
  }

  load(trackId: string, url: string): void {
    this.trackId = trackId;
    this.audio.src = url;
    this.audio.load();
    if (!this.gain && new URL(url, location.href).origin === location.origin) this.routeThroughWebAudio();
  }

  async play(): Promise<void> {
    if (this.gain) void context?.resume();
    try {
      await this.audio.play();
    } catch (e) {
      const name = (e as Error)?.name ?? '';
      // A pause() or a new source before playback began is not an error.
      if (name === 'AbortError') return;
      this.events.error?.(name === 'NotAllowedError', String(e));
    }
  }

  pause(): void {
    this.audio.pause();
  }

  get position(): number {
    const t = this.audio.currentTime;
    return Number.isFinite(t) ? t : 0;
  }

  set position(seconds: number) {
    try {
      this.audio.currentTime = seconds;
    } catch {
      /* not seekable yet: the position applies once loaded */
    }
  }

  get duration(): number {
    const d = this.audio.duration;
    return Number.isFinite(d) ? d : 0;
  }

  /** Enough of the file is in to start at once. */
  get ready(): boolean {
    return this.audio.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA;
  }

  /** `volume` (the user's, 0..1) times `gain` (normalisation and fades, may exceed 1 with Web Audio). */
  setLevel(volume: number, gain: number): void {
    if (this.gain) {
      this.audio.volume = Math.max(0, Math.min(1, volume));
      this.gain.gain.value = gain;
    } else {
      this.audio.volume = Math.max(0, Math.min(1, volume * gain));
    }
  }

  /** Stops and lets go of the stream (an empty source, not a data: URL the CSP would refuse). */
  clear(): void {
    this.trackId = null;
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.audio.load();
  }

  private routeThroughWebAudio(): void {
    const ctx = audioContext();
    if (!ctx) return;
    try {
      const source = ctx.createMediaElementSource(this.audio);
      this.gain = ctx.createGain();
      source.connect(this.gain).connect(ctx.destination);
    } catch {
      this.gain = null;
    }
  }
}
