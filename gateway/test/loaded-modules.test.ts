import { filesOf, freshGateway, type FreshGateway } from './fresh-gateway';

// Every module a gateway loads stays on its heap, in every replica: what it never uses is memory for
// nothing (BENCHMARKS.md, the gateway's memory).
describe('what a gateway process loads', () => {
  let gateway: FreshGateway;
  beforeAll(() => {
    gateway = freshGateway();
  });

  it('follows the schema registry and reads the event bus', () => {
    expect(gateway.loaded.some((file) => file.includes('/schema-registry/dist/supergraph-follower.js'))).toBe(true);
    expect(gateway.loaded.some((file) => file.includes('/events/dist/kafka.js'))).toBe(true);
    expect(filesOf(gateway.loaded, 'kafkajs').length).toBeGreaterThan(0);
  });

  it('loads neither composition, the breaking-change checks, a database driver nor Redis (with the memory store)', () => {
    // Composition and the checks are the registry composer's (`@pcc/schema-registry/follow` leaves
    // them out, and patches/ makes Apollo's own composing managers load them on use); the outbox is
    // the services' (`@pcc/events/bus`); Redis is the `redis` rate-limit store's.
    for (const name of [
      '@apollo/composition',
      '@graphql-inspector/core',
      'pg',
      'typeorm',
      'ioredis',
      '@duckdb/node-api',
    ])
      expect({ name, files: filesOf(gateway.loaded, name) }).toEqual({ name, files: [] });
    expect(gateway.loaded.filter((file) => /\/events\/dist\/(outbox|relay|consumer)\//.test(file))).toEqual([]);
  });
});
