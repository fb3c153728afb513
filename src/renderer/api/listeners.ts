/** A tiny typed event hub shared by both transports. */
import type { EventName, Events } from '../../shared/contract';

type AnyListener = (payload: unknown) => void;

export class Listeners {
  private readonly map = new Map<EventName, Set<AnyListener>>();

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.map.get(event);
    if (!set) this.map.set(event, (set = new Set()));
    const l = listener as AnyListener;
    set.add(l);
    return () => set.delete(l);
  }

  emit(event: EventName, payload: unknown): void {
    for (const l of this.map.get(event) ?? []) {
      // One faulty listener must not starve the others of the event.
      try {
        l(payload);
      } catch (e) {
        console.error(`moodtape: listener for "${event}" failed`, e);
      }
    }
  }
}
