/**
 * The music player: one Howl at a time over HTML5 audio (streams with Range, so long tracks start
 * at once), a playlist with a current entry, and an optional "Up next" list that a new mood
 * queues without cutting the song that is playing.
 */
import { Howl, Howler } from 'howler';
import { IMPORT_EXTENSIONS, type AppError, type Emotion, type ListenEvent, type Track } from '../../shared/contract';

export type PlayerStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'stopped';

export interface UpNext {
  emotion: Emotion;
  tracks: Track[];
}

export interface PlayerDeps {
  mediaUrl(trackId: string): string;
  onError(error: AppError): void;
  /** The user moved the volume slider (persisted by the caller). */
  onVolumeCommit(volume: number): void;
  /** The last entry ended with nothing queued: the caller may append more tracks. */
  onListEnd(): Promise<boolean>;
  /**
   * Whether the app can be reached now (serve mode: the server may be down). A track that fails
   * to load while it cannot is not the file's fault: the player waits instead of skipping.
   */
  reachable?(): Promise<boolean>;
  /** What the listener did with a track (mood fit learns from it; the timeline records plays). */
  onListen?(track: Track, event: ListenEvent): void;
}

/** A skip this early says "not this one" (issue 15's preference learning). */
const EARLY_SKIP_S = 30;

/** Within this many seconds of a song's start, "previous" goes to the previous track. */
const RESTART_THRESHOLD_S = 3;
const TICK_MS = 250;

// Howler "clears" an HTML5 node by pointing it at a data: WAV, which the page's CSP
// (media-src 'self') refuses and reports. Emptying the source releases the stream just as well.
(Howl.prototype as unknown as { _clearSound(node: HTMLAudioElement): void })._clearSound = (node) => {
  node.removeAttribute('src');
  node.load();
};

export class Player {
  playlist = $state.raw<Track[]>([]);
  /** The mood the playlist was made for. */
  playlistMood = $state<Emotion | null>(null);
  index = $state(-1);
  status = $state<PlayerStatus>('idle');
  position = $state(0);
  duration = $state(0);
  volume = $state(0.8);
  upNext = $state.raw<UpNext | null>(null);

  current = $derived(this.index >= 0 && this.index < this.playlist.length ? this.playlist[this.index] : null);
  /** A song is under way (playing, paused or starting): a new mood must not cut it. */
  inSong = $derived(this.status === 'playing' || this.status === 'paused' || this.status === 'loading');

  private howl: Howl | null = null;
  private howlTrackId: string | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** Tracks that failed in a row; stops the skipping when the whole list is unplayable. */
  private failures = 0;

  constructor(private readonly deps: PlayerDeps) {}

  setVolume(volume: number, commit = false): void {
    this.volume = Math.max(0, Math.min(1, volume));
    Howler.volume(this.volume);
    if (commit) this.deps.onVolumeCommit(this.volume);
  }

  /** Makes `tracks` the playlist; plays its first entry when `autoplay`. */
  setPlaylist(tracks: Track[], emotion: Emotion | null, autoplay: boolean): void {
    this.unload();
    this.playlist = tracks;
    this.playlistMood = emotion;
    this.upNext = null;
    this.failures = 0;
    this.index = tracks.length > 0 ? 0 : -1;
    this.status = tracks.length > 0 ? 'stopped' : 'idle';
    this.position = 0;
    this.duration = tracks[0]?.durationSec ?? 0;
    if (autoplay && tracks.length > 0) this.startAt(0, true);
  }

  queueUpNext(tracks: Track[], emotion: Emotion): void {
    this.upNext = tracks.length > 0 ? { emotion, tracks } : null;
  }

  clearUpNext(): void {
    this.upNext = null;
  }

  /** Switches to the "Up next" list at once. */
  playNow(): void {
    const next = this.upNext;
    if (next) this.setPlaylist(next.tracks, next.emotion, true);
  }

  play(): void {
    if (this.status === 'playing' || this.status === 'loading') return;
    if (this.howl && this.current && this.howlTrackId === this.current.id) {
      this.howl.play();
      this.status = 'loading';
      return;
    }
    if (this.playlist.length > 0) this.startAt(Math.max(0, this.index), true);
  }

