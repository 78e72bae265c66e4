import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A service's copy of an organization it may reference (DESIGN §2: never a call to the organizations service). */
@Entity({ name: 'organization_projection' })
export class OrganizationProjection {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ name: 'name_th', type: 'text' }) nameTh!: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'text' }) district!: 'MUEANG_PHUKET' | 'KATHU' | 'THALANG';
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ name: 'established_on', type: 'date', nullable: true }) establishedOn!: string | null;
  @Column({ name: 'event_time', type: 'timestamptz' }) eventTime!: Date;
  /** The organization's aggregate version last applied (0: none known). bigint: read back as a string. */
  @Column({ type: 'bigint', default: 0 }) version!: string;
}
