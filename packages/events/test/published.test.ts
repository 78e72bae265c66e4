import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplePayload, fieldsOf, jsonSchemaOf, platformCatalogue, publishedFiles } from '../src';

/** The committed catalogue (AsyncAPI and HTML page) is what the schemas generate today. */
describe('the published event catalogue', () => {
  it('is up to date: regenerate with `npm run export:catalogue --workspace @pcc/events`', () => {
    for (const [name, content] of Object.entries(publishedFiles()))
      expect(readFileSync(join(__dirname, '..', 'published', name), 'utf8')).toBe(content);
  });

  it('shows, for every event type, an example payload its own schema accepts', () => {
    for (const { type } of platformCatalogue.all())
      expect(() => platformCatalogue.parse(type, examplePayload(platformCatalogue, type))).not.toThrow();
  });

  it('lists each topic with its key, retention and dead letters, and each event type', () => {
    const page = publishedFiles()['catalogue.html'];
    for (const topic of platformCatalogue.topics()) expect(page).toContain(`<h2><code>${topic}</code></h2>`);
    for (const { type } of platformCatalogue.all()) expect(page).toContain(`<h3><code>${type}</code></h3>`);
    expect(page).toContain('compacted: the latest full snapshot of every aggregate');
    expect(page).toContain('every event kept indefinitely');
  });
});

/**
 * The review of every event type's contents (issue 15, item 6): the facts analysts need are in the
 * events themselves, and nothing personal is.
 */
describe('what events carry', () => {
  const fields = new Map(
    platformCatalogue.all().map((d) => [d.type, fieldsOf(jsonSchemaOf(platformCatalogue, d.type))]),
  );
  const paths = (type: string) => fields.get(type)!.map((f) => f.path);

  it('no citizen names, contacts, descriptions, addresses or coordinates in any event', () => {
    const personal =
      /(^|\.)(reporter|reporterName|name|firstName|lastName|person|phone|email|contact|lineId|address|description|lat|lng|latitude|longitude|location|parties|party|citizen\w*|nationalId|comment)$/i;
    const found = [...fields].flatMap(([type, rows]) =>
      rows.filter((r) => personal.test(r.path)).map((r) => `${type}: ${r.path}`),
    );
    expect(found).toEqual([]);
  });

  it('free text only where it is an official record, and each such field is known', () => {
    // Strings without a format, pattern or enum; ids, codes and names of organizations are not free text.
    const freeText = [...fields].flatMap(([type, rows]) =>
      rows
        .filter(
          (r) => /^string( or null)?$/.test(r.type) && !/(^|\.)(code|nameTh|nameEn|sub|org|metric|unit)$/.test(r.path),
        )
        .map((r) => `${type.split('.')[1]}: ${r.path}`),
    );
    expect([...new Set(freeText)].sort()).toEqual([
      'agreement: agreement.title', // the MOU's official title
      'member: member.groupRole', // a position in the working group, not a person
      'member: member.title', // the position held (e.g. "Mayor"), never the person's name
      'plan: plan.strategies[].approaches[].title', // the plan's published text
      'plan: plan.strategies[].title',
      'plan: plan.title',
      'project: councilResolution.reference', // a council resolution number
      'project: note', // .v1 coordination types only, no longer written: .v2 says hasNote (see README)
      'project: project.title', // the project's official title
      'project: reason', // .v1 cancellation only, no longer written: .v2 carries a reasonCode (see README)
      'registry: forced', // an operator's stated reason for forcing a schema change: the platform's record
      'registry: subgraph', // a subgraph's name
      'registry: version', // a subgraph build's version
    ]);
  });

  it('has a .v2 without the officials’ words for every project type that carried them, and marks the .v1 superseded', () => {
    for (const type of [
      'pcc.project.cancelled',
      'pcc.project.coordination-submitted',
      'pcc.project.coordination-accepted',
      'pcc.project.coordination-declined',
    ]) {
      expect(platformCatalogue.get(type)!.description).toContain(`superseded by ${type}.v2`);
      expect(paths(`${type}.v2`)).not.toEqual(expect.arrayContaining(['note']));
      expect(paths(`${type}.v2`)).not.toEqual(expect.arrayContaining(['reason']));
    }
    expect(paths('pcc.project.cancelled.v2')).toContain('reasonCode');
    expect(paths('pcc.project.coordination-declined.v2')).toContain('hasNote');
  });

  it('cases carry organization, category, district, status, priority and times', () => {
    for (const { type } of platformCatalogue.all().filter((d) => d.type.startsWith('pcc.case.')))
      expect(paths(type)).toEqual(
        expect.arrayContaining([
          'case.leadOrganizationId',
          'case.supportingOrganizationIds',
          'case.category',
          'case.kind',
          'case.district',
          'case.status',
          'case.priority',
          'case.channel',
          'case.openedAt',
          'case.dueAt',
          'version',
        ]),
      );
  });

  it('projects carry owner, fiscal year, funding source, amounts and status', () => {
    for (const { type } of platformCatalogue.all().filter((d) => d.type.startsWith('pcc.project.')))
      expect(paths(type)).toEqual(
        expect.arrayContaining([
          'project.ownerOrganizationId',
          'project.fiscalYear',
          'project.fundingSource',
          'project.budget',
          'project.approvedBudget',
          'project.disbursed',
          'project.status',
          'project.plannedEnd',
        ]),
      );
  });

  it('waste reports carry organization, month, revision and tonnes; targets and baselines their figures', () => {
    for (const type of ['pcc.waste.report-submitted', 'pcc.waste.report-corrected'])
      expect(paths(type)).toEqual(
        expect.arrayContaining([
          'organizationId',
          'report.month',
          'report.fiscalYear',
          'report.revision',
          'report.totalTonnes',
          'report.byStream.GENERAL',
        ]),
      );
    expect(paths('pcc.waste.target-set')).toEqual(expect.arrayContaining(['organizationId', 'targetPercent']));
    expect(paths('pcc.waste.baseline-set')).toEqual(expect.arrayContaining(['baselineTonnes', 'baselineFiscalYear']));
    expect(paths('pcc.organization.registered')).toEqual(
      expect.arrayContaining(['organization.code', 'organization.district', 'organization.type']),
    );
  });
});