  pause(): void {
    if (!this.howl) return;
    this.howl.pause();
    this.status = 'paused';
    this.syncPosition();
    this.stopTicker();
  }

  togglePlay(): void {
    if (this.status === 'playing' || this.status === 'loading') this.pause();
    else this.play();
  }

  stop(): void {
    this.howl?.stop();
    this.stopTicker();
    this.position = 0;
    this.status = this.playlist.length > 0 ? 'stopped' : 'idle';
  }

  /** Skip: like the song ending, so a queued "Up next" list takes over. */
  next(): void {
    const skipped = this.current;
    if (skipped && this.inSong && this.position < EARLY_SKIP_S) this.deps.onListen?.(skipped, 'early-skip');
    void this.advance();
  }

  previous(): void {
    if (this.position > RESTART_THRESHOLD_S || this.index <= 0) {
      if (this.current && this.position > RESTART_THRESHOLD_S) this.deps.onListen?.(this.current, 'replay');
      this.seek(0);
      return;
    }
    this.startAt(this.index - 1, this.status === 'playing' || this.status === 'loading' || this.status === 'paused');
  }

  seek(seconds: number): void {
    const s = Math.max(0, Math.min(seconds, this.duration || seconds));
    this.position = s;
    if (this.howl && this.howl.state() === 'loaded') this.howl.seek(s);
  }

  playAt(index: number): void {
    if (index >= 0 && index < this.playlist.length) this.startAt(index, true);
  }

  /** Swaps one playlist entry for another track; the playing entry switches to it straight away. */
  replace(index: number, track: Track): void {
    if (index < 0 || index >= this.playlist.length) return;
    this.deps.onListen?.(this.playlist[index], 'replace');
    const list = [...this.playlist];
    list[index] = track;
    this.playlist = list;
    if (index === this.index && this.status !== 'idle') {
      const resume = this.status === 'playing' || this.status === 'loading';
      if (resume) this.startAt(index, true);
      else {
        this.unload();
        this.status = 'stopped';
        this.position = 0;
        this.duration = track.durationSec;
      }
    }
  }

  remove(index: number): void {
    if (index < 0 || index >= this.playlist.length) return;
    const wasCurrent = index === this.index;
    const resume = wasCurrent && (this.status === 'playing' || this.status === 'loading');
    this.playlist = this.playlist.filter((_, i) => i !== index);
    if (index < this.index) this.index -= 1;
    else if (wasCurrent) {
      this.unload();
      if (this.playlist.length === 0) {
        this.index = -1;
        this.status = 'idle';
      } else {
        this.index = Math.min(index, this.playlist.length - 1);
        this.status = 'stopped';
        if (resume) this.startAt(this.index, true);
      }
      this.position = 0;
    }
  }

  /** Plays a track at once: it goes in right after the current entry (the rest of the list stays). */
  playTrack(track: Track): void {
    if (this.playlist.length === 0) {
      this.setPlaylist([track], null, true);
      return;
    }
    const at = Math.max(0, this.index + 1);
    this.playlist = [...this.playlist.slice(0, at), track, ...this.playlist.slice(at)];
    this.startAt(at, true);
  }

  /** Adds a track to the end of the playlist (or makes it the playlist, ready to play). */
  enqueue(track: Track): void {
    if (this.playlist.length === 0) this.setPlaylist([track], null, false);
    else this.append([track]);
  }

  /** Keeps the entries up to the current one and puts `tracks` after it (a fresh mix, mid-song). */
  replaceUpcoming(tracks: Track[]): void {
    this.playlist = [...this.playlist.slice(0, Math.max(0, this.index + 1)), ...tracks];
    this.upNext = null;
  }

  /** Adds tracks to the end of the playlist (used to keep music going when the list runs out). */
  append(tracks: Track[]): void {
    this.playlist = [...this.playlist, ...tracks];
  }

