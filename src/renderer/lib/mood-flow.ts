/**
 * What a new mood does to the music: fetch a fitting list, then either start it (nothing is
 * playing) or queue it as "Up next" (a song is under way, and it is never cut).
 */
import type { AppError, Emotion, Mood, MoodtapeApi, Track } from '../../shared/contract';
import { toAppError } from './api';
import type { Player } from './player.svelte';

/** The same mood reported twice in quick succession (call result + pushed event) is one mood. */
const DUPLICATE_WINDOW_MS = 4000;

export class MoodFlow {
  private seq = 0;
  private last: { key: string; at: number } | null = null;

  constructor(
    private readonly api: MoodtapeApi,
    private readonly player: Player,
    private readonly onError: (e: AppError) => void,
  ) {}

  /** Returns false when the mood was a duplicate and nothing was asked for. */
  async handle(mood: Mood): Promise<boolean> {
    const key = `${mood.source}:${mood.emotion}`;
    const now = Date.now();
    if (this.last && this.last.key === key && now - this.last.at < DUPLICATE_WINDOW_MS) return false;
    this.last = { key, at: now };
    const seq = ++this.seq;

    let tracks: Track[];
    try {
      tracks = await this.recommend(mood.emotion);
    } catch (e) {
      this.onError(toAppError(e));
      return true;
    }
    // A newer mood arrived while we were waiting: its list wins.
    if (seq !== this.seq) return true;
    if (tracks.length === 0) {
      this.onError({
        code: 'internal',
        message: `No tracks found for the mood "${mood.emotion}".`,
        hint: 'Add music to the library, or pick another mood.',
      });
      return true;
    }
    if (!this.player.inSong) {
      this.player.setPlaylist(tracks, mood.emotion, true);
    } else if (mood.emotion === this.player.playlistMood) {
      // Back to the mood the music already fits: keep going, drop any stale queued list.
      this.player.clearUpNext();
    } else {
      this.player.queueUpNext(tracks, mood.emotion);
    }
    return true;
  }

  /** Prepares a list for the mood without playing it (start-up, from the last saved mood). */
  async prepare(emotion: Emotion): Promise<void> {
    try {
      const tracks = await this.recommend(emotion);
      if (!this.player.inSong && this.player.playlist.length === 0) this.player.setPlaylist(tracks, emotion, false);
    } catch (e) {
      this.onError(toAppError(e));
    }
  }

  /** More of the same mood when the playlist runs out, so the music keeps going. */
  async extend(): Promise<boolean> {
    const emotion = this.player.playlistMood;
    if (!emotion) return false;
    const tracks = await this.recommend(emotion);
    if (tracks.length === 0) return false;
    this.player.append(tracks);
    return true;
  }

  private async recommend(emotion: Emotion): Promise<Track[]> {
    const exclude = this.player.playlist.map((t) => t.id);
    const tracks = await this.api.invoke('recommend', { emotion, exclude });
    if (tracks.length > 0 || exclude.length === 0) return tracks;
    // A small library can run out once the current list is excluded: repeats beat silence.
    return this.api.invoke('recommend', { emotion });
  }
}
