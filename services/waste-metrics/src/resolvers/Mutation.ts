import { parseInput } from '@pcc/subgraph-kit';
import type { MutationResolvers } from '../generated/resolvers-types';
import * as rules from '../domain/inputs';
import { importCsv } from '../providers/csv-import';

/** Thin: raw input goes to the report manager, which authorizes, validates and writes. */
export const Mutation: MutationResolvers = {
  submitWasteReport: (_parent, { input }, { reports }) => reports.submit(input),
  correctWasteReport: (_parent, { input }, { reports }) => reports.correct(input),
  setWasteBaseline: async (_parent, { organizationId, fiscalYear, tonnes }, { reports }) => {
    const baseline = await reports.setBaseline(organizationId, fiscalYear, tonnes);
    return { organization: { id: baseline.organizationId }, fiscalYear: baseline.fiscalYear, tonnes: baseline.tonnes };
  },
  importWasteReports: async (_parent, { organizationId, csv }, { dataSource, identity, reports }) => {
    const id = parseInput(rules.id, organizationId, 'organizationId');
    const text = parseInput(rules.csvText, csv, 'csv');
    await dataSource.transaction((tx) => reports.requireActFor(tx, id));
    return importCsv(dataSource, identity, text, { onlyOrganizationId: id });
  },
};
