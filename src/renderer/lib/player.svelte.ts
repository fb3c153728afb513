/**
 * The music player: the queue (the playlist, reorderable, shuffle and repeat), an optional
 * "Up next" list that a new mood queues without cutting the song that is playing, and two
 * audio decks so the next song is loaded before the current one ends: same-album tracks follow
 * each other without a gap, and a crossfade (equal power) blends any two when it is set.
 * Each track plays at a gain toward the same loudness (the analysis' or its ReplayGain tag's).
 */
import type { AppError, Emotion, ListenEvent, RepeatMode, Track } from '../../shared/contract';
import { Deck } from './player/deck';
import { dbToGain, equalPower, sameAlbum, trackGainDb } from './player/gain-policy';
import { moveEntry, nextStep, previousIndex, shuffleOrder, syncOrder } from './player/queue';

export type PlayerStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'stopped';

export interface UpNext {
  emotion: Emotion;
  tracks: Track[];
}

/** How a song left the player: for the history. */
export interface PlayRecord {
  track: Track;
  startedAt: number;
  playedSec: number;
  skipped: boolean;
  mood: Emotion | null;
  source: string;
}

export interface PlayerDeps {
  mediaUrl(trackId: string): string;
  onError(error: AppError): void;
  /** The user moved the volume slider (persisted by the caller). */
  onVolumeCommit(volume: number): void;
  /** The last entry ended with nothing queued: the caller may append more tracks. */
  onListEnd(): Promise<boolean>;
  /** A song stopped being the current one after playing (for the history). */
  onPlayed?(record: PlayRecord): void;
  /** Shuffle or repeat changed (persisted by the caller). */
  onModeCommit?(patch: { shuffle?: boolean; repeat?: RepeatMode }): void;
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
/** The next song starts loading this long before the current one ends. */
const PRELOAD_S = 20;
/** Gapless: how early the next element is told to play, for the time Chromium takes to start it. */
const GAPLESS_LEAD_MS = 8;
/** A crossfade is this many Howler fades in a row, each linear: together they follow the equal-power curves. */
const FADE_SEGMENTS = 8;
/** A song played for less than this share of its length (and not to its end) counts as skipped. */
const SKIP_SHARE = 0.9;

interface Playing {
  startedAt: number;
  /** Seconds actually listened (position jumps by seeking are not counted). */
  playedSec: number;
  lastPosition: number;
}

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
  shuffle = $state(false);
  repeat = $state<RepeatMode>('off');
  /** Play every track at the same loudness (on by default; a setting turns it off). */
  normalize = $state(true);
  /** Crossfade length in seconds; 0 = off (then same-album tracks play gapless). */
  crossfadeSec = $state(0);

  current = $derived(this.index >= 0 && this.index < this.playlist.length ? this.playlist[this.index] : null);
  /** A song is under way (playing, paused or starting): a new mood must not cut it. */
  inSong = $derived(this.status === 'playing' || this.status === 'paused' || this.status === 'loading');

  /** Why each queued track is there ("mood", "library", "playlist: Name"), for the history. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping for the history, never rendered
  private readonly sources = new Map<string, string>();
  private order: string[] | null = null;
  private decks: [Deck, Deck] | null = null;
  private active = 0;
  /** The spare deck holds this queue entry, loaded ahead. */
  private preloaded: { trackId: string } | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private gaplessTimer: ReturnType<typeof setTimeout> | null = null;
  private fade: { timer: ReturnType<typeof setTimeout>; outgoing: Deck } | null = null;
  private playing: Playing | null = null;
  /** Tracks that failed in a row; stops the skipping when the whole list is unplayable. */
  private failures = 0;
  /** A position to seek to once the current track loads (session restore, seeking before load). */
  private pendingSeek: number | null = null;
  /** The deck a gapless handover left, still playing its last milliseconds. */
  private finishing: Deck | null = null;

  constructor(private readonly deps: PlayerDeps) {}

  // ---- volume and modes ---------------------------------------------------------------------

  setVolume(volume: number, commit = false): void {
    this.volume = Math.max(0, Math.min(1, volume));
    this.applyLevels();
    if (commit) this.deps.onVolumeCommit(this.volume);
  }

