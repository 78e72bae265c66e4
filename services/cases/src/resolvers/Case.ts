import type { CaseResolvers } from '../generated/resolvers-types';
import { isOpen } from '../domain/vocabulary';
import { coarsen } from '../domain/privacy';
import { subdistrictByCode } from '../domain/areas';

/** Field by field: public facts for everyone, personal data and free text for the people working the case. */
export const Case: CaseResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.caseById.load(reference.id),
  description: async (c, _args, context) => ((await context.reader.personal(c)) ? c.description : null),
  // PUBLIC, ANALYST and other organizations' officers: no title or place of a sensitive case, and a
  // coarse place without the address of the others (domain/privacy.ts).
  title: async (c, _args, { reader }) => ((await reader.view(c)) === 'withheld' ? null : c.title),
  location: async (c, _args, { reader }) => {
    const subdistrict = c.subdistrict ? (subdistrictByCode(c.subdistrict) ?? null) : null;
    switch (await reader.view(c)) {
      case 'full':
        return { lat: c.lat, lng: c.lng, address: c.address, district: c.district, subdistrict };
      case 'public':
        return { lat: coarsen(c.lat), lng: coarsen(c.lng), address: null, district: c.district, subdistrict };
      case 'withheld':
        return null;
    }
  },
  reporter: async (c, _args, context) =>
    (await context.reader.personal(c))
      ? { name: c.reporterName, phone: c.reporterPhone, email: c.reporterEmail }
      : null,
  leadOrganization: (c) => (c.leadOrgId ? { id: c.leadOrgId } : null),
  supportingOrganizations: async (c, _args, { loaders }) =>
    (await loaders.supportingByCase.load(c.id)).map((s) => ({ id: s.organizationId })),
  overdue: (c, _args, { answer }) => {
    if (!isOpen(c.status) || c.dueAt === null) return false;
    const due = c.dueAt.getTime();
    if (due < Date.now()) return true;
    // Not yet: the answer holds until the due time, when this case becomes overdue by the clock alone.
    answer.validUntil(due);
    return false;
  },
  // The reporter following their case (with its secret) reads how it was resolved.
  resolution: async (c, _args, { reader }) =>
    reader.reportedByCaller(c) || (await reader.personal(c)) ? c.resolution : null,
  referredTo: async (c, _args, context) => ((await context.reader.personal(c)) ? c.referredTo : null),
  // Citizens' uploads (often photos of people and homes) are for the people working the case.
  attachmentUrls: async (c, _args, context) => ((await context.reader.personal(c)) ? c.attachmentUrls : []),
  routingException: (c) => c.routingException,
  externalReferrals: (c, _args, { loaders }) => loaders.referralsByCase.load(c.id),
  duplicateOf: (c, _args, { loaders }) => (c.duplicateOf ? loaders.caseById.load(c.duplicateOf) : null),
  parties: async (c, _args, context) =>
    (await context.reader.personal(c)) ? context.loaders.partiesByCase.load(c.id) : [],
  // Mediators and attendees are people: the sessions are for the people working the case.
  mediationSessions: async (c, _args, context) =>
    (await context.reader.personal(c)) ? context.loaders.sessionsByCase.load(c.id) : [],
  timeline: async (c, _args, context) => {
    const entries = await context.loaders.timelineByCase.load(c.id);
    const visible = await context.reader.personal(c);
    return entries.map((e) => ({
      ...e,
      fromStatus: e.fromStatus as never,
      toStatus: e.toStatus as never,
      note: visible ? e.note : null,
    }));
  },
};
