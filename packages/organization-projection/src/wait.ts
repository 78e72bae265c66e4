import type { DataSource } from 'typeorm';

/**
 * For seeds that reference organizations: waits until the projection (filled by the running
 * service's consumer from Kafka) knows at least `count` active organizations.
 */
export async function waitForOrganizations(dataSource: DataSource, count: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await dataSource.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM organization_projection WHERE active',
    );
    if (n >= count) return;
    if (Date.now() > deadline)
      throw new Error(
        `only ${n} organizations known after ${timeoutMs / 1000} s: is the service running and Kafka up?`,
      );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
