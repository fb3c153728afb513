/** Validation of request params from the renderer: both transports run every call through here. */
import { EMOTIONS, METHODS, type AppError, type Method, type Params, type Settings } from './contract.js';

export class InvalidInput extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(what: string): never {
  throw new InvalidInput(what);
}

function emotion(v: unknown, what = 'emotion') {
  if (typeof v !== 'string' || !(EMOTIONS as readonly string[]).includes(v)) {
    fail(`${what} must be one of ${EMOTIONS.join(', ')}`);
  }
  return v as (typeof EMOTIONS)[number];
}

function none(v: unknown) {
  if (v !== null && v !== undefined) fail('this call takes no parameters');
  return null;
}

function onlyKeys(o: Record<string, unknown>, keys: string[]) {
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`unknown field "${k}"`);
}

function settingsPatch(v: unknown): Partial<Settings> {
  if (!isObject(v)) fail('settings must be an object');
  onlyKeys(v, ['volume', 'mode', 'cameraSource', 'lastMood', 'window']);
  const out: Partial<Settings> = {};
  if (v.volume !== undefined) {
    if (typeof v.volume !== 'number' || !(v.volume >= 0 && v.volume <= 1)) fail('volume must be a number from 0 to 1');
    out.volume = v.volume;
  }
  if (v.mode !== undefined) out.mode = mode(v.mode);
  if (v.cameraSource !== undefined) out.cameraSource = cameraSource(v.cameraSource);
  if (v.lastMood !== undefined) out.lastMood = v.lastMood === null ? null : emotion(v.lastMood, 'lastMood');
  if (v.window !== undefined) {
    if (v.window === null) out.window = null;
    else {
      const w = v.window;
      if (!isObject(w)) fail('window must be an object');
      onlyKeys(w, ['width', 'height', 'x', 'y', 'maximized']);
      const int = (n: unknown, name: string) => {
        if (typeof n !== 'number' || !Number.isInteger(n) || Math.abs(n) > 100_000) fail(`window.${name} must be an integer`);
        return n;
      };
      out.window = {
        width: int(w.width, 'width'),
        height: int(w.height, 'height'),
        ...(w.x !== undefined ? { x: int(w.x, 'x') } : {}),
        ...(w.y !== undefined ? { y: int(w.y, 'y') } : {}),
        maximized: w.maximized === true,
      };
    }
  }
  return out;
}

function mode(v: unknown) {
  if (v !== 'snapshot' && v !== 'live') fail('mode must be "snapshot" or "live"');
  return v;
}

export function cameraSource(v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 4096 || v.includes('\0')) {
    fail('camera source must be a device number or a video file path');
  }
  return v.trim();
}

function trackIds(v: unknown): string[] {
  if (!Array.isArray(v) || v.length > 10_000 || !v.every((s) => typeof s === 'string' && s.length < 256)) {
    fail('exclude must be a list of track ids');
  }
  return v as string[];
}

const validators: { [M in Method]: (p: unknown) => Params<M> } = {
  getState: none,
  startCamera: none,
  stopCamera: none,
  setMode: mode,
  snapshot: none,
  setManualMood: (p) => emotion(p),
  recommend: (p) => {
    if (!isObject(p)) fail('recommend takes { emotion, length?, exclude? }');
    onlyKeys(p, ['emotion', 'length', 'exclude']);
    const out: Params<'recommend'> = { emotion: emotion(p.emotion) };
    if (p.length !== undefined) {
      if (typeof p.length !== 'number' || !Number.isInteger(p.length) || p.length < 1 || p.length > 200) {
        fail('length must be an integer from 1 to 200');
      }
      out.length = p.length;
    }
    if (p.exclude !== undefined) out.exclude = trackIds(p.exclude);
    return out;
  },
  listTracks: none,
  updateSettings: settingsPatch,
  getAbout: none,
};

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && (METHODS as readonly string[]).includes(name);
}

/** Checks a request's params; throws InvalidInput with a message a developer can act on. */
export function validateParams<M extends Method>(method: M, params: unknown): Params<M> {
  return validators[method](params) as Params<M>;
}

export function invalidInput(message: string): AppError {
  return { code: 'invalid-input', message: `Invalid request: ${message}.`, hint: 'This is a bug in the caller; please report it.' };
}