  setShuffle(on: boolean, commit = true): void {
    this.shuffle = on;
    this.order = on ? shuffleOrder(this.ids(), this.current?.id ?? null) : null;
    this.dropPreload();
    if (commit) this.deps.onModeCommit?.({ shuffle: on });
  }

  setRepeat(mode: RepeatMode, commit = true): void {
    this.repeat = mode;
    this.dropPreload();
    if (commit) this.deps.onModeCommit?.({ repeat: mode });
  }

  /** off -> all -> one -> off */
  cycleRepeat(): void {
    this.setRepeat(this.repeat === 'off' ? 'all' : this.repeat === 'all' ? 'one' : 'off');
  }

  setNormalize(on: boolean): void {
    this.normalize = on;
    this.applyLevels();
  }

  setCrossfade(seconds: number): void {
    this.crossfadeSec = Math.max(0, Math.min(12, seconds));
  }

  // ---- the queue ----------------------------------------------------------------------------

  /** Makes `tracks` the playlist; plays its first entry when `autoplay`. */
  setPlaylist(tracks: Track[], emotion: Emotion | null, autoplay: boolean, source = emotion ? `mood: ${emotion}` : 'library'): void {
    this.leaveCurrent(true);
    this.unloadAll();
    this.playlist = dedupe(tracks);
    this.playlistMood = emotion;
    this.sources.clear();
    for (const t of this.playlist) this.sources.set(t.id, source);
    this.upNext = null;
    this.failures = 0;
    this.order = this.shuffle ? shuffleOrder(this.ids(), null) : null;
    const first = this.order ? this.ids().indexOf(this.order[0]) : 0;
    this.index = this.playlist.length > 0 ? first : -1;
    this.status = this.playlist.length > 0 ? 'stopped' : 'idle';
    this.position = 0;
    this.duration = this.current?.durationSec ?? 0;
    if (autoplay && this.playlist.length > 0) this.startAt(this.index, true);
  }

