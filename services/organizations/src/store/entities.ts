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
import type { AgreementSubject, District, MemberCategory, OrganizationType } from '../domain/vocabulary';

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

export const entities = [OrganizationEntity, MemberEntity, AgreementEntity];
