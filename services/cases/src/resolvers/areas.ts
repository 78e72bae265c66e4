import type {
  CaseCategoryInfoResolvers,
  ExternalReferralResolvers,
  SubdistrictOrganizationResolvers,
} from '../generated/resolvers-types';
import { externalBodyByCode } from '../domain/areas';

/** A tambon's organization by its registry code, resolved to the organization when the registry knows it. */
export const SubdistrictOrganization: SubdistrictOrganizationResolvers = {
  organization: async (o, _args, { loaders }) => {
    const known = await loaders.organizationIdByCode.load(o.code);
    return known ? { id: known.id } : null;
  },
};

/**
 * The outside body's letter number and answer go to the people working the case and its reporter
 * (as its resolution does); the staff's note to the people working it only.
 */
export const ExternalReferral: ExternalReferralResolvers = {
  case: async (r, _args, { loaders }) => {
    const c = await loaders.caseById.load(r.caseId);
    // The row references its case (a foreign key): a missing case is a broken database, not bad input.
    if (!c) throw new Error(`Referral ${r.id} has no case`);
    return c;
  },
  externalBody: (r) => {
    const body = externalBodyByCode(r.externalBody);
    // A referral keeps its body's code for good; a body later removed from the data still shows its code.
    return body ?? { code: r.externalBody, nameTh: r.externalBody, nameEn: r.externalBody, handles: [] };
  },
  reference: async (r, _args, { loaders, reader }) => {
    const c = await loaders.caseById.load(r.caseId);
    return c && (reader.reportedByCaller(c) || (await reader.personal(c))) ? r.reference : null;
  },
  reply: async (r, _args, { loaders, reader }) => {
    const c = await loaders.caseById.load(r.caseId);
    return c && (reader.reportedByCaller(c) || (await reader.personal(c))) ? r.reply : null;
  },
  note: async (r, _args, { loaders, reader }) => {
    const c = await loaders.caseById.load(r.caseId);
    return c && (await reader.personal(c)) ? r.note : null;
  },
};

export const CaseCategoryInfo: CaseCategoryInfoResolvers = {
  externalBody: (c) => (c.owner === 'EXTERNAL_BODY' ? (externalBodyByCode(c.externalBody) ?? null) : null),
};
