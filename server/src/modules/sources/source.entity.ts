import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SourceErrorCode, SourceKind, SourceSettings } from '@mw/shared';

/** A feed, listing page, social account or search the monitor reads, with its polling state. */
@Entity('source')
export class SourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  outlet!: string;

  @Column('text', { unique: true })
  url!: string;

  @Column('text')
  kind!: SourceKind;

  @Column('integer', { name: 'interval_minutes', default: 15 })
  intervalMinutes!: number;

  @Column('real', { name: 'reach_weight', default: 1 })
  reachWeight!: number;

  @Column('boolean', { default: true })
  enabled!: boolean;

  @Column('text', { name: 'unit_code', nullable: true })
  unitCode!: string | null;

  @Column('jsonb', { default: {} })
  settings!: SourceSettings;

  @Column('text', { nullable: true })
  etag!: string | null;

  @Column('text', { name: 'last_modified', nullable: true })
  lastModified!: string | null;

  @Column('timestamptz', { name: 'next_poll_at' })
  nextPollAt!: Date;

  @Column('text', { name: 'lease_owner', nullable: true })
  leaseOwner!: string | null;

  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil!: Date | null;

  @Column('timestamptz', { name: 'last_polled_at', nullable: true })
  lastPolledAt!: Date | null;

  @Column('timestamptz', { name: 'last_success_at', nullable: true })
  lastSuccessAt!: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('text', { name: 'last_error_code', nullable: true })
  lastErrorCode!: SourceErrorCode | null;

  @Column('timestamptz', { name: 'last_error_at', nullable: true })
  lastErrorAt!: Date | null;

  @Column('integer', { name: 'consecutive_failures', default: 0 })
  consecutiveFailures!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
