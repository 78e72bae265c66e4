import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { fromKafkaMessage, platformCatalogue, TOPICS } from '@pcc/events/bus';
import { InvalidTokenError, type Identity } from '@pcc/http';
import type { Authenticator } from './auth';

/** "Something changed": what a console needs to know what to refetch. No payload, nothing personal. */
export interface ChangeSignal {
  /** The event type, e.g. `pcc.case.opened`. */
  type: string;
  /** The aggregate (case, project, report, organization) the event is about. */
  aggregateId: string;
  /** The organizations the event concerns (lead, supporting, owner, reporting…). */
  organizationIds: string[];
}

/** Payload fields that name organizations, across the catalogue's events. */
const ORGANIZATION_FIELDS = [
  'organizationId',
  'leadOrganizationId',
  'ownerOrganizationId',
  'fromOrganizationId',
  'toOrganizationId',
];
const ORGANIZATION_LIST_FIELDS = ['supportingOrganizationIds', 'partnerOrganizationIds', 'signatoryIds'];

/** The organizations an event concerns, read from its payload (organization events: the subject). */
export function organizationsOf(type: string, subject: string, data: unknown): string[] {
  const ids = new Set<string>();
  if (type.startsWith('pcc.organization.')) ids.add(subject);
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    for (const field of ORGANIZATION_FIELDS) if (typeof record[field] === 'string') ids.add(record[field]);
    for (const field of ORGANIZATION_LIST_FIELDS) {
      const list = record[field];
      if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') ids.add(id);
    }
  }
  return [...ids];
}

/**
 * The platform's events as change signals, for the console's live pages. One Kafka consumer per
 * gateway process, in a group of its own (every process must see every event), started when the
 * first client subscribes: a gateway nobody watches never talks to Kafka. It also reads the
 * organizations' compacted topic from the beginning to know which id an officer's `org` code names.
 */
export class ChangeFeed {
  private readonly listeners = new Set<(signal: ChangeSignal) => void>();
  /** An officer's `org` code → the organization's id, with the time of the event that said so. */
  private readonly idsByCode = new Map<string, { id: string; time: string }>();
  private consumer: Consumer | undefined;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly log: Logger,
  ) {}

  /** Resolves once the consumer has joined its group: from then on no change is missed. */
  start(): Promise<void> {
    this.ready ??= this.connect().catch((error: unknown) => {
      this.ready = undefined; // the next subscriber tries again
      throw error;
    });
    return this.ready;
  }

  private async connect(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `pcc-gateway-changes-${randomUUID()}` });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPICS.organization], fromBeginning: true });
    const others = platformCatalogue.topics().filter((topic) => topic !== TOPICS.organization);
    await consumer.subscribe({ topics: others, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        try {
          const event = fromKafkaMessage(message);
          const data = event.data as Record<string, unknown> | null;
          if (event.type.startsWith('pcc.organization.')) this.learnCode(event.subject, event.time, data);
          const signal: ChangeSignal = {
            type: event.type,
            aggregateId: event.subject,
            organizationIds: organizationsOf(event.type, event.subject, data),
          };
          for (const listener of this.listeners) listener(signal);
        } catch (error) {
          this.log.warn({ err: error }, 'change feed: unreadable message skipped');
        }
      },
    });
    await joined;
  }

  /**
   * A code belongs to the organization with the newest event (as in the services' projections):
   * partitions are read in no common order, and a registry that re-created an organization under
   * its code must not leave its officers following the old one.
   */
  private learnCode(id: string, time: string, data: Record<string, unknown> | null): void {
    const snapshot: unknown = data?.organization ?? data;
    const value = snapshot && typeof snapshot === 'object' ? (snapshot as Record<string, unknown>).code : undefined;
    if (typeof value !== 'string') return;
    const code = value.toUpperCase();
    const known = this.idsByCode.get(code);
    if (!known || known.id === id || known.time <= time) this.idsByCode.set(code, { id, time });
  }

  subscribe(listener: (signal: ChangeSignal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a caller may see a signal: staff of the network see all; an officer, their organization's. */
  visibleTo(identity: Identity, signal: ChangeSignal): boolean {
    switch (identity.role) {
      case 'NETWORK_ADMIN':
      case 'ANALYST':
        return true;
      case 'LGO_OFFICER': {
        const id = identity.org ? this.idsByCode.get(identity.org.toUpperCase())?.id : undefined;
        return id !== undefined && signal.organizationIds.includes(id);
      }
      case 'PUBLIC':
        return false;
    }
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.consumer?.disconnect();
  }
}

const HEARTBEAT_MS = 15_000;

/**
 * `GET /changes`: a Server-Sent Events stream of change signals the caller may see (a token is
 * required: the console sends it in `Authorization`, so it reads the stream with fetch rather than
 * EventSource). `event: ready` once nothing can be missed any more, then `event: change` per signal.
 */
export function registerChangeStream(app: FastifyInstance, feed: ChangeFeed, authenticator: Authenticator): void {
  app.addHook('onClose', () => feed.stop());
  app.get('/changes', async (request, reply) => {
    let identity: Identity;
    try {
      identity = await authenticator.identify(request.headers.authorization);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        return reply.code(401).send({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
      throw error;
    }
    if (identity.role === 'PUBLIC')
      return reply
        .code(401)
        .send({ errors: [{ message: 'sign in to follow changes', extensions: { code: 'UNAUTHENTICATED' } }] });
    await feed.start();
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 2000\nevent: ready\ndata: {}\n\n');
    const unsubscribe = feed.subscribe((signal) => {
      if (feed.visibleTo(identity, signal)) raw.write(`event: change\ndata: ${JSON.stringify(signal)}\n\n`);
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
