import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../envelope';

/**
 * Handles one event. `tx` is the transaction in which the event id is recorded in the inbox:
 * every effect must go through it, so the effect and the "handled" mark commit together.
 */
export type EventHandler<T = unknown> = (event: DomainEvent<T>, tx: EntityManager) => Promise<void>;

/**
 * Handles a run of consecutive events at once (one statement for all of them, say), in their order,
 * with the same rule: every effect through `tx`. A run holds the consecutive events whose types map
 * to this same function in `batchHandlers`: of one type, or of several a handler treats alike.
 */
export type BatchEventHandler<T = unknown> = (events: Array<DomainEvent<T>>, tx: EntityManager) => Promise<void>;

export interface Subscription {
  topic: string;
  /** Handlers by event type; events of other types on the topic are acknowledged and ignored. */
  handlers: Record<string, EventHandler>;
  /**
   * Types whose consecutive events are handled together (the inbox has already dropped those handled
   * before): for consumers whose effect of many events is one statement. Consecutive events of
   * different types go in one run when their types map to the same function. A type here needs no
   * entry in `handlers`; if a chunk fails, its events are retried one by one through the same handler.
   */
  batchHandlers?: Record<string, BatchEventHandler>;
}
