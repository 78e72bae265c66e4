import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import {
  ensureRegistryTopics,
  followSupergraph,
  REGISTRY_TOPICS,
  supergraphHash,
  type AcceptedSupergraph,
  type Following,
  type RegistryTopics,
} from '@pcc/schema-registry/follow';
import { subgraphsOf } from './supergraph';

/** The supergraph the gateway serves now, and where it came from. */
export interface ActiveSupergraph {
  hash: string;
  /** `file`: the committed bootstrap; `registry`: an accepted one from the schema registry. */
  source: 'file' | 'registry';
  changedAt: Date;
  subgraphs: Array<{ name: string; url: string }>;
}

/** Where the gateway's supergraph comes from: the registry to follow, if any. */
export interface SupergraphRegistryOptions {
  kafka: Kafka;
  topics?: RegistryTopics;
  /** Of the registry's topics, created if missing (a gateway may start before the registry). */
  replicationFactor?: number;
}

/**
 * The gateway's supergraph: it starts on the committed `supergraph.graphql` (the bootstrap, and all
 * there is offline) and, with a registry, swaps in every supergraph the registry accepts while
 * requests flow (Apollo Gateway's `supergraphSdl` hook and its `update`). The registry only ever
 * holds accepted supergraphs; one the gateway itself cannot load is refused here too, and the last
 * good one keeps serving. `/readyz` and `/metrics` show the active one's hash and when it changed.
 */
export class SupergraphSource {
  private active: ActiveSupergraph;

  constructor(
    bootstrapSdl: string,
    private readonly options: {
      registry?: SupergraphRegistryOptions | undefined;
      log: Logger;
      metrics: Registry;
      /** How long start-up waits for the registry's current supergraph (default 5 s). */
      waitMs?: number;
    },
  ) {
    this.active = {
      hash: supergraphHash(bootstrapSdl),
      source: 'file',
      changedAt: new Date(),
      subgraphs: subgraphsOf(bootstrapSdl),
    };
    this.bootstrapSdl = bootstrapSdl;
    const info: Gauge<'hash' | 'source'> = new Gauge({
      name: 'pcc_gateway_supergraph_info',
      help: 'The supergraph served: 1 for its hash and source (file or registry)',
      labelNames: ['hash', 'source'] as const,
      registers: [options.metrics],
      collect: () => {
        info.reset();
        info.set({ hash: this.active.hash, source: this.active.source }, 1);
      },
    });
    const changed: Gauge = new Gauge({
      name: 'pcc_gateway_supergraph_changed_timestamp_seconds',
      help: 'When the served supergraph last changed (Unix time)',
      registers: [options.metrics],
      collect: () => changed.set(this.active.changedAt.getTime() / 1000),
    });
    this.updates = new Counter({
      name: 'pcc_gateway_supergraph_updates_total',
      help: 'Supergraphs from the registry: applied, or refused by the gateway (the last good one kept)',
      labelNames: ['outcome'] as const,
      registers: [options.metrics],
    });
  }

  private readonly bootstrapSdl: string;
  private readonly updates: Counter<'outcome'>;

  /** What is served now. */
  get current(): ActiveSupergraph {
    return this.active;
  }

  /**
   * Apollo Gateway's `supergraphSdl` option. It waits up to `waitMs` for the registry's current
   * supergraph, so a gateway that starts after a change serves it at once; without the broker it
   * starts on the bootstrap and keeps trying to follow in the background.
   */
  readonly hook: SupergraphSdlHook = async ({ update }) => {
    const registry = this.options.registry;
    if (!registry) return { supergraphSdl: this.bootstrapSdl };
    let stopped = false;
    let following: Following | undefined;
    const follow = async (): Promise<void> => {
      while (!stopped) {
        try {
          const admin = registry.kafka.admin();
          await admin.connect();
          try {
            await ensureRegistryTopics(admin, registry.topics ?? REGISTRY_TOPICS, registry.replicationFactor ?? 1);
          } finally {
            await admin.disconnect();
          }
          following = await followSupergraph(registry.kafka, (accepted) => this.receive(accepted), {
            ...(registry.topics ? { topics: registry.topics } : {}),
            groupPrefix: 'pcc-gateway-supergraph',
          });
          if (stopped) await following.stop();
          return following.caughtUp;
        } catch (error) {
          this.options.log.warn({ err: error }, 'cannot follow the schema registry yet; will retry');
          await new Promise((resolve) => setTimeout(resolve, 5_000).unref());
        }
      }
    };
    const caughtUp = follow();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      caughtUp,
      new Promise((resolve) => (timer = setTimeout(resolve, this.options.waitMs ?? 5_000))),
    ]);
    clearTimeout(timer);
    this.update = update;
    const first = this.received;
    if (first && first.hash !== this.active.hash) this.activate(first);
    return {
      supergraphSdl: first?.supergraphSdl ?? this.bootstrapSdl,
      cleanup: async () => {
        stopped = true;
        await following?.stop();
      },
    };
  };

  private update: ((sdl: string) => void) | undefined;
  /** The latest supergraph the registry accepted (before the gateway loaded: the one to start on). */
  private received: AcceptedSupergraph | undefined;

  private receive(accepted: AcceptedSupergraph): void {
    this.received = accepted;
    if (this.update) this.apply(accepted, this.update);
  }

  private activate(accepted: AcceptedSupergraph): void {
    this.active = {
      hash: accepted.hash,
      source: 'registry',
      changedAt: new Date(),
      subgraphs: subgraphsOf(accepted.supergraphSdl),
    };
  }

  private apply(accepted: AcceptedSupergraph, update: (sdl: string) => void): void {
    if (accepted.hash === this.active.hash) return;
    try {
      update(accepted.supergraphSdl);
    } catch (error) {
      this.updates.inc({ outcome: 'refused' });
      this.options.log.error(
        { err: error, hash: accepted.hash, serving: this.active.hash },
        'supergraph from the registry refused; serving the last good one',
      );
      return;
    }
    this.activate(accepted);
    this.updates.inc({ outcome: 'applied' });
    this.options.log.info({ hash: accepted.hash, publication: accepted.publicationId }, 'supergraph updated');
  }
}
