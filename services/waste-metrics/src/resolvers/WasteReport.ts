import type { WasteReportResolvers } from '../generated/resolvers-types';

export const WasteReport: WasteReportResolvers = {
  organization: (r) => ({ id: r.organizationId }),
  byStream: (r) => ({ general: r.general, organic: r.organic, recyclable: r.recyclable, hazardous: r.hazardous }),
  byDestination: (r) => ({
    incinerated: r.incinerated,
    landfilled: r.landfilled,
    recycled: r.recycled,
    composted: r.composted,
  }),
  reporterName: (r, _args, { reader }) => reader.reporterName(r),
  returnReason: (r, _args, { reader }) => reader.returnReason(r),
  revisions: (r, _args, { loaders }) => loaders.revisions.load(`${r.organizationId}|${r.month}`),
};
