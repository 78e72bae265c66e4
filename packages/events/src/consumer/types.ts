import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../envelope';

/**
 * Handles one event. `tx` is the transaction in which the event id is recorded in the inbox:
 * every effect must go through it, so the effect and the "handled" mark commit together.
 */
export type EventHandler<T = unknown> = (event: DomainEvent<T>, tx: EntityManager) => Promise<void>;

export interface Subscription {
  topic: string;
  /** Handlers by event type; events of other types on the topic are acknowledged and ignored. */
  handlers: Record<string, EventHandler>;
}
