/**
 * The music player: transport (play, pause, skip, seek) over the queue (queue-state), the deck
 * pair (next song loaded ahead: gapless or crossfaded handovers), the gain policy and the listen
 * count. Components read its state and call its methods.
 * (Longer than our usual files: this is the one state machine of status, handovers and failures;
 * everything that is not, the queue, the decks, the gain and the listen count, lives beside it.)
 */
import type { AppError, Emotion, ListenEvent, RepeatMode, Track } from '../../shared/contract';
import type { Deck } from './deck';
import { DeckPair } from './deck-pair';
import { dbToGain, sameAlbum, trackGainDb } from './gain-policy';
import { ListenCounter, type PlayRecord } from './listens';
import { QueueState, type UpNext } from './queue-state.svelte';

export type { PlayRecord } from './listens';
export type { UpNext } from './queue-state.svelte';
export type PlayerStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'stopped';

export interface PlayerDeps {
  mediaUrl(trackId: string): string;
  onError(error: AppError): void;
  /** The user moved the volume slider (persisted by the caller). */
  onVolumeCommit(volume: number): void;
  /** The last entry ended with nothing queued: the caller may append more tracks. */
  onListEnd(): Promise<boolean>;
  /**
   * A song stopped being the current one after playing: its one record (the history keeps it, and
   * mood fit learns from it whether it was heard out or skipped).
   */
  onPlayed?(record: PlayRecord): void;
  /** Shuffle or repeat changed (persisted by the caller). */
  onModeCommit?(patch: { shuffle?: boolean; repeat?: RepeatMode }): void;
  /**
   * Whether the app can be reached now (serve mode: the server may be down). A track that fails
   * to load while it cannot is not the file's fault: the player waits instead of skipping.
   */
  reachable?(): Promise<boolean>;
  /** A reaction while a song is current (a start, a replay, a replacement), for mood fit and the timeline. */
  onListen?(track: Track, event: Exclude<ListenEvent, 'finish' | 'early-skip'>): void;
  /** The "Up next" list is about to become the queue (asked for, or the song before it ended). */
  onUpNextPlayed?(): void;
  /** The user put a track in the queue by hand (from the library, or replacing a row): no mood picked it. */
  onPickedByHand?(track: Track): void;
}

/** Within this many seconds of a song's start, "previous" goes to the previous track. */
const RESTART_THRESHOLD_S = 3;
const TICK_MS = 250;
/** The next song starts loading this long before the current one ends. */
const PRELOAD_S = 20;

export class Player {
  readonly queue = new QueueState();
  status = $state<PlayerStatus>('idle');
  position = $state(0);
  duration = $state(0);
  volume = $state(0.8);
  /** Play every track at the same loudness (on by default; a setting turns it off). */
  normalize = $state(true);
  /** Crossfade length in seconds; 0 = off (then same-album tracks play gapless). */
  crossfadeSec = $state(0);
  /** A song is under way (playing, paused or starting): a new mood must not cut it. */
  inSong = $derived(this.status === 'playing' || this.status === 'paused' || this.status === 'loading');

  private readonly decks: DeckPair;
  private readonly listens = new ListenCounter();
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** Tracks that failed in a row; stops the skipping when the whole list is unplayable. */
  private failures = 0;
  /** A position to seek to once the current track loads (session restore, seeking before load). */
  private pendingSeek: number | null = null;
  /** The track that failed while the app could not be reached; played again by resume(). */
  private waitingForConnection = false;
  /** What the last Clear emptied (for its undo). */
  private cleared = $state.raw<{ tracks: Track[]; index: number; position: number; mood: Emotion | null; upNext: UpNext | null } | null>(
    null,
  );

  constructor(private readonly deps: PlayerDeps) {
    this.decks = new DeckPair({ mediaUrl: (id) => deps.mediaUrl(id) });
  }

  // ---- the queue, as the components see it ---------------------------------------------------

  get playlist(): Track[] {
    return this.queue.playlist;
  }
  get playlistMood(): Emotion | null {
    return this.queue.playlistMood;
  }
  get index(): number {
    return this.queue.index;
  }
  get upNext(): UpNext | null {
    return this.queue.upNext;
  }
  get shuffle(): boolean {
    return this.queue.shuffle;
  }
  get repeat(): RepeatMode {
    return this.queue.repeat;
  }
  get current(): Track | null {
    return this.queue.current;
  }

