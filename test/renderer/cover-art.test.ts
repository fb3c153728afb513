import { describe, expect, it } from 'vitest';
import { CoverArt } from '../../src/renderer/player/cover-art.svelte';
import { track } from './helpers/fake-api';

describe('cover art', () => {
  it('never asks for a picture a track has none of, or one that failed; the OS gets only one that loaded', () => {
    const covers = new CoverArt((id) => `/cover/${id}`);
    const demo = track({ cover: false });
    const mine = track();
    expect(covers.url(demo)).toBeNull();
    expect(covers.url(mine)).toBe(`/cover/${mine.id}`);
    expect(covers.confirmed(mine)).toBeNull();
    covers.loaded(mine.id);
    expect(covers.confirmed(mine)).toBe(`/cover/${mine.id}`);
    const broken = track();
    covers.missing(broken.id);
    expect(covers.url(broken)).toBeNull();
    expect(new CoverArt(null).url(mine)).toBeNull();
  });
});
