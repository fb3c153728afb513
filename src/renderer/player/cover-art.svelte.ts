/**
 * Which tracks have cover art, as far as the page knows: a track that says it has none is never
 * asked for (no 404 per track), one whose picture failed to load is not asked again, and the OS
 * media controls only get a picture that did load.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { Track } from '../../shared/contract';

export class CoverArt {
  private readonly seen = new SvelteMap<string, boolean>();

  constructor(private readonly urlOf: ((trackId: string) => string) | null) {}

  /** The picture to show for `track`, or null: none, or known to be missing. */
  url(track: Track | null): string | null {
    if (!track || !this.urlOf || track.cover === false || this.seen.get(track.id) === false) return null;
    return this.urlOf(track.id);
  }

  /** A picture that loaded: safe to hand to the OS. */
  confirmed(track: Track | null): string | null {
    return track && this.seen.get(track.id) === true ? this.url(track) : null;
  }

  loaded(trackId: string): void {
    this.seen.set(trackId, true);
  }

  missing(trackId: string): void {
    this.seen.set(trackId, false);
  }
}
