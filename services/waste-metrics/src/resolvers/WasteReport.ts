import type { WasteReportResolvers } from '../generated/resolvers-types';
import { organizationIdByCode } from '@pcc/organization-projection';

/** The reporter's name is for staff: network admins and the organization's own officers. */
export const WasteReport: WasteReportResolvers = {
  organization: (r) => ({ id: r.organizationId }),
  byStream: (r) => ({ general: r.general, organic: r.organic, recyclable: r.recyclable, hazardous: r.hazardous }),
  byDestination: (r) => ({
    incinerated: r.incinerated,
    landfilled: r.landfilled,
    recycled: r.recycled,
    composted: r.composted,
  }),
  reporterName: async (r, _args, { identity, dataSource }) => {
    if (identity.role === 'NETWORK_ADMIN') return r.reporterName;
    if (identity.role !== 'LGO_OFFICER') return null;
    return (await organizationIdByCode(dataSource.manager, identity.org)) === r.organizationId ? r.reporterName : null;
  },
  revisions: (r, _args, { loaders }) => loaders.revisions.load(`${r.organizationId}|${r.month}`),
};
