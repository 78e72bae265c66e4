import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type {
  AgreementSubject,
  District,
  FollowUpActionStatus,
  MeetingKind,
  MemberCategory,
  OrganizationType,
} from '../domain/vocabulary';

/** A member organization of the network. `code` is the stable handle officers' tokens carry. */
@Entity({ name: 'organization' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ name: 'name_th', type: 'text' }) nameTh!: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn!: string;
  @Column({ type: 'text' }) type!: OrganizationType;
  @Column({ type: 'text' }) district!: District;
  @Column({ type: 'double precision', nullable: true }) lat!: number | null;
  @Column({ type: 'double precision', nullable: true }) lng!: number | null;
  @Column({ name: 'contact_address', type: 'text', nullable: true }) contactAddress!: string | null;
  @Column({ name: 'contact_phone', type: 'text', nullable: true }) contactPhone!: string | null;
  @Column({ name: 'contact_email', type: 'text', nullable: true }) contactEmail!: string | null;
  @Column({ name: 'contact_website', type: 'text', nullable: true }) contactWebsite!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ name: 'established_on', type: 'date', nullable: true }) establishedOn!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A person in the working group. Phone and email are personal data (see domain/privacy). */
@Entity({ name: 'member' })
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity | null;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ name: 'group_role', type: 'text' }) groupRole!: string;
  @Column({ type: 'text' }) category!: MemberCategory;
  @Column({ name: 'term_start', type: 'date', nullable: true }) termStart!: string | null;
  @Column({ name: 'term_end', type: 'date', nullable: true }) termEnd!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export interface AgreementTargetValue {
  metric: string;
  value: string;
  unit: string;
  baselineFiscalYear: number | null;
}

/** A signed MOU; signatories are a join table, targets a small JSON list. */
@Entity({ name: 'agreement' })
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) subject!: AgreementSubject;
  @Column({ name: 'signed_on', type: 'date' }) signedOn!: string;
  @Column({ type: 'jsonb', default: () => `'[]'` }) targets!: AgreementTargetValue[];
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom!: string | null;
  @Column({ name: 'valid_until', type: 'date', nullable: true }) validUntil!: string | null;
  /** What each party undertakes, in the MOU's words (not in events: free text). */
  @Column({ type: 'jsonb', default: () => `'[]'` }) obligations!: string[];
  @Column({ name: 'meeting_id', type: 'uuid', nullable: true }) meetingId!: string | null;
  @ManyToMany(() => OrganizationEntity)
  @JoinTable({
    name: 'agreement_signatory',
    joinColumn: { name: 'agreement_id' },
    inverseJoinColumn: { name: 'organization_id' },
  })
  signatories?: OrganizationEntity[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export interface MeetingMaterial {
  title: string;
  url: string;
}

/** A meeting of the network; who attended are join tables (meeting_organization, meeting_member). */
@Entity({ name: 'meeting' })
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) kind!: MeetingKind;
  @Column({ name: 'held_on', type: 'date' }) heldOn!: string;
  @Column({ type: 'text' }) place!: string;
  @Column({ type: 'jsonb', default: () => `'[]'` }) agenda!: string[];
  @Column({ type: 'jsonb', default: () => `'[]'` }) materials!: MeetingMaterial[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A resolution of a meeting, numbered from 1 within it. */
@Entity({ name: 'resolution' })
export class ResolutionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'meeting_id', type: 'uuid' }) meetingId!: string;
  @Column({ type: 'int' }) number!: number;
  @Column({ type: 'text' }) text!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** What a resolution asks one organization to do, by when; `overdueReportedOn` makes the overdue event once. */
@Entity({ name: 'follow_up_action' })
export class FollowUpActionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'meeting_id', type: 'uuid' }) meetingId!: string;
  @Column({ name: 'resolution_id', type: 'uuid' }) resolutionId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn!: string;
  @Column({ type: 'text' }) status!: FollowUpActionStatus;
  @Column({ name: 'overdue_reported_on', type: 'date', nullable: true }) overdueReportedOn!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const entities = [
  OrganizationEntity,
  MemberEntity,
  AgreementEntity,
  MeetingEntity,
  ResolutionEntity,
  FollowUpActionEntity,
];
