/**
 * The queue as state: the list, the entry playing, the shuffle order, why each track is there, and
 * an optional "Up next" list that a new mood queues without cutting the song under way. Edits keep
 * the current entry; what plays after what is in queue.ts. No audio here.
 */
import type { Emotion, RepeatMode, Track } from '../../shared/contract';
import { moveEntry, nextStep, previousIndex, shuffleOrder, syncOrder, type Step } from './queue';

export interface UpNext {
  emotion: Emotion;
  tracks: Track[];
}

export class QueueState {
  playlist = $state.raw<Track[]>([]);
  /** The mood the list was made for. */
  playlistMood = $state<Emotion | null>(null);
  index = $state(-1);
  upNext = $state.raw<UpNext | null>(null);
  shuffle = $state(false);
  repeat = $state<RepeatMode>('off');

  current = $derived(this.index >= 0 && this.index < this.playlist.length ? this.playlist[this.index] : null);

  /** The shuffle order (ids), or null when playing in list order. */
  order: string[] | null = null;
  /** Why each queued track is there ("mood: calm", "library", "playlist: Name"), for the history. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping for the history, never rendered
  private readonly sources = new Map<string, string>();

  ids(): string[] {
    return this.playlist.map((t) => t.id);
  }

  sourceOf(trackId: string): string {
    return this.sources.get(trackId) ?? 'library';
  }

  /** The source new tracks get by default: the list's mood, or the library. */
  defaultSource(): string {
    return this.playlistMood ? `mood: ${this.playlistMood}` : 'library';
  }

  /** A new list (each track once); the first entry in play order becomes current. */
  reset(tracks: Track[], emotion: Emotion | null, source: string): void {
    this.playlist = dedupe(tracks);
    this.playlistMood = emotion;
    this.sources.clear();
    for (const t of this.playlist) this.sources.set(t.id, source);
    this.upNext = null;
    this.order = this.shuffle ? shuffleOrder(this.ids(), null) : null;
    const first = this.order ? this.ids().indexOf(this.order[0]) : 0;
    this.index = this.playlist.length > 0 ? first : -1;
  }

  setShuffle(on: boolean): void {
    this.shuffle = on;
    this.order = on ? shuffleOrder(this.ids(), this.current?.id ?? null) : null;
  }

  /** Shuffling: the current entry leads a fresh order (a restored session). */
  reshuffleFrom(trackId: string | null): void {
    if (this.shuffle) this.order = shuffleOrder(this.ids(), trackId);
  }

  setList(list: Track[]): void {
    this.playlist = list;
    if (this.order) this.order = syncOrder(this.order, this.ids(), this.current?.id ?? null);
    for (const id of [...this.sources.keys()]) if (!list.some((t) => t.id === id)) this.sources.delete(id);
  }

  insert(track: Track, at: number, source: string): void {
    this.sources.set(track.id, source);
    const list = [...this.playlist];
    list.splice(at, 0, track);
    if (at <= this.index) this.index += 1;
    this.setList(list);
  }

  /** Swaps entry `index` for `track` (which takes over its source); false when `track` is queued elsewhere. */
  replace(index: number, track: Track): boolean {
    const existing = this.playlist.findIndex((t) => t.id === track.id);
    if (existing >= 0 && existing !== index) return false;
    const list = [...this.playlist];
    const old = list[index];
    list[index] = track;
    this.sources.set(track.id, this.sources.get(old.id) ?? 'library');
    this.setList(list);
    return true;
  }

  removeAt(index: number): void {
    const list = this.playlist.filter((_, i) => i !== index);
    if (index < this.index) this.index -= 1;
    this.setList(list);
  }

  move(from: number, to: number): void {
    const r = moveEntry(this.playlist, from, to, this.index);
    this.index = r.current;
    this.setList(r.list);
  }

  /** "Play next": right after the current entry, in the list and (shuffling) in the play order. */
  putNext(track: Track, source: string): void {
    const at = this.playlist.findIndex((t) => t.id === track.id);
    if (at >= 0) this.move(at, at < this.index ? this.index : this.index + 1);
    else this.insert(track, this.index + 1, source);
    if (this.order && this.current) {
      const order = this.order.filter((id) => id !== track.id);
      order.splice(order.indexOf(this.current.id) + 1, 0, track.id);
      this.order = order;
    }
  }

  /** Adds tracks not queued yet to the end. */
  append(tracks: Track[], source: string): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
    const have = new Set(this.ids());
    const fresh = dedupe(tracks).filter((t) => !have.has(t.id));
    for (const t of fresh) this.sources.set(t.id, source);
    this.setList([...this.playlist, ...fresh]);
  }

  /** Keeps the entries up to the current one and puts `tracks` after it (a fresh mix, mid-song). */
  replaceUpcoming(tracks: Track[]): void {
    this.setList(this.playlist.slice(0, Math.max(0, this.index + 1)));
    this.append(tracks, this.defaultSource());
    this.upNext = null;
  }

  /** What follows the current entry (`ended`: it finished by itself, so repeat-one plays it again). */
  step(ended: boolean): Step {
    return nextStep(this.ids(), this.index, this.order, this.repeat, ended);
  }

  /** The entry a wrapped list starts again from (reshuffled when shuffling). */
  restartIndex(): number {
    if (!this.order) return 0;
    this.order = shuffleOrder(this.ids(), null);
    return this.ids().indexOf(this.order[0]);
  }

  /** The entry after the current one in play order, among those appended at `from` and later. */
  nextAfterGrowth(from: number): number {
    if (!this.order) return from;
    return this.ids().indexOf(this.order[this.order.indexOf(this.current?.id ?? '') + 1] ?? '');
  }

  previous(): number {
    return previousIndex(this.ids(), this.index, this.order, this.repeat);
  }

  /** The entry that plays when the current one ends by itself, for loading ahead; -1: none (or Up next). */
  upcoming(): number {
    if (this.upNext) return -1;
    const s = this.step(true);
    return s.wrapped && this.order ? -1 : s.index;
  }
}

/** A track is in the queue once: the first copy stays. */
function dedupe(tracks: Track[]): Track[] {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
  const seen = new Set<string>();
  return tracks.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}
