/** The player's queue, current track and position, so a reload or restart brings them back: `<data>/session.json`. */
import type { AppError, PlayerSession } from '../../shared/contract.js';
import { InvalidInput, validateParams } from '../../shared/validate.js';
import type { StoreFactory } from '../core/store.js';
import { JsonRecord } from './list-store.js';

function cleanSession(raw: unknown): PlayerSession | null | undefined {
  if (raw === undefined || raw === null) return undefined;
  try {
    return validateParams('saveSession', raw);
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e;
    return null;
  }
}

export class SessionService {
  private constructor(private readonly store: JsonRecord<PlayerSession | undefined>) {}

  static open(dir: string, factory?: StoreFactory): { session: SessionService; notice: AppError | null } {
    const { store, notice } = JsonRecord.open<PlayerSession | undefined>(
      dir,
      'session',
      'player session',
      () => undefined,
      (raw) => {
        const s = cleanSession(raw);
        return s === null ? null : s;
      },
      factory,
    );
    return { session: new SessionService(store), notice };
  }

  get(): PlayerSession | null {
    return this.store.get() ?? null;
  }

  save(s: PlayerSession): void {
    this.store.set(s);
  }
}
