import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationProjection } from '@pcc/organization-projection';
import type {
  CaseCategory,
  CaseChannel,
  CaseKind,
  CasePriority,
  CaseStatus,
  District,
  MediationOutcome,
} from '../domain/vocabulary';
import type { RoutingException } from '../domain/areas';

/** A citizen's problem or a conflict. Reporter fields are personal data (see domain/privacy). */
@Entity({ name: 'case' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tracking_code', type: 'text', unique: true }) trackingCode!: string;
  @Column({ name: 'fiscal_year', type: 'int' }) fiscalYear!: number;
  @Column({ type: 'text' }) kind!: CaseKind;
  @Column({ type: 'text' }) category!: CaseCategory;
  @Column({ type: 'text' }) channel!: CaseChannel;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'double precision' }) lat!: number;
  @Column({ type: 'double precision' }) lng!: number;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ type: 'text', nullable: true }) district!: District | null;
  /** Tambon, by its DOPA code (data/phuket-areas.json); null when the reporter did not say. */
  @Column({ type: 'text', nullable: true }) subdistrict!: string | null;
  /** Why the case waits for triage instead of going straight to an organization (domain/areas.ts). */
  @Column({ name: 'routing_exception', type: 'text', nullable: true }) routingException!: RoutingException | null;
  @Column({ name: 'attachment_urls', type: 'text', array: true, default: () => `'{}'` }) attachmentUrls!: string[];
  @Column({ name: 'reporter_name', type: 'text' }) reporterName!: string;
  @Column({ name: 'reporter_phone', type: 'text', nullable: true }) reporterPhone!: string | null;
  @Column({ name: 'reporter_email', type: 'text', nullable: true }) reporterEmail!: string | null;
  @Column({ name: 'reporter_secret_hash', type: 'text' }) reporterSecretHash!: string;
  @Column({ type: 'text' }) priority!: CasePriority;
  @Column({ type: 'text' }) status!: CaseStatus;
  @Column({ name: 'lead_org_id', type: 'uuid', nullable: true }) leadOrgId!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'sla_breached_for', type: 'timestamptz', nullable: true }) slaBreachedFor!: Date | null;
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ type: 'text', nullable: true }) outcome!: MediationOutcome | null;
  @Column({ name: 'referred_to', type: 'text', nullable: true }) referredTo!: string | null;
  @Column({ type: 'int', nullable: true }) rating!: number | null;
  @Column({ name: 'rating_comment', type: 'text', nullable: true }) ratingComment!: string | null;
  @Column({ name: 'reopen_count', type: 'int', default: 0 }) reopenCount!: number;
  @Column({ name: 'duplicate_of', type: 'uuid', nullable: true }) duplicateOf!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const entities = [CaseEntity, OrganizationProjection];
export { OrganizationProjection };
