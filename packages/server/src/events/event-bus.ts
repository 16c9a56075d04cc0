import type { FastifyBaseLogger } from 'fastify';
import type { DomainEvent, DomainEventMap, DomainEventName } from './catalogue.js';

type Listener<K extends DomainEventName> = (payload: DomainEventMap[K]) => Promise<void> | void;

/**
 * Domain events inside one instance (DESIGN: "Domain events"). A service commits, then emits; each listener
 * is one side effect. Listeners run in the order they were registered, one after the other (a chat's fan-out
 * keeps its order), and a failing listener is logged and never fails the emit or the listeners after it.
 * What must reach other instances, the fan-out listener carries over the bus.
 */
export class DomainEvents {
  private readonly listeners = new Map<DomainEventName, { name: string; fn: Listener<never> }[]>();

  constructor(private readonly log: Pick<FastifyBaseLogger, 'error'>) {}

  /** Registers a listener; `name` says which side effect it is in logs. */
  on<K extends DomainEventName>(event: K, name: string, fn: Listener<K>): void {
    const list = this.listeners.get(event) ?? [];
    list.push({ name, fn: fn as Listener<never> });
    this.listeners.set(event, list);
  }

  /** Runs every listener of the event; resolves when all ran, never rejects. */
  async emit<K extends DomainEventName>(event: K, payload: DomainEventMap[K]): Promise<void> {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        await (l.fn as Listener<K>)(payload);
      } catch (err) {
        this.log.error({ err, event, listener: l.name }, 'event listener failed');
      }
    }
  }

  /** Emits events a transaction collected, in order, once it committed. */
  async emitAll(events: readonly DomainEvent[]): Promise<void> {
    for (const e of events) await this.emit(e.name, e.payload as never);
  }
}
