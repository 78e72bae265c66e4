import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationProjection } from '@pcc/organization-projection';

/**
 * One revision of an organization's monthly report. A correction is a new row with the next
 * revision; only the row with `latest` counts in summaries, the others stay readable.
 */
@Entity({ name: 'waste_report' })
export class WasteReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) month!: string;
  @Column({ name: 'fiscal_year', type: 'int' }) fiscalYear!: number;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'boolean' }) latest!: boolean;
  @Column({ type: 'numeric', precision: 12, scale: 3 }) general!: string;
  @Column({ type: 'numeric', precision: 12, scale: 3 }) organic!: string;
  @Column({ type: 'numeric', precision: 12, scale: 3 }) recyclable!: string;
  @Column({ type: 'numeric', precision: 12, scale: 3 }) hazardous!: string;
  @Column({ type: 'numeric', precision: 12, scale: 3 }) incinerated!: string;
  @Column({ type: 'numeric', precision: 12, scale: 3 }) landfilled!: string;
  @Column({ type: 'numeric', precision: 12, scale: 3 }) recycled!: string;
  @Column({ type: 'numeric', precision: 12, scale: 3 }) composted!: string;
  @Column({ name: 'total_tonnes', type: 'numeric', precision: 12, scale: 3 }) totalTonnes!: string;
  @Column({ name: 'reporter_sub', type: 'text' }) reporterSub!: string;
  @Column({ name: 'reporter_name', type: 'text' }) reporterName!: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: Date;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  /** The PAO's review of this revision: SUBMITTED until verified or returned. */
  @Column({ name: 'review_status', type: 'text' }) reviewStatus!: ReviewStatus;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ name: 'reviewed_by', type: 'text', nullable: true }) reviewedBy!: string | null;
  /** Why the PAO returned it: free text that may name a person, so never in events. */
  @Column({ name: 'return_reason', type: 'text', nullable: true }) returnReason!: string | null;
}

export const REVIEW_STATUSES = ['SUBMITTED', 'VERIFIED', 'RETURNED'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const entities = [WasteReportEntity, OrganizationProjection];
export { OrganizationProjection };