  // ---- volume and modes ---------------------------------------------------------------------

  setVolume(volume: number, commit = false): void {
    this.volume = Math.max(0, Math.min(1, volume));
    this.applyLevel();
    if (commit) this.deps.onVolumeCommit(this.volume);
  }

  setShuffle(on: boolean, commit = true): void {
    this.queue.setShuffle(on);
    this.decks.dropPreload();
    if (commit) this.deps.onModeCommit?.({ shuffle: on });
  }

  setRepeat(mode: RepeatMode, commit = true): void {
    this.queue.repeat = mode;
    this.decks.dropPreload();
    if (commit) this.deps.onModeCommit?.({ repeat: mode });
  }

  /** off -> all -> one -> off */
  cycleRepeat(): void {
    this.setRepeat(this.repeat === 'off' ? 'all' : this.repeat === 'all' ? 'one' : 'off');
  }

  setNormalize(on: boolean): void {
    this.normalize = on;
    this.applyLevel();
  }

  setCrossfade(seconds: number): void {
    this.crossfadeSec = Math.max(0, Math.min(12, seconds));
  }

  // ---- the queue ----------------------------------------------------------------------------

  /** Makes `tracks` the playlist; plays its first entry when `autoplay`. */
  setPlaylist(tracks: Track[], emotion: Emotion | null, autoplay: boolean, source = emotion ? `mood: ${emotion}` : 'library'): void {
    this.leaveCurrent(false);
    this.unloadAll();
    this.queue.reset(tracks, emotion, source);
    this.failures = 0;
    this.status = this.playlist.length > 0 ? 'stopped' : 'idle';
    this.position = 0;
    this.duration = this.current?.durationSec ?? 0;
    if (autoplay && this.playlist.length > 0) this.startAt(this.index, true);
  }

  /** Brings back a saved session: the queue and the current track at its position, paused. */
  restore(tracks: Track[], index: number, positionSec: number, emotion: Emotion | null): void {
    this.setPlaylist(tracks, emotion, false, 'restored session');
    if (index < 0 || index >= this.playlist.length) return;
    this.queue.index = index;
    this.duration = this.playlist[index].durationSec;
    // A length not known yet (a track whose tags lack it) does not cut the position to 0.
    this.position = Math.max(0, Math.min(positionSec, this.duration || positionSec));
    this.queue.reshuffleFrom(this.playlist[index].id);
    this.load(index);
    this.pendingSeek = this.position;
    this.status = 'paused';
  }

  queueUpNext(tracks: Track[], emotion: Emotion): void {
    this.queue.upNext = tracks.length > 0 ? { emotion, tracks } : null;
  }

  clearUpNext(): void {
    this.queue.upNext = null;
  }

  /** Switches to the "Up next" list at once. */
  playNow(): void {
    const next = this.upNext;
    if (!next) return;
    this.deps.onUpNextPlayed?.();
    this.setPlaylist(next.tracks, next.emotion, true);
  }

  playAt(index: number): void {
    if (index >= 0 && index < this.playlist.length) this.startAt(index, true);
  }

  /** Swaps one playlist entry for another track; the playing entry switches to it straight away. */
  replace(index: number, track: Track): void {
    if (index < 0 || index >= this.playlist.length) return;
    const old = this.playlist[index];
    if (!this.queue.replace(index, track)) return;
    if (old.id !== track.id) this.deps.onPickedByHand?.(track);
    this.deps.onListen?.(old, 'replace');
    this.decks.dropPreload();
    if (index === this.index && this.status !== 'idle') {
      if (this.status === 'playing' || this.status === 'loading') this.startAt(index, true);
      else this.settleOn(index);
    }
  }

  remove(index: number): void {
    if (index < 0 || index >= this.playlist.length) return;
    const wasCurrent = index === this.index;
    const resume = wasCurrent && (this.status === 'playing' || this.status === 'loading');
    if (wasCurrent) this.leaveCurrent(false);
    this.queue.removeAt(index);
    this.decks.dropPreload();
    if (!wasCurrent) return;
    if (this.playlist.length === 0) {
      this.unloadAll();
      this.queue.index = -1;
      this.status = 'idle';
      this.position = 0;
      return;
    }
    const next = Math.min(index, this.playlist.length - 1);
    if (resume) this.startAt(next, true);
    else this.settleOn(next);
  }

