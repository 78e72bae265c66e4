import type { EntityManager } from 'typeorm';
import { Outbox, platformCatalogue, sourceOf } from '@pcc/events';
import { type Identity, eventActor } from '@pcc/subgraph-kit';
import type { WasteReportEntity } from '../store/entities';
import { service } from '../service';

/** This service's outbox: every event it writes is validated against the platform catalogue. */
export const outbox = new Outbox(platformCatalogue, sourceOf(service.name));

/** A report as analysts see it: tonnes only, no reporter name. */
export const reportSnapshot = (r: WasteReportEntity) => ({
  id: r.id,
  organizationId: r.organizationId,
  month: r.month,
  fiscalYear: r.fiscalYear,
  revision: r.revision,
  totalTonnes: r.totalTonnes,
  byStream: { GENERAL: r.general, ORGANIC: r.organic, RECYCLABLE: r.recyclable, HAZARDOUS: r.hazardous },
  byDestination: { INCINERATED: r.incinerated, LANDFILLED: r.landfilled, RECYCLED: r.recycled, COMPOSTED: r.composted },
});

export function emitWasteEvent(
  tx: EntityManager,
  type: string,
  organizationId: string,
  identity: Identity,
  data: Record<string, unknown>,
  traceparent?: string,
  system = false,
) {
  return outbox.append(tx, {
    type: `pcc.waste.${type}`,
    subject: organizationId,
    data: { organizationId, actor: eventActor(identity, system), ...data },
    traceparent,
  });
}
