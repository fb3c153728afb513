/** The player's queue, current track and position, so a reload or restart brings them back: `<data>/session.json`. */
import type { AppError, PlayerSession } from '../../shared/contract.js';
import { reasonLine, trackId } from '../../shared/contract/requests/fields.js';
import { isObject } from '../../shared/is-object.js';
import { InvalidInput, validateParams } from '../../shared/validate.js';
import { JsonRecord, type Cleaned, type Rejected } from '../core/json-record.js';
import type { StoreFactory } from '../core/store.js';

/**
 * A session that does not validate is set aside whole (it is one entry). Its reason lines only
 * explain the rows: one that cannot be read is set aside alone, and the queue still comes back.
 */
function cleanSession(raw: unknown): Cleaned<PlayerSession | undefined> {
  if (raw === undefined || raw === null) return { value: undefined, rejected: [] };
  const { reasons, ...queue } = isObject(raw) ? raw : { reasons: undefined };
  let session: PlayerSession;
  try {
    session = validateParams('saveSession', isObject(raw) ? queue : raw);
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e;
    return { value: undefined, rejected: [{ name: 'the play queue', reason: e.message, value: raw }] };
  }
  if (reasons === undefined) return { value: session, rejected: [] };
  const lines = cleanReasons(reasons, new Set(session.trackIds));
  return { value: { ...session, reasons: lines.value }, rejected: lines.rejected };
}

function cleanReasons(raw: unknown, queued: ReadonlySet<string>): Cleaned<Record<string, string>> {
  if (!isObject(raw))
    return { value: {}, rejected: [{ name: "the queue's reason lines", reason: 'not a list of lines by track', value: raw }] };
  const kept: [string, string][] = [];
  const rejected: Rejected[] = [];
  for (const [id, line] of Object.entries(raw)) {
    try {
      // A line for a track no longer queued is no damage, just nothing to show.
      if (queued.has(trackId(id, 'track'))) kept.push([id, reasonLine(line, 'its reason')]);
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      rejected.push({ name: `the reason line of ${id}`, reason: e.message, value: { [id]: line } });
    }
  }
  return { value: Object.fromEntries(kept), rejected };
}

export class SessionService {
  private constructor(private readonly store: JsonRecord<PlayerSession | undefined>) {}

  static open(dir: string, factory?: StoreFactory, report?: (e: AppError) => void): { session: SessionService; notice: AppError | null } {
    const { store, notice } = JsonRecord.open<PlayerSession | undefined>({
      dir,
      name: 'session',
      what: 'player session',
      code: 'playlists-corrupt',
      empty: () => undefined,
      clean: cleanSession,
      factory,
      report,
    });
    return { session: new SessionService(store), notice };
  }

  get(): PlayerSession | null {
    return this.store.get() ?? null;
  }

  /** Throws save-failed when the disk refuses (the session is kept in memory and saved later). */
  save(s: PlayerSession): void {
    this.store.set(s);
  }

  /** The app is closing: a write still owed is tried once more, then retries stop. */
  close(): void {
    this.store.close();
  }
}
