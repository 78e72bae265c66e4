// The ids module alone: the bus entry must not load PostgreSQL's driver.
import { newId } from '@pcc/db/ids';

/** A domain event as the platform handles it: CloudEvents 1.0 attributes plus the typed payload. */
export interface DomainEvent<T = unknown> {
  /** uuid; also the deduplication key of every consumer. */
  id: string;
  type: string;
  /** `/services/<name>` */
  source: string;
  /** The aggregate id; also the Kafka key. */
  subject: string;
  /** RFC 3339 */
  time: string;
  data: T;
  /** W3C trace context of the request that caused the event, when there was one. */
  traceparent?: string | undefined;
}

export function newEvent<T>(fields: {
  type: string;
  source: string;
  subject: string;
  data: T;
  traceparent?: string | undefined;
}): DomainEvent<T> {
  return { id: newId(), time: new Date().toISOString(), ...fields };
}