  /** Tracks gone from the library leave the queue and Up next; the song under way plays on. */
  forget(ids: readonly string[]): void {
    for (let i = this.playlist.length - 1; i >= 0; i--) {
      if (ids.includes(this.playlist[i].id) && !(i === this.index && this.inSong)) this.remove(i);
    }
    const next = this.upNext;
    const kept = next?.tracks.filter((t) => !ids.includes(t.id));
    if (next && kept && kept.length < next.tracks.length) this.queueUpNext(kept, next.emotion);
  }

  /** Moves an entry (drag and drop, Alt+arrow keys); the playing song keeps playing. */
  move(from: number, to: number): void {
    this.queue.move(from, to);
    this.decks.dropPreload();
  }

  /** Empties the queue and stops; undoClear() brings it back (paused where it was). */
  clear(): void {
    if (this.playlist.length === 0) return;
    this.cleared = { tracks: this.playlist, index: this.index, position: this.position, mood: this.playlistMood, upNext: this.upNext };
    this.setPlaylist([], null, false);
  }

  /** The queue a Clear emptied, while nothing else was queued since. */
  get canUndoClear(): boolean {
    return this.cleared !== null && this.playlist.length === 0;
  }

  undoClear(): void {
    const c = this.cleared;
    if (!c || this.playlist.length > 0) return;
    this.cleared = null;
    this.restore(c.tracks, c.index, c.position, c.mood);
    this.queue.upNext = c.upNext;
  }

  /** Plays a track at once: a track already queued is jumped to; otherwise it goes in after the current entry. */
  playTrack(track: Track, source = 'library'): void {
    const at = this.playlist.findIndex((t) => t.id === track.id);
    if (at >= 0) return this.startAt(at, true);
    this.deps.onPickedByHand?.(track);
    if (this.playlist.length === 0) return this.setPlaylist([track], null, true, source);
    this.queue.insert(track, this.index + 1, source);
    this.decks.dropPreload();
    this.startAt(this.index + 1, true);
  }

  /** "Play next": right after the current entry (moved there when already queued). */
  playNext(track: Track, source = 'library'): void {
    const at = this.playlist.findIndex((t) => t.id === track.id);
    if (at < 0) this.deps.onPickedByHand?.(track);
    if (this.playlist.length === 0) return this.setPlaylist([track], null, false, source);
    if (at === this.index) return;
    this.queue.putNext(track, source);
    this.decks.dropPreload();
  }

  /** "Add to queue": to the end of the playlist (or makes it the playlist, ready to play). */
  enqueue(track: Track, source = 'library'): void {
    if (!this.playlist.some((t) => t.id === track.id)) this.deps.onPickedByHand?.(track);
    if (this.playlist.length === 0) this.setPlaylist([track], null, false, source);
    else this.append([track], source);
  }

  /** Keeps the entries up to the current one and puts `tracks` after it (a fresh mix, mid-song). */
  replaceUpcoming(tracks: Track[]): void {
    this.queue.replaceUpcoming(tracks);
    this.decks.dropPreload();
  }

  /** Adds tracks to the end of the playlist (used to keep music going when the list runs out). */
  append(tracks: Track[], source = this.queue.defaultSource()): void {
    this.queue.append(tracks, source);
    this.decks.dropPreload();
  }

  // ---- transport ----------------------------------------------------------------------------

  play(): void {
    if (this.status === 'playing' || this.status === 'loading') return;
    const deck = this.decks.current;
    if (deck && this.current && deck.trackId === this.current.id) {
      this.status = 'loading';
      this.listens.start(this.position);
      deck.play();
      return;
    }
    if (this.playlist.length > 0) this.startAt(Math.max(0, this.index), true);
  }

  pause(): void {
    const deck = this.decks.current;
    if (!deck || !deck.trackId) return;
    this.endFade();
    deck.pause();
    this.status = 'paused';
    this.syncPosition();
    this.stopTicker();
  }

  togglePlay(): void {
    if (this.status === 'playing' || this.status === 'loading') this.pause();
    else this.play();
  }

  stop(): void {
    this.leaveCurrent(false);
    this.endFade();
    const deck = this.decks.current;
    if (deck) {
      deck.pause();
      deck.position = 0;
    }
    this.stopTicker();
    this.position = 0;
    this.status = this.playlist.length > 0 ? 'stopped' : 'idle';
  }

