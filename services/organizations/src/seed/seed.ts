import type { DataSource } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';
import { AgreementManager } from '../providers/agreement-manager';
import { FollowUpActions } from '../providers/follow-up-actions';
import { MeetingManager } from '../providers/meeting-manager';
import { registryScope } from '../providers/deps';
import { OrganizationManager } from '../providers/organization-manager';
import { AgreementEntity, FollowUpActionEntity, MeetingEntity, OrganizationEntity } from '../store/entities';
import { DEMO_SIGNING, DEMO_WORKSHOP } from './meetings';
import { NETWORK_ORGANIZATIONS, WASTE_MOU } from './organizations';

const SEEDER: Identity = { sub: 'seed', role: 'NETWORK_ADMIN', org: null };

/**
 * Loads the 19 organizations, the demo meetings and the signed waste MOU (at its signing meeting)
 * through the same providers as the API, so
 * the seed emits the same events (other services' projections fill from them). Idempotent: what
 * exists is left alone. Returns what it created.
 */
export async function seed(
  dataSource: DataSource,
): Promise<{ organizations: number; agreements: number; meetings: number }> {
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
  const network = (await dataSource.getRepository(OrganizationEntity).findBy({ active: true })).filter((o) =>
    NETWORK_ORGANIZATIONS.some((n) => n.code === o.code),
  );
  const meetings = new MeetingManager(scope);
  let recorded = 0;
  if (!(await dataSource.getRepository(MeetingEntity).existsBy({ kind: 'WORKSHOP', heldOn: DEMO_WORKSHOP.heldOn }))) {
    const lgos = network.filter((o) => o.type !== 'PROVINCIAL_ADMINISTRATION');
    const workshop = await meetings.record({
      ...DEMO_WORKSHOP,
      organizationIds: network.map((o) => o.id),
      resolutions: DEMO_WORKSHOP.resolutions.map((r) => ({
        text: r.text,
        actions: lgos.map((o) => ({ organizationId: o.id, description: r.description, dueOn: r.dueOn })),
      })),
    });
    // Most organizations reported on the first request; the rest, and the second, are still open.
    const first = await dataSource
      .getRepository(FollowUpActionEntity)
      .find({ where: { meetingId: workshop.id, dueOn: DEMO_WORKSHOP.resolutions[0]!.dueOn }, order: { id: 'ASC' } });
    const actions = new FollowUpActions(scope);
    for (const action of first.slice(3)) await actions.updateStatus(action.id, 'DONE');
    recorded += 1;
  }
  let signingId = (
    await dataSource.getRepository(MeetingEntity).findOneBy({ kind: 'SIGNING', heldOn: DEMO_SIGNING.heldOn })
  )?.id;
  if (!signingId) {
    signingId = (await meetings.record({ ...DEMO_SIGNING, organizationIds: network.map((o) => o.id) })).id;
    recorded += 1;
  }
  let agreements = 0;
  if (
    !(await dataSource
      .getRepository(AgreementEntity)
      .existsBy({ subject: WASTE_MOU.subject, signedOn: WASTE_MOU.signedOn }))
  ) {
    await new AgreementManager(scope).sign({
      ...WASTE_MOU,
      signatoryIds: network.map((o) => o.id),
      meetingId: signingId,
    });
    agreements = 1;
  }
  return { organizations: created, agreements, meetings: recorded };
}
