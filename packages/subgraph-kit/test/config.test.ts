import { DEV_INTERNAL_SECRET, responseCacheSettingsOf, subgraphConfigSchema } from '../src';

describe('subgraphConfigSchema', () => {
  const schema = subgraphConfigSchema({ port: 4999, database: 'pcc_test', clientId: 'pcc-test' }, {});
  it('gives the service its port and database, and refuses the development secret in production', () => {
    const dev = schema.safeParse({ INTERNAL_JWT_SECRET: DEV_INTERNAL_SECRET });
    expect(dev.success && dev.data.PORT === 4999 && dev.data.DATABASE_URL.endsWith('/pcc_test')).toBe(true);
    const production = schema.safeParse({ INTERNAL_JWT_SECRET: DEV_INTERNAL_SECRET, NODE_ENV: 'production' });
    expect(production.success).toBe(false);
    expect(production.error?.issues.map((i) => i.path.join('.'))).toEqual(['INTERNAL_JWT_SECRET']);
  });

  it('turns the response cache on by default, off with SUBGRAPH_RESPONSE_CACHE=off, and refuses other values', () => {
    const settings = (env: Record<string, string>) =>
      responseCacheSettingsOf(schema.parse({ INTERNAL_JWT_SECRET: DEV_INTERNAL_SECRET, ...env }));
    expect(settings({})).toEqual({ enabled: true, maxBytes: 32 * 1024 * 1024, defaultMaxAgeSeconds: 60 });
    expect(settings({ SUBGRAPH_RESPONSE_CACHE: 'off' }).enabled).toBe(false);
    expect(settings({ SUBGRAPH_RESPONSE_CACHE_MB: '8', SUBGRAPH_RESPONSE_CACHE_MAX_AGE_S: '5' })).toMatchObject({
      maxBytes: 8 * 1024 * 1024,
      defaultMaxAgeSeconds: 5,
    });
    const refused = schema.safeParse({ INTERNAL_JWT_SECRET: DEV_INTERNAL_SECRET, SUBGRAPH_RESPONSE_CACHE: 'maybe' });
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['SUBGRAPH_RESPONSE_CACHE']);
  });
});
