import { DataVersion1767000000000, versionBumpInPlpgsql } from '@pcc/db';
import { eventsMigrations } from '@pcc/events';
import { organizationProjectionMigrations } from '@pcc/organization-projection';
import { CreateWaste1764374400000 } from './1764374400000-create-waste';
import { TargetAgreementVersion1764900000004 } from './1764900000004-target-agreement-version';
import { WasteVersions1764900000014 } from './1764900000014-waste-versions';
import { ReportingProcess1765100000001 } from './1765100000001-reporting-process';

/** In order: the outbox/inbox tables of @pcc/events, the organization projection, then this service's own. */
export const migrations = [
  ...eventsMigrations,
  ...organizationProjectionMigrations,
  CreateWaste1764374400000,
  TargetAgreementVersion1764900000004,
  WasteVersions1764900000014,
  ReportingProcess1765100000001,
  DataVersion1767000000000,
  versionBumpInPlpgsql('waste_version'),
];