  /** Skip: like the song ending, so a queued "Up next" list takes over. */
  next(): void {
    void this.advance(false);
  }

  previous(): void {
    const prev = this.queue.previous();
    if (this.position > RESTART_THRESHOLD_S || prev < 0) {
      if (this.current && this.position > RESTART_THRESHOLD_S) this.deps.onListen?.(this.current, 'replay');
      this.seek(0);
      return;
    }
    this.startAt(prev, this.inSong);
  }

  seek(seconds: number): void {
    const s = Math.max(0, Math.min(seconds, this.duration || seconds));
    this.position = s;
    this.listens.jumped(s);
    const deck = this.decks.current;
    if (deck?.trackId && deck.duration > 0) deck.position = s;
    else this.pendingSeek = s;
    // A seek back before a scheduled handover cancels it; the ticker schedules it again.
    this.decks.cancelGapless();
  }

  /** The connection is back: the track that could not load while it was gone starts again. */
  resume(): void {
    if (!this.waitingForConnection) return;
    this.waitingForConnection = false;
    if (this.index >= 0 && this.index < this.playlist.length) this.startAt(this.index, true);
  }

  /** The song under way as the history would record it if it stopped now (null: nothing heard yet). */
  inProgress(): PlayRecord | null {
    const track = this.current;
    if (!track) return null;
    this.syncPosition();
    return this.listens.peek(track, this.about(track));
  }

  // ---- internals ----------------------------------------------------------------------------

  /** The gain of a track: toward the reference loudness, from its ReplayGain tag or our analysis. */
  private trackGain(track: Track | null): number {
    const i = track ? this.playlist.indexOf(track) : -1;
    const around = { previous: this.playlist[i - 1], next: this.playlist[i + 1] };
    return dbToGain(trackGainDb(track, { normalize: this.normalize, inOrder: !this.queue.order, ...around }));
  }

  private applyLevel(): void {
    if (!this.decks.fading) this.decks.current?.setLevel(this.volume, this.trackGain(this.current));
  }

  private about(track: Track) {
    return { mood: this.playlistMood, source: this.queue.sourceOf(track.id) };
  }

  /** The entry at `index` becomes current, stopped at its start. */
  private settleOn(index: number): void {
    this.unloadAll();
    this.queue.index = index;
    this.status = 'stopped';
    this.position = 0;
    this.duration = this.playlist[index].durationSec;
  }

  /** Loads queue entry `index` onto the current deck (the spare one when it already holds it). */
  private load(index: number): Deck {
    const track = this.playlist[index];
    const deck = this.decks.load(track);
    this.wire(deck, track);
    // Taken from the spare deck, it knows its length already (it said so before it was wired).
    if (deck.duration > 0) this.duration = deck.duration;
    deck.setLevel(this.volume, this.trackGain(track));
    return deck;
  }

  private wire(deck: Deck, track: Track): void {
    const mine = () => this.decks.current === deck && deck.trackId === track.id;
    let announced = false;
    deck.on({
      duration: (d) => {
        if (!mine()) return;
        this.duration = d;
        if (this.pendingSeek !== null) {
          deck.position = this.pendingSeek;
          this.pendingSeek = null;
        }
      },
      playing: () => {
        if (!mine()) return;
        if (!announced) this.deps.onListen?.(track, 'play');
        announced = true;
        this.failures = 0;
        this.status = 'playing';
        this.startTicker();
      },
      paused: () => {
        if (mine() && this.status === 'playing') this.status = 'paused';
      },
      ended: () => {
        if (mine()) void this.advance(true);
      },
      error: (blocked) => {
        if (!mine()) return;
        // A blocked autoplay is not a broken file: wait for the user to press play.
        if (!blocked) return this.fail(track);
        this.status = 'paused';
        this.deps.onError({
          code: 'internal',
          message: 'The browser blocked playback until you interact with the page.',
          hint: 'Press play to start the music.',
        });
      },
    });
  }

  private startAt(index: number, autoplay: boolean): void {
    const track = this.playlist[index];
    if (!track) return;
    this.leaveCurrent(false);
    this.endFade();
    this.decks.cancelGapless();
    this.stopTicker();
    this.queue.index = index;
    this.position = 0;
    this.pendingSeek = null;
    this.duration = track.durationSec;
    const deck = this.load(index);
    deck.position = 0;
    if (!autoplay) {
      this.status = 'stopped';
      return;
    }
    this.status = 'loading';
    this.listens.restart(0);
    deck.play();
  }

