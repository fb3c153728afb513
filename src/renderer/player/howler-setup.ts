/**
 * Howler, set up once for this page: HTML5 audio only (each track streams with HTTP Range), its
 * elements asking for CORS where a deck needs Web Audio, and nothing Howler does by default that
 * the page's CSP or our routing would not survive.
 */
import { Howler, Howl } from 'howler';

interface HowlerInternals {
  _html5AudioPool: HTMLAudioElement[];
  _obtainHtml5Audio(): HTMLAudioElement;
}

/** The crossOrigin the next element Howler hands out gets (set around `new Howl()`, which is synchronous). */
let nextCrossOrigin: '' | 'anonymous' = '';
/** Elements that go through Web Audio: routing cannot be undone, so they only ever load with CORS. */
const routedElements = new WeakSet<HTMLMediaElement>();

let done = false;

export function setUpHowler(): void {
  if (done) return;
  done = true;
  const internals = Howler as unknown as HowlerInternals;
  // Howler hands out pooled elements (unlocked by the first click) or new ones; ours says whether
  // to ask for CORS before Howler sets the source. (Without the pool's test play and its warning.)
  internals._obtainHtml5Audio = () => {
    const pool = internals._html5AudioPool;
    const at = pool.findIndex((a) => nextCrossOrigin === 'anonymous' || !routedElements.has(a));
    const audio = at >= 0 ? pool.splice(at, 1)[0] : new Audio();
    if (nextCrossOrigin) audio.crossOrigin = nextCrossOrigin;
    else audio.removeAttribute('crossorigin');
    return audio;
  };
  // Howler "clears" an element by pointing it at a data: WAV, which the page's CSP (media-src) refuses
  // and reports. Emptying the source releases the stream just as well.
  (Howl.prototype as unknown as { _clearSound(node: HTMLAudioElement): void })._clearSound = (node) => {
    node.removeAttribute('src');
    node.load();
  };
  // Howler suspends its AudioContext when none of *its* Web Audio sounds play; ours are HTML5 sounds
  // routed into that context, which would go silent.
  Howler.autoSuspend = false;
}

/** Creates a Howl whose element asks for CORS (so Web Audio may hear it) when `cors`. */
export function createHowl(options: ConstructorParameters<typeof Howl>[0], cors: boolean): Howl {
  setUpHowler();
  nextCrossOrigin = cors ? 'anonymous' : '';
  try {
    return new Howl(options);
  } finally {
    nextCrossOrigin = '';
  }
}

export function markRouted(audio: HTMLMediaElement): void {
  routedElements.add(audio);
}

/** Howler's AudioContext and its master gain, where this browser has Web Audio. */
export function howlerContext(): { ctx: AudioContext; output: AudioNode } | null {
  const h = Howler as unknown as { ctx?: AudioContext | null; masterGain?: GainNode | null };
  if (!h.ctx || typeof h.ctx.createMediaElementSource !== 'function') return null;
  return { ctx: h.ctx, output: h.masterGain ?? h.ctx.destination };
}
