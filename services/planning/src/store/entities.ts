import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AccumulatedFundsPurpose } from '../domain/accumulated-funds';
import { OrganizationProjection } from '@pcc/organization-projection';
import type {
  CancellationReason,
  CoordinationStatus,
  DelayReason,
  FundingSource,
  ProjectStatus,
} from '../domain/vocabulary';

/** An organization's local development plan over 1–5 fiscal years; a draft until published. */
@Entity({ name: 'development_plan' })
export class PlanEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'first_fiscal_year', type: 'int' }) firstFiscalYear!: number;
  @Column({ name: 'last_fiscal_year', type: 'int' }) lastFiscalYear!: number;
  @Column({ type: 'text' }) status!: 'DRAFT' | 'PUBLISHED';
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'strategy' })
export class StrategyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'int' }) position!: number;
}

@Entity({ name: 'development_approach' })
export class ApproachEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'strategy_id', type: 'uuid' }) strategyId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'int' }) position!: number;
}

/** A project row of the plan for one fiscal year. Amounts are numeric(14,2), read as strings. */
@Entity({ name: 'project' })
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) objective!: string;
  @Column({ type: 'text' }) target!: string;
  @Column({ type: 'text' }) kpi!: string;
  @Column({ name: 'expected_result', type: 'text' }) expectedResult!: string;
  @Column({ name: 'owner_organization_id', type: 'uuid' }) ownerOrganizationId!: string;
  @Column({ name: 'fiscal_year', type: 'int' }) fiscalYear!: number;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ name: 'strategy_id', type: 'uuid' }) strategyId!: string;
  @Column({ name: 'approach_id', type: 'uuid', nullable: true }) approachId!: string | null;
  @Column({ name: 'funding_source', type: 'text' }) fundingSource!: FundingSource;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) budget!: string;
  @Column({ name: 'approved_budget', type: 'numeric', precision: 14, scale: 2, nullable: true }) approvedBudget!:
    string | null;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) disbursed!: string;
  @Column({ name: 'council_resolution_ref', type: 'text', nullable: true }) councilResolutionRef!: string | null;
  @Column({ name: 'council_resolution_date', type: 'date', nullable: true }) councilResolutionDate!: string | null;
  @Column({ name: 'planned_start', type: 'date' }) plannedStart!: string;
  @Column({ name: 'planned_end', type: 'date' }) plannedEnd!: string;
  @Column({ type: 'text' }) status!: ProjectStatus;
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true }) cancellationReason!: string | null;
  @Column({ name: 'cancellation_reason_code', type: 'text', nullable: true })
  cancellationReasonCode!: CancellationReason | null;
  @Column({ name: 'progress_percent', type: 'int' }) progressPercent!: number;
  @Column({ type: 'boolean' }) delayed!: boolean;
  @Column({ name: 'delay_reason', type: 'text', nullable: true }) delayReason!: DelayReason | null;
  /** The status in which `project.delayed` was last emitted: once per project and status. */
  @Column({ name: 'delay_reported_status', type: 'text', nullable: true }) delayReportedStatus!: ProjectStatus | null;
  @Column({ name: 'coordination_status', type: 'text' }) coordinationStatus!: CoordinationStatus;
  @Column({ name: 'coordination_note', type: 'text', nullable: true }) coordinationNote!: string | null;
  @Column({ name: 'coordination_submitted_at', type: 'timestamptz', nullable: true })
  coordinationSubmittedAt!: Date | null;
  @Column({ name: 'coordination_decided_at', type: 'timestamptz', nullable: true }) coordinationDecidedAt!: Date | null;
  /** Joint projects: each partner's share of the cost, in basis points (the owner carries the rest). */
  @Column({ name: 'cost_shares', type: 'jsonb', default: () => `'{}'` }) costShares!: Record<string, number>;
  @Column({ name: 'accumulated_funds_purpose', type: 'text', nullable: true })
  accumulatedFundsPurpose!: AccumulatedFundsPurpose | null;
  /** Accumulated funds: the last day to sign the contract before the approval lapses. */
  @Column({ name: 'contract_deadline', type: 'date', nullable: true }) contractDeadline!: string | null;
  @Column({ name: 'contract_signed_on', type: 'date', nullable: true }) contractSignedOn!: string | null;
  @Column({ name: 'funds_lapsed_on', type: 'date', nullable: true }) fundsLapsedOn!: string | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'progress_report' })
export class ProgressReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId!: string;
  @Column({ name: 'reported_on', type: 'date' }) reportedOn!: string;
  @Column({ type: 'int' }) percent!: number;
  @Column({ name: 'amount_disbursed', type: 'numeric', precision: 14, scale: 2 }) amountDisbursed!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'reported_by', type: 'text' }) reportedBy!: string;
  @Column({ name: 'reported_at', type: 'timestamptz' }) reportedAt!: Date;
}

/** This service's copy of a case, from `pcc.cases.case.v1`: enough to validate a link (DESIGN §2). */
@Entity({ name: 'case_projection' })
export class CaseProjection {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'tracking_code', type: 'text' }) trackingCode!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'organization_ids', type: 'uuid', array: true }) organizationIds!: string[];
  @Column({ name: 'event_time', type: 'timestamptz' }) eventTime!: Date;
  /** The case's version last applied (0: none known). bigint: read back as a string. */
  @Column({ type: 'bigint', default: 0 }) version!: string;
}

/** An organization's latest report of its accumulated funds, and the figures its reserves come from. */
@Entity({ name: 'accumulated_funds_report' })
export class AccumulatedFundsReportEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' }) organizationId!: string;
  @Column({ name: 'reported_on', type: 'date' }) reportedOn!: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) balance!: string;
  @Column({ name: 'monthly_personnel_cost', type: 'numeric', precision: 16, scale: 2 }) monthlyPersonnelCost!: string;
  @Column({ name: 'annual_budget', type: 'numeric', precision: 16, scale: 2 }) annualBudget!: string;
  @Column({ name: 'reported_by', type: 'text' }) reportedBy!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const entities = [
  AccumulatedFundsReportEntity,
  PlanEntity,
  StrategyEntity,
  ApproachEntity,
  ProjectEntity,
  ProgressReportEntity,
  CaseProjection,
  OrganizationProjection,
];
export { OrganizationProjection };
