import type { DataSource } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';
import { OrganizationProjection, projectionScope } from '@pcc/organization-projection';
import { monthsOfFiscalYear } from '@pcc/fiscal-year';
import { toTonnes } from '../domain/tonnes';
import { ReportManager } from '../providers/report-manager';

const ADMIN: Identity = { sub: 'seed', role: 'NETWORK_ADMIN', org: null };

/**
 * Share of the province's waste and the change from FY2560 to FY2561 per organization (negative =
 * less waste). Patong and the city produce most; some organizations beat the 5 % target, some do not.
 */
const PROFILE: Record<string, { share: number; change: number }> = {
  'PKT-CITY': { share: 0.14, change: -0.07 },
  PATONG: { share: 0.16, change: -0.02 },
  KATHU: { share: 0.06, change: -0.06 },
  KARON: { share: 0.07, change: -0.01 },
  RAWAI: { share: 0.07, change: -0.08 },
  CHALONG: { share: 0.08, change: -0.03 },
  RATSADA: { share: 0.06, change: -0.06 },
  WICHIT: { share: 0.08, change: -0.055 },
  'KO-KAEO': { share: 0.03, change: -0.09 },
  KAMALA: { share: 0.04, change: 0.01 },
  'CHOENG-THALE-M': { share: 0.05, change: -0.04 },
  'CHOENG-THALE-S': { share: 0.03, change: -0.065 },
  'SI-SUNTHON': { share: 0.03, change: -0.05 },
  'THEP-KRASATTRI-M': { share: 0.02, change: -0.02 },
  'THEP-KRASATTRI-S': { share: 0.02, change: -0.07 },
  'PA-KHLOK': { share: 0.02, change: -0.06 },
  SAKHU: { share: 0.02, change: -0.03 },
  'MAI-KHAO': { share: 0.02, change: -0.075 },
  'PKT-PAO': { share: 0.01, change: -0.05 },
};

/** Phuket's FY2561 scale: about 925 t a day; FY2560 was about 4 % more. High season (Nov–Apr) makes more. */
const FY2561_TONNES_PER_DAY = 925;

function monthKg(baseKgPerDay: number, month: string): number {
  const m = Number(month.slice(5));
  const season = m >= 11 || m <= 4 ? 1.08 : 0.92;
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), m, 0)).getUTCDate();
  return Math.round(baseKgPerDay * season * days);
}

/** Splits a month's kilograms into streams and destinations that add up exactly. */
function split(totalKg: number) {
  const part = (share: number) => Math.round(totalKg * share);
  const organic = part(0.3),
    recyclable = part(0.12),
    hazardous = part(0.03);
  const landfilled = part(0.16),
    recycled = part(0.07),
    composted = part(0.03);
  return {
    byStream: {
      general: toTonnes(totalKg - organic - recyclable - hazardous),
      organic: toTonnes(organic),
      recyclable: toTonnes(recyclable),
      hazardous: toTonnes(hazardous),
    },
    byDestination: {
      incinerated: toTonnes(totalKg - landfilled - recycled - composted),
      landfilled: toTonnes(landfilled),
      recycled: toTonnes(recycled),
      composted: toTonnes(composted),
    },
  };
}

/** 24 months (FY2560 as the baseline year, FY2561 against it) for the 19 organizations. Idempotent. */
export async function seed(dataSource: DataSource): Promise<{ reports: number }> {
  const organizations = await dataSource.getRepository(OrganizationProjection).findBy({ active: true });
  const manager = new ReportManager(projectionScope(dataSource, ADMIN));
  let reports = 0;
  for (const organization of organizations) {
    const profile = PROFILE[organization.code];
    if (!profile) continue;
    const base2561 = FY2561_TONNES_PER_DAY * 1000 * profile.share;
    for (const [year, perDay] of [
      [2560, base2561 / (1 + profile.change)],
      [2561, base2561],
    ] as const) {
      for (const month of monthsOfFiscalYear(year)) {
        const [exists] = await dataSource.query<unknown[]>(
          'SELECT 1 FROM waste_report WHERE organization_id = $1 AND month = $2',
          [organization.id, month],
        );
        if (exists) continue;
        await manager.submit({ organizationId: organization.id, month, ...split(monthKg(perDay, month)), note: null });
        reports += 1;
      }
    }
  }
  return { reports };
}
