/**
 * What a new mood does to the music. The main process sends every mood once, as the `mood` event,
 * with the playlist made for it (one path, one round trip): the flow starts it (nothing is
 * playing, or the user asked for music now), queues it as "Up next" (a song is under way, and it
 * is never cut), or, when the user picks the mood that is already playing, swaps in the fresh mix
 * after the current song. A live reading the model is not sure of leaves the music alone.
 */
import type { AppError, Emotion, Mood, MoodPlaylist, MoodtapeApi, RecommendParams, Track } from '../../shared/contract';
import { freshOrder } from '../../shared/fresh-mix';
import { toAppError } from '../api';
import type { Player } from '../player/player.svelte';

export interface MoodFlowHooks {
  onError(e: AppError): void;
  /**
   * The plan behind the playlist now playing, following the song playing ('upcoming': the rows up
   * to it stay as they were), queued, or appended (path, reasons, note); 'empty': a mood nothing in
   * the library fits, shown as its note (with "Widen the mix") while the music plays on.
   */
  onPlan(plan: MoodPlaylist, how: 'now' | 'upcoming' | 'queued' | 'extend' | 'empty'): void;
}

const tracksOf = (plan: MoodPlaylist): Track[] => plan.entries.map((e) => e.track);

/** An empty plan always says why, and what to do. */
const withNote = (plan: MoodPlaylist): MoodPlaylist =>
  plan.note ? plan : { ...plan, note: `Nothing in your library fits your ${plan.emotion} mood yet; add music or widen the mix.` };

/**
 * During a song, a live mood must hold this long before the music follows it: readings that go
 * back and forth between two moods leave the queue (and the "Up next" card) as they are.
 */
export const LIVE_SETTLE_MS = 5000;

