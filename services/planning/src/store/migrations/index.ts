import { DataVersion1767000000000 } from '@pcc/db';
import { eventsMigrations } from '@pcc/events';
import { organizationProjectionMigrations } from '@pcc/organization-projection';
import { CreatePlanning1764460800000 } from './1764460800000-create-planning';
import { CaseProjectionVersion1764900000003 } from './1764900000003-case-projection-version';
import { BudgetSummary1764900000012 } from './1764900000012-budget-summary';
import { ProjectListingIndexes1764900000013 } from './1764900000013-project-listing-indexes';
import { CaseLinkOutlivesProjection1765000000000 } from './1765000000000-case-link-outlives-projection';
import { CancelledSpendingStays1765100000000 } from './1765100000000-cancelled-spending-stays';
import { CoordinationWithdrawn1765100000001 } from './1765100000001-coordination-withdrawn';
import { AccumulatedFunds1765100000002 } from './1765100000002-accumulated-funds';
import { JointCostShares1765100000003 } from './1765100000003-joint-cost-shares';
import { CancellationReasonCode1765100000004 } from './1765100000004-cancellation-reason-code';

/** In order: the outbox/inbox tables of @pcc/events, the organization projection, then this service's own. */
export const migrations = [
  ...eventsMigrations,
  ...organizationProjectionMigrations,
  CreatePlanning1764460800000,
  CaseProjectionVersion1764900000003,
  BudgetSummary1764900000012,
  ProjectListingIndexes1764900000013,
  CaseLinkOutlivesProjection1765000000000,
  CancelledSpendingStays1765100000000,
  CoordinationWithdrawn1765100000001,
  AccumulatedFunds1765100000002,
  JointCostShares1765100000003,
  CancellationReasonCode1765100000004,
  DataVersion1767000000000,
];
