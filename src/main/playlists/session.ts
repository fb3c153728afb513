/** The player's queue, current track and position, so a reload or restart brings them back: `<data>/session.json`. */
import type { AppError, PlayerSession } from '../../shared/contract.js';
import { InvalidInput, validateParams } from '../../shared/validate.js';
import { JsonRecord, type Cleaned } from '../core/json-record.js';
import type { StoreFactory } from '../core/store.js';

/** A session that does not validate is set aside whole (it is one entry). */
function cleanSession(raw: unknown): Cleaned<PlayerSession | undefined> {
  if (raw === undefined || raw === null) return { value: undefined, rejected: [] };
  try {
    return { value: validateParams('saveSession', raw), rejected: [] };
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e;
    return { value: undefined, rejected: [{ name: 'the play queue', reason: e.message, value: raw }] };
  }
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