export class MoodFlow {
  private liveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: MoodtapeApi,
    private readonly player: Player,
    private readonly hooks: MoodFlowHooks,
  ) {}

  /** Acts on one `mood` event; returns what it did (for tests and the status line). */
  handle(mood: Mood): 'unsure' | 'empty' | 'started' | 'kept' | 'fresh-mix' | 'queued' | 'pending' {
    if (mood.sure === false || !mood.playlist) return 'unsure';
    const plan = mood.playlist;
    const tracks = tracksOf(plan);
    if (tracks.length === 0) {
      // Not a failure: the library (or the user's own music) has nothing for this mood yet.
      this.cancelLive();
      this.hooks.onPlan(withNote(plan), 'empty');
      return 'empty';
    }
    if (!this.player.inSong || mood.autoplay) {
      // Nothing is playing, or the user asked for music now (tray quick mood): play it.
      this.cancelLive();
      this.player.setPlaylist(tracks, mood.emotion, true);
      this.hooks.onPlan(plan, 'now');
      return 'started';
    }
    if (mood.source === 'live') return this.settleLive(mood, plan, tracks);
    this.cancelLive();
    if (mood.emotion === this.player.playlistMood) {
      // Picked again on purpose: a fresh mix after the current song, which plays on.
      this.player.replaceUpcoming(
        freshOrder(
          this.upcoming(),
          tracks.filter((t) => t.id !== this.player.current?.id),
        ),
      );
      this.hooks.onPlan(plan, 'upcoming');
      return 'fresh-mix';
    }
    this.queueUpNext(tracks, mood.emotion);
    this.hooks.onPlan(plan, 'queued');
    return 'queued';
  }

  /** A live mood during a song: what the queue shows already stays; a change waits until it has held. */
  private settleLive(mood: Mood, plan: MoodPlaylist, tracks: Track[]): 'kept' | 'pending' {
    const shown = this.player.upNext?.emotion ?? this.player.playlistMood;
    if (mood.emotion === shown) {
      this.cancelLive();
      return 'kept';
    }
    this.cancelLive();
    this.liveTimer = setTimeout(() => {
      this.liveTimer = null;
      if (mood.emotion === this.player.playlistMood) {
        // Back to the mood the music already fits: keep going, drop the queued list.
        this.player.clearUpNext();
      } else if (!this.player.inSong) {
        this.player.setPlaylist(tracks, mood.emotion, true);
        this.hooks.onPlan(plan, 'now');
      } else {
        this.queueUpNext(tracks, mood.emotion);
        this.hooks.onPlan(plan, 'queued');
      }
    }, LIVE_SETTLE_MS);
    return 'pending';
  }

  private cancelLive(): void {
    if (this.liveTimer !== null) clearTimeout(this.liveTimer);
    this.liveTimer = null;
  }

  /**
   * The intent changed (the `plan` event): the mood's new plan replaces what follows the song that
   * plays (never cut), or the list waiting as "Up next" for that mood; its path is drawn.
   */
  replan(plan: MoodPlaylist): 'replaced' | 'queued' | 'ignored' {
    const tracks = tracksOf(plan);
    if (tracks.length === 0) return 'ignored';
    if (this.player.upNext?.emotion === plan.emotion) {
      this.queueUpNext(tracks, plan.emotion);
      this.hooks.onPlan(plan, 'queued');
      return 'queued';
    }
    if (this.player.playlistMood !== plan.emotion) return 'ignored';
    this.follow(plan, tracks);
    return 'replaced';
  }

  /**
   * The plan follows the song playing (which plays on, its row as it was), or becomes the list, ready.
   * A list waiting as "Up next" (another mood's) keeps waiting.
   */
  private follow(plan: MoodPlaylist, tracks: Track[]): void {
    if (this.player.inSong) {
      const waiting = this.player.upNext;
      this.player.replaceUpcoming(tracks.filter((t) => t.id !== this.player.current?.id));
      if (waiting) this.player.queueUpNext(waiting.tracks, waiting.emotion);
      this.hooks.onPlan(plan, 'upcoming');
    } else {
      this.player.setPlaylist(tracks, plan.emotion, false);
      this.hooks.onPlan(plan, 'now');
    }
  }

  /**
   * A list waits as "Up next" without the song now playing: it takes over when that song ends, which
   * must not start again (main leaves it out, unless the queue it read was a moment old). Alone, it stays.
   */
  private queueUpNext(tracks: Track[], emotion: Emotion): void {
    const others = tracks.filter((t) => t.id !== this.player.current?.id);
    this.player.queueUpNext(others.length > 0 ? others : tracks, emotion);
  }

  private upcoming(): Track[] {
    return this.player.playlist.slice(this.player.index + 1);
  }

  /** Prepares a list for the mood without playing it (start-up, from the last saved mood). */
  async prepare(emotion: Emotion): Promise<void> {
    try {
      const plan = await this.api.invoke('recommend', { emotion });
      if (!this.player.inSong && this.player.playlist.length === 0) {
        this.player.setPlaylist(tracksOf(plan), emotion, false);
        this.hooks.onPlan(plan, 'now');
      }
    } catch (e) {
      this.hooks.onError(toAppError(e));
    }
  }

  /** The user asked for a wider mix (too few tracks fitted): replaces what follows the current song. */
  async widen(params: RecommendParams): Promise<void> {
    try {
      const plan = await this.api.invoke('recommend', { ...params, widen: true });
      const tracks = tracksOf(plan);
      if (tracks.length === 0) {
        // Still nothing: the queue stays, the note says so.
        this.hooks.onPlan(withNote(plan), 'empty');
        return;
      }
      if (this.player.inSong && this.player.playlistMood !== params.emotion) {
        // Widening a mood that had no music, while another mood's song plays: it waits as "Up next".
        this.queueUpNext(tracks, params.emotion);
        this.hooks.onPlan(plan, 'queued');
        return;
      }
      this.follow(plan, tracks);
    } catch (e) {
      this.hooks.onError(toAppError(e));
    }
  }

  /** More of the same mood when the playlist runs out, so the music keeps going. */
  async extend(): Promise<boolean> {
    const emotion = this.player.playlistMood;
    if (!emotion) return false;
    const exclude = this.player.playlist.map((t) => t.id);
    const plan = await this.api.invoke('recommend', { emotion, exclude });
    const tracks = tracksOf(plan);
    if (tracks.length === 0) return false;
    this.player.append(tracks);
    this.hooks.onPlan(plan, 'extend');
    return true;
  }
}
