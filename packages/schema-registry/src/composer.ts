import { createHash } from 'node:crypto';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { newEvent, platformCatalogue, sourceOf, toKafkaMessage, type DomainEvent } from '@pcc/events';
import { checkSupergraph, compose, refusalReasons, type CheckReport } from './checks';
import { supergraphHash } from './supergraph-hash';
import { followTopic, type Following } from './follow';
import type { RegisteredOperation } from './operations';
import { publicationSchema, type Publication } from './publication';
import { acceptedSupergraphSchema, SUPERGRAPH_KEY, type AcceptedSupergraph } from './supergraph-record';
import { ensureRegistryTopics, type RegistryTopics } from './topics';

export interface ComposerSettings {
  kafka: Kafka;
  topics: RegistryTopics;
  /** Subgraphs that must all have published before the first supergraph is composed. */
  subgraphs: readonly string[];
  /** The registered client operations, read for every decision (a client may register more meanwhile). */
  operations: () => RegisteredOperation[];
  replicationFactor?: number;
  log: Logger;
}

/** A decision of the composer on one publication. */
export type Decision =
  | { outcome: 'accepted'; publication: Publication; supergraph: AcceptedSupergraph; report: CheckReport }
  | { outcome: 'rejected'; publication: Publication; reasons: string[]; report: CheckReport | null }
  | { outcome: 'waiting' | 'unchanged'; publication: Publication };

const SOURCE = sourceOf('registry');

/**
 * The composer: reads every subgraph publication in order, composes the latest accepted schema of
 * every subgraph with the new one (@apollo/composition), checks the result against the last accepted
 * supergraph and the registered operations, and records the decision — an accepted supergraph on the
 * compacted supergraph topic (gateways follow it) and an accepted or rejected event for analysts. It
 * runs as a process of its own (`pcc-registry`): one decision per publication, whatever the number of
 * gateways, and a gateway never needs the clients' operations or the composition library.
 *
 * On start it reads the accepted state, then every publication again: one already accepted is
 * unchanged; one rejected is rejected again with the same event id (derived from the publication), so
 * readers that deduplicate on ids see it once.
 */
export class Composer {
  private accepted: AcceptedSupergraph | null = null;
  /** Before the first supergraph: the publications received so far, by subgraph. */
  private readonly pending = new Map<string, Publication>();
  private producer: Producer | undefined;
  private following: Following | undefined;
  private readonly listeners = new Set<(decision: Decision) => void>();

  constructor(private readonly settings: ComposerSettings) {}

  /** The last accepted supergraph (null before the first). */
  get current(): AcceptedSupergraph | null {
    return this.accepted;
  }