  /** Brings back a saved session: the queue and the current track at its position, paused. */
  restore(tracks: Track[], index: number, positionSec: number, emotion: Emotion | null): void {
    this.setPlaylist(tracks, emotion, false, 'restored session');
    if (index < 0 || index >= this.playlist.length) return;
    this.index = index;
    this.duration = this.playlist[index].durationSec;
    // A length not known yet (a track whose tags lack it) does not cut the position to 0.
    this.position = Math.max(0, Math.min(positionSec, this.duration || positionSec));
    if (this.shuffle) this.order = shuffleOrder(this.ids(), this.playlist[index].id);
    this.load(index);
    this.pendingSeek = this.position;
    this.status = 'paused';
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

  playAt(index: number): void {
    if (index >= 0 && index < this.playlist.length) this.startAt(index, true);
  }

  /** Swaps one playlist entry for another track; the playing entry switches to it straight away. */
  replace(index: number, track: Track): void {
    if (index < 0 || index >= this.playlist.length) return;
    const existing = this.playlist.findIndex((t) => t.id === track.id);
    if (existing >= 0 && existing !== index) return;
    this.deps.onListen?.(this.playlist[index], 'replace');
    const list = [...this.playlist];
    const old = list[index];
    list[index] = track;
    this.setList(list);
    this.sources.set(track.id, this.sources.get(old.id) ?? 'library');
    if (index === this.index && this.status !== 'idle') {
      const resume = this.status === 'playing' || this.status === 'loading';
      if (resume) this.startAt(index, true);
      else {
        this.unloadAll();
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
    if (wasCurrent) this.leaveCurrent(true);
    const list = this.playlist.filter((_, i) => i !== index);
    if (index < this.index) this.index -= 1;
    this.setList(list);
    if (wasCurrent) {
      this.unloadAll();
      if (this.playlist.length === 0) {
        this.index = -1;
        this.status = 'idle';
      } else {
        this.index = Math.min(index, this.playlist.length - 1);
        this.status = 'stopped';
        this.duration = this.playlist[this.index].durationSec;
        if (resume) this.startAt(this.index, true);
      }
      this.position = 0;
    }
  }

  /** Moves an entry (drag and drop, Alt+arrow keys); the playing song keeps playing. */
  move(from: number, to: number): void {
    const r = moveEntry(this.playlist, from, to, this.index);
    this.index = r.current;
    this.setList(r.list);
  }

  /** Empties the queue and stops. */
  clear(): void {
    this.leaveCurrent(true);
    this.unloadAll();
    this.setList([]);
    this.upNext = null;
    this.index = -1;
    this.status = 'idle';
    this.position = 0;
    this.duration = 0;
  }

  /** Plays a track at once: a track already queued is jumped to; otherwise it goes in after the current entry. */
  playTrack(track: Track, source = 'library'): void {
    const at = this.playlist.findIndex((t) => t.id === track.id);
    if (at >= 0) {
      this.startAt(at, true);
      return;
    }
    if (this.playlist.length === 0) {
      this.setPlaylist([track], null, true, source);
      return;
    }
    this.insert(track, this.index + 1, source);
    this.startAt(this.index + 1, true);
  }

  /** "Play next": right after the current entry (moved there when already queued). */
  playNext(track: Track, source = 'library'): void {
    if (this.playlist.length === 0) {
      this.setPlaylist([track], null, false, source);
      return;
    }
    const at = this.playlist.findIndex((t) => t.id === track.id);
    if (at === this.index) return;
    if (at >= 0) this.move(at, at < this.index ? this.index : this.index + 1);
    else this.insert(track, this.index + 1, source);
    if (this.order && this.current) {
      // Shuffling: "next" means next, so it goes right after the current one in the play order too.
      const order = this.order.filter((id) => id !== track.id);
      order.splice(order.indexOf(this.current.id) + 1, 0, track.id);
      this.order = order;
    }
    this.dropPreload();
  }

  /** "Add to queue": to the end of the playlist (or makes it the playlist, ready to play). */
  enqueue(track: Track, source = 'library'): void {
    if (this.playlist.length === 0) this.setPlaylist([track], null, false, source);
    else if (!this.playlist.some((t) => t.id === track.id)) this.insert(track, this.playlist.length, source);
  }

  /** Keeps the entries up to the current one and puts `tracks` after it (a fresh mix, mid-song). */
  replaceUpcoming(tracks: Track[]): void {
    const kept = this.playlist.slice(0, Math.max(0, this.index + 1));
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
    const have = new Set(kept.map((t) => t.id));
    const source = this.playlistMood ? `mood: ${this.playlistMood}` : 'library';
    const fresh = dedupe(tracks).filter((t) => !have.has(t.id));
    for (const t of fresh) this.sources.set(t.id, source);
    this.setList([...kept, ...fresh]);
    this.upNext = null;
  }

  /** Adds tracks to the end of the playlist (used to keep music going when the list runs out). */
  append(tracks: Track[], source = this.playlistMood ? `mood: ${this.playlistMood}` : 'library'): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
    const have = new Set(this.ids());
    const fresh = dedupe(tracks).filter((t) => !have.has(t.id));
    for (const t of fresh) this.sources.set(t.id, source);
    this.setList([...this.playlist, ...fresh]);
  }

  // ---- transport ----------------------------------------------------------------------------

  play(): void {
    if (this.status === 'playing' || this.status === 'loading') return;
    const deck = this.deck();
    if (deck && this.current && deck.trackId === this.current.id) {
      this.status = 'loading';
      this.playing ??= { startedAt: Date.now(), playedSec: 0, lastPosition: this.position };
      deck.play();
      return;
    }
    if (this.playlist.length > 0) this.startAt(Math.max(0, this.index), true);
  }

  pause(): void {
    const deck = this.deck();
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
    this.leaveCurrent(true);
    this.endFade();
    const deck = this.deck();
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
    const skipped = this.current;
    if (skipped && this.inSong && this.position < EARLY_SKIP_S) this.deps.onListen?.(skipped, 'early-skip');
    void this.advance(false);
  }

  previous(): void {
    const prev = previousIndex(this.ids(), this.index, this.order, this.repeat);
    if (this.position > RESTART_THRESHOLD_S || prev < 0) {
      if (this.current && this.position > RESTART_THRESHOLD_S) this.deps.onListen?.(this.current, 'replay');
      this.seek(0);
      return;
    }
    this.startAt(prev, this.status === 'playing' || this.status === 'loading' || this.status === 'paused');
  }

  seek(seconds: number): void {
    const s = Math.max(0, Math.min(seconds, this.duration || seconds));
    this.position = s;
    if (this.playing) this.playing.lastPosition = s;
    const deck = this.deck();
    if (deck?.trackId && deck.duration > 0) deck.position = s;
    else this.pendingSeek = s;
    // A seek back before a scheduled handover cancels it; the ticker schedules it again.
    this.clearGaplessTimer();
  }

  // ---- internals ----------------------------------------------------------------------------

  private ids(): string[] {
    return this.playlist.map((t) => t.id);
  }

  private setList(list: Track[]): void {
    this.playlist = list;
    if (this.order) this.order = syncOrder(this.order, this.ids(), this.current?.id ?? null);
    for (const id of [...this.sources.keys()]) if (!list.some((t) => t.id === id)) this.sources.delete(id);
    this.dropPreload();
  }

  private insert(track: Track, at: number, source: string): void {
    this.sources.set(track.id, source);
    const list = [...this.playlist];
    list.splice(at, 0, track);
    if (at <= this.index) this.index += 1;
    this.setList(list);
  }

  private ensureDecks(): [Deck, Deck] {
    this.decks ??= [new Deck(), new Deck()];
    return this.decks;
  }

  private deck(): Deck | null {
    return this.decks ? this.decks[this.active] : null;
  }

  private spare(): Deck {
    return this.ensureDecks()[1 - this.active];
  }

  /** The gain of a track: toward the reference loudness, from its ReplayGain tag or our analysis. */
  private trackGain(track: Track | null): number {
    const i = track ? this.playlist.indexOf(track) : -1;
    return dbToGain(
      trackGainDb(track, { normalize: this.normalize, inOrder: !this.order, previous: this.playlist[i - 1], next: this.playlist[i + 1] }),
    );
  }

  private applyLevels(): void {
    if (!this.decks || this.fade) return;
    this.deck()?.setLevel(this.volume, this.trackGain(this.current));
  }

  /** Loads queue entry `index` into the active deck (or takes it from the spare deck if it is there). */
  private load(index: number): Deck {
    const track = this.playlist[index];
    const decks = this.ensureDecks();
    if (this.preloaded?.trackId === track.id && this.spare().trackId === track.id) {
      this.deck()?.clear();
      this.active = 1 - this.active;
    } else {
      this.spare().clear();
      decks[this.active].load(track.id, this.deps.mediaUrl(track.id), track.fileName);
    }
    this.preloaded = null;
    this.finishing = null;
    const deck = decks[this.active];
    this.wire(deck, track);
    // Taken from the spare deck, it knows its length already (it said so before it was wired).
    if (deck.trackId === track.id && deck.duration > 0) this.duration = deck.duration;
    deck.setLevel(this.volume, this.trackGain(track));
    return deck;
  }

  private wire(deck: Deck, track: Track): void {
    const mine = () => this.deck() === deck && deck.trackId === track.id;
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
      error: (blocked, detail) => {
        if (!mine()) return;
        // A blocked autoplay is not a broken file: wait for the user to press play.
        if (blocked || detail.includes('user didn')) {
          this.status = 'paused';
          this.deps.onError({
            code: 'internal',
            message: 'The browser blocked playback until you interact with the page.',
            hint: 'Press play to start the music.',
          });
          return;
        }
        this.fail(track);
      },
    });
  }