  private fail(track: Track): void {
    const reachable = this.deps.reachable;
    if (!reachable) return this.failFile(track);
    void reachable().then(
      (ok) => {
        if (ok) return this.failFile(track);
        // Not the file: the app is away. Stop here (not "Loading..."), and go on when it is back.
        this.listens.drop();
        this.unloadAll();
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
    this.listens.drop();
    this.unloadAll();
    this.failures += 1;
    if (this.failures < this.playlist.length) return void this.advance(false);
    this.status = 'stopped';
    this.deps.onError({
      code: 'track-unreadable',
      message: 'None of the tracks in this playlist could be played.',
      hint: 'Check the music folder, or pick another mood.',
    });
  }

  /** Moves on after a song ends or is skipped: Up next first, then the queue's next entry, then more. */
  private async advance(ended: boolean): Promise<void> {
    this.leaveCurrent(ended);
    if (this.upNext) return this.playNow();
    const step = this.queue.step(ended);
    if (step.index >= 0) return this.startAt(step.wrapped && this.queue.order ? this.queue.restartIndex() : step.index, true);
    const before = this.playlist.length;
    const more = await this.deps.onListEnd().catch(() => false);
    if (more && this.playlist.length > before) this.startAt(this.queue.nextAfterGrowth(before), true);
    // Only repeats were left (a small library): the list starts over rather than going quiet.
    else if (more && this.playlist.length > 0) this.startAt(this.queue.restartIndex(), true);
    else this.stop();
  }

  /** Sends the current song's one record, once. `reachedEnd`: it played to its end (also by a handover). */
  private leaveCurrent(reachedEnd: boolean): void {
    const track = this.current;
    if (!track || !this.listens.active) return;
    this.listens.advance(this.position);
    const record = this.listens.finish(track, this.duration, reachedEnd, this.about(track));
    if (record) this.deps.onPlayed?.(record);
  }

  private syncPosition(): void {
    const deck = this.decks.current;
    if (!deck?.trackId) return;
    this.position = deck.position;
    this.listens.advance(this.position);
  }

  /** Every tick: the clock, loading the next song ahead, and starting a crossfade or a gapless handover. */
  private tick(): void {
    this.syncPosition();
    const deck = this.decks.current;
    if (!deck || this.status !== 'playing' || this.decks.fading) return;
    const remaining = (deck.duration || this.duration) - this.position;
    const next = this.queue.upcoming();
    if (next < 0 || next === this.index) return;
    const track = this.playlist[next];
    if (remaining < PRELOAD_S + this.crossfadeSec) this.decks.preload(track, this.volume, this.trackGain(track));
    if (!this.decks.holds(track)) return;
    if (this.crossfadeSec > 0 && remaining <= this.crossfadeSec && remaining > 0.2) {
      const outGain = this.trackGain(this.current);
      this.handOver(next, (gain) => this.decks.crossfade(remaining, this.volume, outGain, gain, (d) => this.wire(d, track)));
    } else if (this.crossfadeSec === 0 && sameAlbum(this.current, track) && remaining < 1 && !this.decks.gaplessPending) {
      const still = () => this.status === 'playing' && this.queue.upcoming() === next;
      this.decks.scheduleGapless(track, remaining, still, () =>
        this.handOver(next, (gain) => this.wire(this.decks.switchToSpare(this.volume, gain), track)),
      );
    }
  }

  /** The next entry takes over from the spare deck (`start` switches the decks): the song before reached its end. */
  private handOver(index: number, start: (gain: number) => void): void {
    const track = this.playlist[index];
    this.leaveCurrent(true);
    this.queue.index = index;
    this.position = 0;
    start(this.trackGain(track));
    // The spare deck may know the real length already (it loaded ahead, before it was wired).
    this.duration = this.decks.current?.duration || track.durationSec;
    this.listens.restart(0);
  }

  private endFade(): void {
    // Finished or cut short (pause, skip): the current deck goes to its full level either way.
    if (this.decks.endFade()) this.applyLevel();
  }

  private unloadAll(): void {
    this.stopTicker();
    this.listens.drop();
    this.decks.unload();
  }

  private startTicker(): void {
    this.stopTicker();
    this.ticker = setInterval(() => this.tick(), TICK_MS);
  }

  private stopTicker(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }
}
