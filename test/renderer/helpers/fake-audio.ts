/**
 * The one stand-in the renderer tests need: happy-dom's <audio> plays nothing, loads nothing and
 * says it can play no format, so Howler would refuse every track. This element says what
 * Chromium says for our formats, and the test says when the file has loaded, failed or ended;
 * everything above it (the player's decks and the player) is the real code.
 */
export class FakeAudio extends (globalThis.Audio as unknown as typeof HTMLAudioElement) {
  static readonly created: FakeAudio[] = [];

  constructor(src?: string) {
    super();
    FakeAudio.created.push(this);
    if (src) this.src = src;
  }

  /** The element playing (or loading) this URL now; Howler reuses elements, so it is found by its source. */
  static for(url: string): FakeAudio {
    const audio = [...FakeAudio.created].reverse().find((a) => a.getAttribute('src') === url);
    if (!audio) throw new Error(`no audio element is loading ${url}`);
    return audio;
  }

  override canPlayType(): CanPlayTypeResult {
    return 'probably';
  }

  /** As in Chromium, (re)loading forgets the last file: nothing buffered, no error, not ended. */
  override load(): void {
    for (const [key, value] of [
      ['readyState', 0],
      ['error', null],
      ['ended', false],
    ] as const)
      Object.defineProperty(this, key, { value, configurable: true });
  }

  /** As in Chromium: 'play' at once, 'playing' only once there is data to play. */
  override play(): Promise<void> {
    Object.defineProperty(this, 'paused', { value: false, configurable: true });
    this.dispatchEvent(new Event('play'));
    if (this.readyState >= 3) this.dispatchEvent(new Event('playing'));
    return Promise.resolve();
  }

  override pause(): void {
    const was = this.paused;
    Object.defineProperty(this, 'paused', { value: true, configurable: true });
    if (!was) this.dispatchEvent(new Event('pause'));
  }

  /** The file arrived: its length is known and enough of it is buffered to play through. */
  loaded(durationSec = 180): void {
    Object.defineProperty(this, 'readyState', { value: 4, configurable: true });
    Object.defineProperty(this, 'duration', { value: durationSec, configurable: true });
    this.dispatchEvent(new Event('loadedmetadata'));
    this.dispatchEvent(new Event('durationchange'));
    this.dispatchEvent(new Event('canplaythrough'));
    if (!this.paused) this.dispatchEvent(new Event('playing'));
  }

  /** The file could not be fetched or decoded (MEDIA_ERR_SRC_NOT_SUPPORTED, as for a 404). */
  failed(): void {
    Object.defineProperty(this, 'error', { value: { code: 4, message: 'not found' }, configurable: true });
    this.dispatchEvent(new Event('error'));
  }

  /** Playback reached the end of the file: as in Chromium, the element is ended and paused, then says 'ended'. */
  playedToEnd(): void {
    Object.defineProperty(this, 'ended', { value: true, configurable: true });
    this.pause();
    this.dispatchEvent(new Event('ended'));
    Object.defineProperty(this, 'ended', { value: false, configurable: true });
  }
}
