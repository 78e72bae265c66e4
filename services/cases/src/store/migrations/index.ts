import { DataVersion1767000000000, versionBumpInPlpgsql } from '@pcc/db';
import { eventsMigrations } from '@pcc/events';
import { organizationProjectionMigrations } from '@pcc/organization-projection';
import { CreateCases1764288000000 } from './1764288000000-create-cases';
import { CaseStatistics1764547200000 } from './1764547200000-case-statistics';
import { TrackingSequences1764547300000 } from './1764547300000-tracking-sequences';
import { OrganizationListIndexes1764900000010 } from './1764900000010-organization-list-indexes';
import { CaseListVersions1764900000011 } from './1764900000011-case-list-versions';
import { AreaRouting1766000000000 } from './1766000000000-area-routing';
import { ReferralsAwaitingReply1766100000000 } from './1766100000000-referrals-awaiting-reply';

/** In order: the outbox/inbox tables of @pcc/events, the organization projection, then this service's own. */
export const migrations = [
  ...eventsMigrations,
  ...organizationProjectionMigrations,
  CreateCases1764288000000,
  CaseStatistics1764547200000,
  TrackingSequences1764547300000,
  OrganizationListIndexes1764900000010,
  CaseListVersions1764900000011,
  AreaRouting1766000000000,
  ReferralsAwaitingReply1766100000000,
  DataVersion1767000000000,
  versionBumpInPlpgsql('case_list_version'),
];
