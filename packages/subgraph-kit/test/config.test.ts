import { DEV_INTERNAL_SECRET, subgraphConfigSchema } from '../src';

describe('subgraphConfigSchema', () => {
  const schema = subgraphConfigSchema({ port: 4999, database: 'pcc_test', clientId: 'pcc-test' }, {});
  it('gives the service its port and database, and refuses the development secret in production', () => {
    const dev = schema.safeParse({ INTERNAL_JWT_SECRET: DEV_INTERNAL_SECRET });
    expect(dev.success && dev.data.PORT === 4999 && dev.data.DATABASE_URL.endsWith('/pcc_test')).toBe(true);
    const production = schema.safeParse({ INTERNAL_JWT_SECRET: DEV_INTERNAL_SECRET, NODE_ENV: 'production' });
    expect(production.success).toBe(false);
    expect(production.error?.issues.map((i) => i.path.join('.'))).toEqual(['INTERNAL_JWT_SECRET']);
  });
});
