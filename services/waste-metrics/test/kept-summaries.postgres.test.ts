import { randomUUID } from 'node:crypto';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import { projectionScope } from '@pcc/organization-projection';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import {
  createTestDatabase,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  type GraphQLClient,
  type TestDatabase,
} from '@pcc/testing';
import { monthsOfFiscalYear } from '@pcc/fiscal-year';
import { agreementTargets, createServer, entities, migrations, ReportManager } from '../src/server';
import { graphql } from './generated';
import { mouSigned } from './fixtures';

const SECRET = 'waste-test-internal-secret-0123456789abcdef';
const ADMIN: Identity = IdentityFactory.admin();
const ORGS = { RAWAI: randomUUID(), CHALONG: randomUUID() };

const Summaries = graphql(`
  query KeptWasteSummaries($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Organization {
        id
        wasteSummary(fiscalYear: 2568) {
          generatedTonnes
          reductionPercent
        }
      }
    }
    provinceWasteSummary(fiscalYear: 2568) {
      generatedTonnes
      ranking {
        organization {
          id
        }
        generatedTonnes
      }
    }
  }
`);

/**
 * Waste summaries the process keeps between changes (store/kept-summaries.ts) follow every change at
 * once: a report, a correction, a target from the MOU's event, an organization leaving the network —
 * each read right after it, with no wait, answers the new figures.
 */
describe('waste summaries kept between changes (real PostgreSQL)', () => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const tokens = new InternalTokens(SECRET);
  const manager = () => new ReportManager(projectionScope(db.dataSource, ADMIN));
  const tonnes = (t: number) => ({
    byStream: { general: String(t), organic: '0', recyclable: '0', hazardous: '0' },
    byDestination: { incinerated: String(t), landfilled: '0', recycled: '0', composted: '0' },
  });
  const [oct, nov] = monthsOfFiscalYear(2568);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'waste_kept', migrations, entities });
    await OrganizationFactory.insert(
      db.dataSource,
      ...Object.entries(ORGS).map(([code, id]) => ({ id, code, nameTh: code, nameEn: code })),
    );
    for (const m of monthsOfFiscalYear(2567))
      await manager().submit({ organizationId: ORGS.RAWAI, month: m, ...tonnes(100) });
    server = await createServer({ dataSource: db.dataSource, internalTokens: tokens, logLevel: 'silent' });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  const read = async () => {
    const data = expectNoGraphQLErrors(
      await client.execute({
        document: Summaries,
        variables: { r: Object.values(ORGS).map((id) => ({ __typename: 'Organization', id })) },
        as: IdentityFactory.analyst('kept'),
      }),
    );
    const of = (id: string) => {
      const entity = data._entities.find((e) => e && 'id' in e && e.id === id);
      return entity && 'wasteSummary' in entity ? entity.wasteSummary : null;
    };
    // Null only when the subgraph cannot answer, which the query's own errors would have failed on.
    const province = data.provinceWasteSummary!;
    return {
      rawai: of(ORGS.RAWAI),
      chalong: of(ORGS.CHALONG),
      province: province.generatedTonnes,
      ranked: province.ranking.map((r) => r.organization?.id).sort(),
    };
  };

  it('answers the new figures right after each change', async () => {
    expect(await read()).toMatchObject({ rawai: { generatedTonnes: '0.000' }, province: '0.000' });
    await manager().submit({ organizationId: ORGS.RAWAI, month: oct!, ...tonnes(90) });
    expect(await read()).toMatchObject({
      rawai: { generatedTonnes: '90.000', reductionPercent: null },
      province: '90.000',
    });
    // Kept: the same answer again, from memory.
    expect(await read()).toEqual(await read());
    await manager().submit({ organizationId: ORGS.CHALONG, month: oct!, ...tonnes(50) });
    expect(await read()).toMatchObject({ chalong: { generatedTonnes: '50.000' }, province: '140.000' });
    await manager().correct({ organizationId: ORGS.RAWAI, month: oct!, ...tonnes(80) });
    await manager().submit({ organizationId: ORGS.RAWAI, month: nov!, ...tonnes(80) });
    expect(await read()).toMatchObject({ rawai: { generatedTonnes: '160.000' }, province: '210.000' });
    // A baseline from the MOU's event (as the consumer applies it): the reduction appears at once.
    const signed = mouSigned({ signatories: [ORGS.RAWAI], value: '5.00', baselineFiscalYear: 2567 });
    await db.dataSource.transaction((tx) => agreementTargets.handlers['pcc.agreement.signed']!(signed, tx));
    expect((await read()).rawai).toMatchObject({ reductionPercent: '20.00' });
    // An organization leaving the network leaves the province's figures at once.
    await db.dataSource.query('UPDATE organization_projection SET active = false WHERE id = $1', [ORGS.CHALONG]);
    expect(await read()).toMatchObject({ province: '160.000', ranked: [ORGS.RAWAI] });
  });
});
