import { join } from 'node:path';
import { checkSupergraph, compose, loadRegisteredOperations, refusalReasons, type SubgraphSchema } from '../src';
import { cases, organizations } from './fixtures/subgraphs';

const operations = loadRegisteredOperations(join(__dirname, 'fixtures', 'root'));

const supergraph = (...subgraphs: SubgraphSchema[]): string => {
  const result = compose(subgraphs);
  if ('errors' in result) throw new Error(result.errors.join('\n'));
  return result.supergraphSdl;
};

const check = async (next: SubgraphSchema) =>
  checkSupergraph({
    previous: supergraph(organizations(), cases()),
    next: supergraph(organizations(), next),
    operations,
  });

describe('registered operations', () => {
  it('are the benchmark files and every client manifest of persisted documents', () => {
    expect(operations.map((o) => o.name)).toEqual(['bench/operations/case-list.graphql', 'apps/console#a1b2c3']);
  });
});

describe('the checks of a publication', () => {
  it('accept an added field, and a breaking change no registered operation uses (recorded as breaking)', async () => {
    const report = await check(
      cases({
        caseFields: 'title: String! status: CaseStatus! priority: Priority! organization: Organization dueAt: String',
      }),
    );
    expect(report.changes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Field 'dueAt' was added/),
        expect.stringMatching(/'note' .*removed/),
      ]),
    );
    expect(report.breaking).toEqual([expect.objectContaining({ path: 'Case.note', usedBy: [] })]);
    expect(refusalReasons(report)).toEqual([]);
  });

  it('refuse a removed field a registered operation uses, naming the operation', async () => {
    const report = await check(
      cases({ caseFields: 'status: CaseStatus! priority: Priority! note: String organization: Organization' }),
    );
    const reasons = refusalReasons(report);
    expect(reasons.join('\n')).toMatch(/bench\/operations\/case-list\.graphql.*title/);
    expect(reasons.join('\n')).toMatch(/apps\/console#a1b2c3/);
  });

  it('refuse a retyped field and a removed enum value that operations reach', async () => {
    const retyped = await check(
      cases({
        caseFields: 'title: Int! status: CaseStatus! priority: Priority! note: String organization: Organization',
      }),
    );
    expect(retyped.breaking.map((b) => b.path)).toEqual(['Case.title']);
    expect(retyped.breaking[0]!.usedBy).toEqual(['bench/operations/case-list.graphql', 'apps/console#a1b2c3']);
    // The benchmark's list filters by status: a removed value of the enum touches it.
    const removedValue = await checkSupergraph({
      previous: supergraph(organizations(), cases()),
      next: supergraph(organizations(), cases({ statuses: 'OPEN' })),
      operations,
    });
    expect(removedValue.breaking).toEqual([
      expect.objectContaining({ path: 'CaseStatus.CLOSED', usedBy: ['bench/operations/case-list.graphql'] }),
    ]);
  });

  it('refuse an argument made required that an operation leaves out', async () => {
    const report = await check(cases({ casesArgs: 'first: Int, status: CaseStatus, region: String!' }));
    expect(report.invalidOperations.map((o) => o.name)).toEqual(['bench/operations/case-list.graphql']);
    expect(refusalReasons(report).join('\n')).toMatch(/no longer validates.*region/);
  });

  it('report what does not compose', () => {
    // Two subgraphs resolving the same root field, neither saying it is shareable.
    const clash = { ...cases(), sdl: `${cases().sdl}\n extend type Query { organization(id: ID!): Organization }` };
    expect(compose([organizations(), clash])).toEqual({
      errors: [expect.stringMatching(/Non-shareable field "Query\.organization"/)],
    });
    expect(compose([organizations(), { ...cases(), sdl: 'type Query {' }])).toEqual({
      errors: [expect.stringMatching(/Syntax Error/)],
    });
  });
});
