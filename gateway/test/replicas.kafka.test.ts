import { Platform } from './platform';

/**
 * Two gateway replicas behind one load balancer: a caller's write lands on one, its next read on the
 * other, while other callers keep the same read in flight there. Each replica's in-flight sharing and
 * token caches are its own, and neither ever answers with data older than the caller's own write.
 */
describe('two gateways on the same subgraphs (real PostgreSQL and Kafka)', () => {
  let platform: Platform;
  let otherGateway: string;

  beforeAll(async () => {
    platform = await Platform.start();
    otherGateway = await platform.startAnotherGateway();
  }, 120_000);
  afterAll(() => platform?.stop());

  it('never serves a caller data older than its own write made through the other gateway', async () => {
    const admin = await Platform.token('NETWORK_ADMIN');
    const id = await platform.organizationId('PATONG');
    const READ = 'query Name($id: ID!) { organization(id: $id) { nameEn } }';
    const WRITE =
      'mutation Rename($id: ID!, $name: String!) { updateOrganization(id: $id, input: { nameEn: $name }) { nameEn } }';
    let stop = false;
    let background = 0;
    // Identical reads kept in flight on the second gateway, so a read there could share an older fetch.
    const readers = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const result = await platform.graphql(READ, { id }, admin, otherGateway);
        expect(result.body.errors).toBeUndefined();
        background += 1;
      }
    });
    const stale: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const name = `Patong ${i}`;
      const written = await platform.graphql(WRITE, { id, name }, admin);
      expect(written.body).toEqual({ data: { updateOrganization: { nameEn: name } } });
      const read = await platform.graphql(READ, { id }, admin, otherGateway);
      const seen = (read.body.data as { organization: { nameEn: string } }).organization.nameEn;
      if (seen !== name) stale.push(`${name} → ${seen}`);
    }
    stop = true;
    await Promise.all(readers);
    expect(stale).toEqual([]);
    expect(background).toBeGreaterThan(30);
  }, 120_000);
});