  private startAt(index: number, autoplay: boolean): void {
    const track = this.playlist[index];
    if (!track) return;
    this.waitingForConnection = false;
    this.unload();
    this.index = index;
    this.position = 0;
    this.duration = track.durationSec;
    const ext = IMPORT_EXTENSIONS.find((e) => track.id.toLowerCase().endsWith(`.${e}`));
    const howl = new Howl({
      src: [this.deps.mediaUrl(track.id)],
      html5: true,
      // Howler only uses `format` to decide whether it can play the URL (ours has no extension);
      // the browser goes by the server's Content-Type.
      format: [ext ?? 'opus'],
      preload: true,
    });
    this.howl = howl;
    this.howlTrackId = track.id;
    const mine = () => this.howl === howl;
    howl.on('load', () => {
      if (!mine()) return;
      const d = howl.duration();
      if (Number.isFinite(d) && d > 0) this.duration = d;
    });
    let announced = false;
    howl.on('play', () => {
      if (!mine()) return;
      if (!announced) this.deps.onListen?.(track, 'play');
      announced = true;
      this.failures = 0;
      this.status = 'playing';
      this.startTicker();
    });
    howl.on('pause', () => {
      if (mine() && this.status === 'playing') this.status = 'paused';
    });
    howl.on('end', () => {
      if (!mine()) return;
      this.deps.onListen?.(track, 'finish');
      void this.advance();
    });
    howl.on('loaderror', () => {
      if (mine()) this.fail(track);
    });
    howl.on('playerror', (_id, error) => {
      if (!mine()) return;
      // A blocked autoplay is not a broken file: wait for the user to press play.
      if (String(error).includes('NotAllowedError') || String(error).includes('user didn')) {
        this.status = 'paused';
        this.deps.onError({
          code: 'internal',
          message: 'The browser blocked playback until you interact with the page.',
          hint: 'Press play to start the music.',
        });
        return;
      }
      this.fail(track);
    });
    if (autoplay) {
      this.status = 'loading';
      howl.play();
    } else {
      this.status = 'stopped';
    }
  }

  /** The track that failed while the app could not be reached; played again by resume(). */
  private waitingForConnection = false;

  /** The connection is back: the track that could not load while it was gone starts again. */
  resume(): void {
    if (!this.waitingForConnection) return;
    this.waitingForConnection = false;
    if (this.index >= 0 && this.index < this.playlist.length) this.startAt(this.index, true);
  }

  private fail(track: Track): void {
    const reachable = this.deps.reachable;
    if (!reachable) return this.failFile(track);
    void reachable().then(
      (ok) => {
        if (ok) return this.failFile(track);
        // Not the file: the app is away. Stop here (not "Loading..."), and go on when it is back.
        this.unload();
        this.status = 'stopped';
        this.waitingForConnection = true;
      },
      () => this.failFile(track),
    );
  }

  private failFile(track: Track): void {
    this.deps.onError({
      code: 'track-unreadable',
      message: `Could not play ${track.title}: file missing or unreadable.`,
      hint: 'Remove it or pick another track.',
    });
    this.unload();
    this.failures += 1;
    if (this.failures >= this.playlist.length) {
      this.status = 'stopped';
      this.deps.onError({
        code: 'track-unreadable',
        message: 'None of the tracks in this playlist could be played.',
        hint: 'Check the music folder, or pick another mood.',
      });
      return;
    }
    void this.advance();
  }

  /** Moves on after a song ends or is skipped: Up next first, then the next entry, then more. */
  private async advance(): Promise<void> {
    if (this.upNext) {
      this.playNow();
      return;
    }
    if (this.index + 1 < this.playlist.length) {
      this.startAt(this.index + 1, true);
      return;
    }
    const before = this.playlist.length;
    const grew = await this.deps.onListEnd().catch(() => false);
    if (grew && this.playlist.length > before) {
      this.startAt(before, true);
    } else {
      this.stop();
    }
  }

  private unload(): void {
    this.stopTicker();
    const h = this.howl;
    this.howl = null;
    this.howlTrackId = null;
    if (h) {
      h.off();
      h.unload();
    }
  }

  private syncPosition(): void {
    const h = this.howl;
    if (!h || h.state() !== 'loaded') return;
    const p = h.seek();
    if (typeof p === 'number' && Number.isFinite(p)) this.position = p;
  }

  private startTicker(): void {
    this.stopTicker();
    this.ticker = setInterval(() => this.syncPosition(), TICK_MS);
  }

  private stopTicker(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }
}
