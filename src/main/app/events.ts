/** The app's events out: every subscriber (a transport binding, a test) hears every event. */
import type { EventName, Events } from '../../shared/contract.js';
import type { EventListener } from './types.js';

export type Emit = <E extends EventName>(name: E, payload: Events[E]) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  readonly emit: Emit = (name, payload) => {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch (e) {
        // One failing subscriber (a window closing, say) must not stop the others or the work that emitted.
        console.error(`moodtape: a ${name} event listener failed:`, e);
      }
    }
  };

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }
}
