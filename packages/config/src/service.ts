/**
 * What a subgraph service of the platform is, declared once in its `src/service.ts`. Everything
 * else is derived from it: config defaults, the Kafka client id and consumer group, the outbox
 * `source`, the PostgreSQL `application_name`, the databases the scripts create, the processes
 * `npm start` runs, docker-compose and the bench. Shell reads it through `scripts/services.mjs`.
 */
export interface ServiceDeclaration {
  /** Its folder under `services/`, its process, log and container name (`waste-metrics`). */
  name: string;
  /** Its own PostgreSQL database, never shared with another service. */
  database: string;
  /** The port it listens on by default (`PORT` overrides it). */
  port: number;
  /** Topics it writes through its outbox. */
  publishes: readonly string[];
  /** Topics its consumers read (projections of other services' data). */
  consumes: readonly string[];
  /**
   * The projections it keeps, by name: the topics each reads and the tables it fills, so an
   * operator can rebuild one from offset 0 (`npm run events:replay -- --service <name> --projection <name>`).
   * Only projections whose handlers have no effect but their own tables belong here.
   */
  projections?: Readonly<Record<string, { topics: readonly string[]; tables: readonly string[] }>>;
}

export interface Service extends ServiceDeclaration {
  /** Its name in the supergraph: GraphQL names allow no hyphen (`waste_metrics`). */
  subgraph: string;
  /** Kafka client id and PostgreSQL `application_name` of its process (`pcc-waste-metrics`). */
  clientId: string;
  /** The Kafka consumer group of its consumers. */
  consumerGroup: string;
  /** Every topic it publishes or consumes: created with their dead-letter topics at start. */
  topics: readonly string[];
  projections: Readonly<Record<string, { topics: readonly string[]; tables: readonly string[] }>>;
}

/** Completes a service's declaration with what follows from it. */
export function defineService(declaration: ServiceDeclaration): Service {
  const clientId = `pcc-${declaration.name}`;
  return {
    ...declaration,
    subgraph: declaration.name.replaceAll('-', '_'),
    clientId,
    consumerGroup: clientId,
    projections: declaration.projections ?? {},
    topics: [...new Set([...declaration.publishes, ...declaration.consumes])],
  };
}

/** The `application_name` of a one-off task of a service (`pcc-cases-seed`), told apart in `pg_stat_activity`. */
export const taskClientId = (service: Pick<Service, 'clientId'>, task: string): string => `${service.clientId}-${task}`;
