#!/usr/bin/env node
/**
 * `npm run schema:publish --workspace @pcc/<service> [-- --force "<why>"]`: publishes the service's
 * schema.graphql (its version, its URL) to the schema registry, as the service does on start, then
 * waits for nothing: the composer decides (`pcc.registry.decision.v1` says what it decided and why).
 * Run in the service's folder (npm does): the service is the package there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { httpEnv, kafkaEnv, loadConfigOrExit, type Service } from '@pcc/config';
import { createKafka } from '@pcc/events';
import { publishServiceSchema, schemaPublishEnv } from '../schema-publish';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { force: { type: 'string' } } });
  const manifest = join(process.cwd(), 'package.json');
  const packageName = (JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name;
  const fromService = createRequire(manifest);
  const { service } = fromService(`${packageName}/service`) as { service: Service };
  const config = loadConfigOrExit(
    z.object({ ...httpEnv(service.port), ...kafkaEnv(service.clientId), ...schemaPublishEnv() }),
  );
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `${service.clientId}-schema-publish` });
  const publication = await publishServiceSchema(
    kafka,
    service,
    config,
    fromService.resolve(`${packageName}/schema.graphql`),
    {
      force: values.force,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    },
  );
  console.log(
    `published ${publication.subgraph} ${publication.version} (${publication.url}), publication ${publication.id}` +
      (publication.force ? `, forced: ${publication.force}` : ''),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