  /** Calls `listener` with every decision (tests, logs). */
  onDecision(listener: (decision: Decision) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const { kafka, topics } = this.settings;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureRegistryTopics(admin, topics, this.settings.replicationFactor ?? 1);
    } finally {
      await admin.disconnect();
    }
    this.producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    const state = await followTopic(kafka, topics.supergraph, 'pcc-registry-state', (message) => {
      if (message.value) this.accepted = acceptedSupergraphSchema.parse(JSON.parse(message.value.toString('utf8')));
    });
    await state.caughtUp;
    await state.stop();
    // One publication at a time, in order: each decision is the base of the next.
    this.following = await followTopic(kafka, topics.subgraphs, 'pcc-registry', (message) => this.handle(message));
    await this.following.caughtUp;
  }

  async stop(): Promise<void> {
    await this.following?.stop();
    await this.producer?.disconnect();
  }

  private async handle(message: KafkaMessage): Promise<void> {
    let publication: Publication;
    try {
      publication = publicationSchema.parse(JSON.parse(message.value?.toString('utf8') ?? 'null'));
    } catch (error) {
      // Not a publication (written by hand?): nothing to decide on, and nothing to stop for.
      this.settings.log.error({ err: error, offset: message.offset }, 'registry: unreadable publication skipped');
      return;
    }
    // Decided before this composer (re)started: the accepted state already holds its outcome.
    if (this.accepted && BigInt(message.offset) <= BigInt(this.accepted.publicationOffset)) return;
    const decision = await this.decide(publication, message.offset);
    await this.record(decision);
    for (const listener of this.listeners) listener(decision);
  }

  private async decide(publication: Publication, offset: string): Promise<Decision> {
    const accepted = this.accepted;
    const current = accepted?.subgraphs.find((s) => s.name === publication.subgraph);
    if (current && current.sdl === publication.sdl && current.url === publication.url)
      return { outcome: 'unchanged', publication };
    const base = accepted
      ? accepted.subgraphs.filter((s) => s.name !== publication.subgraph)
      : [...this.pending.values()]
          .filter((p) => p.subgraph !== publication.subgraph)
          .map((p) => ({ name: p.subgraph, url: p.url, sdl: p.sdl, version: p.version, publicationId: p.id }));
    const candidate = [
      ...base,
      {
        name: publication.subgraph,
        url: publication.url,
        sdl: publication.sdl,
        version: publication.version,
        publicationId: publication.id,
      },
    ].sort((a, b) => a.name.localeCompare(b.name));
    if (!accepted) {
      this.pending.set(publication.subgraph, publication);
      const missing = this.settings.subgraphs.filter((name) => !candidate.some((s) => s.name === name));
      if (missing.length > 0) {
        this.settings.log.info({ subgraph: publication.subgraph, missing }, 'registry: waiting for every subgraph');
        return { outcome: 'waiting', publication };
      }
    }
    const composed = compose(candidate);
    if ('errors' in composed)
      return {
        outcome: 'rejected',
        publication,
        reasons: composed.errors.map((e) => `composition: ${e}`),
        report: null,
      };
    const report = await checkSupergraph({
      previous: accepted?.supergraphSdl ?? null,
      next: composed.supergraphSdl,
      operations: this.settings.operations(),
    });
    const reasons = refusalReasons(report);
    if (reasons.length > 0 && !publication.force) return { outcome: 'rejected', publication, reasons, report };
    const supergraph: AcceptedSupergraph = {
      hash: supergraphHash(composed.supergraphSdl),
      supergraphSdl: composed.supergraphSdl,
      acceptedAt: new Date().toISOString(),
      publicationId: publication.id,
      publicationOffset: offset,
      subgraphs: candidate,
    };
    return { outcome: 'accepted', publication, supergraph, report };
  }

  private async record(decision: Decision): Promise<void> {
    const { publication } = decision;
    const log = this.settings.log.child({ subgraph: publication.subgraph, version: publication.version });
    if (decision.outcome === 'waiting' || decision.outcome === 'unchanged') return;
    const about = {
      publicationId: publication.id,
      subgraph: publication.subgraph,
      version: publication.version,
      url: publication.url,
      publishedAt: publication.publishedAt,
    };
    if (decision.outcome === 'rejected') {
      await this.emit(decision.outcome, {
        type: 'pcc.registry.schema-rejected',
        data: { ...about, reasons: decision.reasons, changes: decision.report?.changes ?? [] },
      });
      log.warn({ reasons: decision.reasons }, 'registry: publication rejected; gateways keep the last accepted one');
      return;
    }
    if (decision.outcome !== 'accepted') return;
    const { supergraph, report } = decision;
    const forced = refusalReasons(report).length > 0 ? publication.force : null;
    // The state first: once the event says "accepted", gateways can already follow it.
    await this.producer!.send({
      topic: this.settings.topics.supergraph,
      acks: -1,
      messages: [{ key: SUPERGRAPH_KEY, value: JSON.stringify(supergraph) }],
    });
    this.accepted = supergraph;
    this.pending.clear();
    await this.emit(decision.outcome, {
      type: 'pcc.registry.supergraph-accepted',
      data: {
        ...about,
        supergraphHash: supergraph.hash,
        forced,
        breakingChanges: report.breaking.map((b) => b.message),
        changes: report.changes,
      },
    });
    log.info({ hash: supergraph.hash, forced, breaking: report.breaking.length }, 'registry: supergraph accepted');
  }

  /** A decision event, validated by the catalogue like every produced event, its id derived from the publication. */
  private async emit(
    outcome: string,
    event: { type: string; data: Record<string, unknown> & { publicationId: string; subgraph: string } },
  ): Promise<void> {
    const data = platformCatalogue.parse(event.type, event.data);
    const domainEvent: DomainEvent = {
      ...newEvent({ type: event.type, source: SOURCE, subject: event.data.subgraph, data }),
      id: decisionId(event.data.publicationId, outcome),
    };
    await this.producer!.send({
      topic: this.settings.topics.decisions,
      acks: -1,
      messages: [toKafkaMessage(domainEvent)],
    });
  }
}

/** A uuid (version 5 layout) derived from the publication and the outcome: a repeated decision keeps its id. */
function decisionId(publicationId: string, outcome: string): string {
  const hex = createHash('sha256').update(`${publicationId}:${outcome}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
