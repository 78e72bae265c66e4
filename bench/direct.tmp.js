const p = require('./dist/processes');
const { load, once } = require('./dist/load');
const { connect } = require('./dist/databases');
const { InternalTokens } = require('/work/main/packages/subgraph-kit/dist/index.js');
(async () => {
  const secret = 'i'.repeat(40);
  const { urlOf } = require('./dist/databases');
  const run = [p.start('cases', 'services/cases/dist/index.js', { PORT: '5002', HOST: '127.0.0.1', DATABASE_URL: urlOf('cases'), INTERNAL_JWT_SECRET: secret, DATABASE_POOL_SIZE: '20' }, () => {}, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'])];
  await p.waitUntilUp('http://127.0.0.1:5002/readyz');
  const token = await new InternalTokens(secret, 3600).sign({ sub: 'a', role: 'ANALYST', org: null });
  const db = await connect('organizations'); const org = (await db.query("SELECT id FROM organization WHERE code='PATONG'")).rows[0].id; await db.end();
  const q = 'query ($organization: ID!) { cases(filter: { organization: $organization, overdue: true }, first: 20) { totalCount edges { cursor node { id trackingCode title status priority dueAt } } pageInfo { hasNextPage endCursor } } }';
  const req = { url: 'http://127.0.0.1:5002/graphql', headers: { authorization: 'Bearer ' + token }, body: JSON.stringify({ query: q, variables: { organization: org } }) };
  console.log(JSON.stringify((await once(req)).body).slice(0, 100));
  console.log('direct, 50 conns', await load(req, 50, 8));
  
  await p.stopAll(run); process.exit(0);
})();
