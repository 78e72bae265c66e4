import type { DataSource } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';
import { AgreementManager } from '../providers/agreement-manager';
import { registryScope } from '../providers/deps';
import { OrganizationManager } from '../providers/organization-manager';
import { AgreementEntity, OrganizationEntity } from '../store/entities';
import { NETWORK_ORGANIZATIONS, WASTE_MOU } from './organizations';

const SEEDER: Identity = { sub: 'seed', role: 'NETWORK_ADMIN', org: null };

/**
 * Loads the 19 organizations and the signed waste MOU through the same providers as the API, so
 * the seed emits the same events (other services' projections fill from them). Idempotent: what
 * exists is left alone. Returns what it created.
 */
export async function seed(dataSource: DataSource): Promise<{ organizations: number; agreements: number }> {
  const scope = registryScope(dataSource, SEEDER);
  const organizations = new OrganizationManager(scope);
  let created = 0;
  for (const o of NETWORK_ORGANIZATIONS) {
    if (await dataSource.getRepository(OrganizationEntity).existsBy({ code: o.code })) continue;
    await organizations.register({
      code: o.code,
      nameTh: o.nameTh,
      nameEn: o.nameEn,
      type: o.type,
      district: o.district,
      location: { lat: o.lat, lng: o.lng },
      establishedOn: '1999-01-01',
    });
    created += 1;
  }
  let agreements = 0;
  if (
    !(await dataSource
      .getRepository(AgreementEntity)
      .existsBy({ subject: WASTE_MOU.subject, signedOn: WASTE_MOU.signedOn }))
  ) {
    const all = await dataSource.getRepository(OrganizationEntity).findBy({ active: true });
    const codes = new Set(NETWORK_ORGANIZATIONS.map((o) => o.code));
    await new AgreementManager(scope).sign({
      ...WASTE_MOU,
      signatoryIds: all.filter((o) => codes.has(o.code)).map((o) => o.id),
    });
    agreements = 1;
  }
  return { organizations: created, agreements };
}