  private startAt(index: number, autoplay: boolean): void {
    const track = this.playlist[index];
    if (!track) return;
    this.leaveCurrent(true);
    this.endFade();
    this.clearGaplessTimer();
    this.stopTicker();
    this.index = index;
    this.position = 0;
    this.pendingSeek = null;
    this.duration = track.durationSec;
    const deck = this.load(index);
    deck.position = 0;
    if (autoplay) {
      this.status = 'loading';
      this.playing = { startedAt: Date.now(), playedSec: 0, lastPosition: 0 };
      deck.play();
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
        this.playing = null;
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
    this.playing = null;
    this.unloadAll();
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
    void this.advance(false);
  }

  /** Moves on after a song ends or is skipped: Up next first, then the queue's next entry, then more. */
  private async advance(ended: boolean): Promise<void> {
    this.leaveCurrent(!ended);
    if (this.upNext) {
      this.playNow();
      return;
    }
    const step = nextStep(this.ids(), this.index, this.order, this.repeat, ended);
    if (step.index >= 0) {
      if (step.wrapped && this.order) this.order = shuffleOrder(this.ids(), null);
      this.startAt(step.wrapped && this.order ? this.ids().indexOf(this.order[0]) : step.index, true);
      return;
    }
    const before = this.playlist.length;
    const more = await this.deps.onListEnd().catch(() => false);
    if (more && this.playlist.length > before) {
      this.startAt(this.order ? this.ids().indexOf(this.order[this.order.indexOf(this.current?.id ?? '') + 1] ?? '') : before, true);
    } else if (more && this.playlist.length > 0) {
      // Only repeats were left (a small library): the list starts over rather than going quiet.
      this.startAt(this.order ? this.ids().indexOf(this.order[0]) : 0, true);
    } else {
      this.stop();
    }
  }

  /** The queue entry that plays after the current one when it ends by itself (no Up next). */
  private upcoming(): number {
    if (this.upNext) return -1;
    const step = nextStep(this.ids(), this.index, this.order, this.repeat, true);
    return step.wrapped && this.order ? -1 : step.index;
  }

  /** The song under way as the history would record it if it stopped now (null: nothing heard yet). */
  inProgress(): PlayRecord | null {
    const p = this.playing;
    const track = this.current;
    if (!p || !track) return null;
    this.syncPosition();
    this.syncPlayed(p);
    if (p.playedSec < 1) return null;
    return {
      track,
      startedAt: p.startedAt,
      playedSec: Math.round(p.playedSec * 10) / 10,
      skipped: false,
      mood: this.playlistMood,
      source: this.sources.get(track.id) ?? 'library',
    };
  }

  /** Tells the history how the current song went, once. */
  private leaveCurrent(skipped: boolean): void {
    const p = this.playing;
    const track = this.current;
    this.playing = null;
    if (!p || !track) return;
    // Reaching the end (also by a gapless or crossfaded handover) is what mood fit counts as finished.
    if (!skipped) this.deps.onListen?.(track, 'finish');
    this.syncPlayed(p);
    if (p.playedSec < 1) return;
    const heard = p.playedSec >= (this.duration || track.durationSec) * SKIP_SHARE;
    this.deps.onPlayed?.({
      track,
      startedAt: p.startedAt,
      playedSec: Math.round(p.playedSec * 10) / 10,
      skipped: skipped && !heard,
      mood: this.playlistMood,
      source: this.sources.get(track.id) ?? 'library',
    });
  }

  private syncPlayed(p: Playing): void {
    const step = this.position - p.lastPosition;
    // Only forward steps of about a tick are listening; larger jumps are seeks.
    if (step > 0 && step < 2) p.playedSec += step;
    p.lastPosition = this.position;
  }

  private syncPosition(): void {
    const deck = this.deck();
    if (!deck?.trackId) return;
    this.position = deck.position;
    if (this.playing) this.syncPlayed(this.playing);
  }

  /** Every tick: the clock, loading the next song ahead, and starting a crossfade or a gapless handover. */
  private tick(): void {
    this.syncPosition();
    const deck = this.deck();
    if (!deck || this.status !== 'playing' || this.fade) return;
    const remaining = (deck.duration || this.duration) - this.position;
    const next = this.upcoming();
    if (next < 0 || next === this.index) return;
    if (remaining < PRELOAD_S + this.crossfadeSec) this.preload(next);
    if (this.crossfadeSec > 0 && remaining <= this.crossfadeSec && remaining > 0.2) {
      this.crossfadeTo(next, remaining);
    } else if (this.crossfadeSec === 0 && sameAlbum(this.current, this.playlist[next]) && remaining < 1 && !this.gaplessTimer) {
      this.gaplessTimer = setTimeout(() => this.gaplessTo(next), Math.max(0, remaining * 1000 - GAPLESS_LEAD_MS));
    }
  }

  private preload(index: number): void {
    const track = this.playlist[index];
    if (this.preloaded?.trackId === track.id) return;
    const spare = this.spare();
    if (spare === this.finishing) return;
    spare.on({});
    spare.load(track.id, this.deps.mediaUrl(track.id), track.fileName);
    spare.setLevel(this.volume, this.trackGain(track), 0);
    this.preloaded = { trackId: track.id };
  }

  private dropPreload(): void {
    this.clearGaplessTimer();
    if (!this.preloaded) return;
    this.preloaded = null;
    if (this.decks) this.spare().clear();
  }

  /** Starts the next same-album song right as this one ends (it is already loaded on the spare deck). */
  private gaplessTo(index: number): void {
    this.gaplessTimer = null;
    const track = this.playlist[index];
    if (!track || this.status !== 'playing' || this.preloaded?.trackId !== track.id || this.spare().trackId !== track.id) return;
    const outgoing = this.deck()!;
    // Timers drift from the audio clock: aim again until the end is a few milliseconds away.
    const left = (outgoing.duration - outgoing.position) * 1000;
    if (left > GAPLESS_LEAD_MS + 4) {
      this.gaplessTimer = setTimeout(() => this.gaplessTo(index), Math.max(1, Math.min(left - GAPLESS_LEAD_MS, left / 2)));
      return;
    }
    this.leaveCurrent(false);
    this.switchTo(index, this.trackGain(track));
    // The outgoing element plays its last milliseconds, then goes (and only then may it load ahead again).
    this.finishing = outgoing;
    const done = () => {
      if (this.finishing !== outgoing) return;
      this.finishing = null;
      if (this.deck() !== outgoing) outgoing.clear();
    };
    outgoing.on({ ended: done });
    setTimeout(done, 1000);
  }

  /** Equal-power crossfade over what is left of the current song. */
  private crossfadeTo(index: number, seconds: number): void {
    const track = this.playlist[index];
    if (!track || this.preloaded?.trackId !== track.id) return;
    const outgoing = this.deck()!;
    const outGain = this.trackGain(this.current);
    const inGain = this.trackGain(track);
    this.leaveCurrent(false);
    outgoing.on({});
    outgoing.setLevel(this.volume, outGain, 1);
    const incoming = this.switchTo(index, inGain, 0);
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

  /** Makes the preloaded spare deck the current one and starts it. */
  private switchTo(index: number, gain: number, share = 1): Deck {
    const track = this.playlist[index];
    this.active = 1 - this.active;
    this.preloaded = null;
    const deck = this.deck()!;
    this.index = index;
    this.position = 0;
    // The spare deck may know the real length already (it loaded ahead, before it was wired).
    this.duration = deck.duration || track.durationSec;
    this.wire(deck, track);
    deck.setLevel(this.volume, gain, share);
    this.playing = { startedAt: Date.now(), playedSec: 0, lastPosition: 0 };
    deck.play();
    return deck;
  }

  /** Ends a crossfade: the outgoing deck goes quiet and is released. */
  private endFade(): void {
    const f = this.fade;
    if (!f) return;
    clearTimeout(f.timer);
    this.fade = null;
    if (f.outgoing !== this.deck()) f.outgoing.clear();
    // Aborted (pause, skip) or finished: the current deck goes to its full level either way.
    this.applyLevels();
  }

  private clearGaplessTimer(): void {
    if (this.gaplessTimer !== null) clearTimeout(this.gaplessTimer);
    this.gaplessTimer = null;
  }

  private unloadAll(): void {
    this.stopTicker();
    this.endFade();
    this.clearGaplessTimer();
    this.preloaded = null;
    this.playing = null;
    this.finishing = null;
    if (this.decks) for (const d of this.decks) d.clear();
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

/** A track is in the queue once: the first copy stays. */
function dedupe(tracks: Track[]): Track[] {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
  const seen = new Set<string>();
  return tracks.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}
