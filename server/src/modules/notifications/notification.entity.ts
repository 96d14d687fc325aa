import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { AcknowledgeVia, DeliveryChannel, DeliveryStatus } from '@mw/shared';

/** One message to one person on one channel: the outbox row and, for in-app messages, the inbox entry. */
@Entity('notification')
@Unique('notification_dedup_key_unique', ['dedupKey'])
@Check('notification_channel_check', `channel IN ('in_app', 'email', 'zalo', 'webhook')`)
@Check('notification_status_check', `status IN ('pending', 'sending', 'sent', 'failed', 'dead')`)
@Check('notification_acknowledged_via_check', `acknowledged_via IN ('email', 'zalo', 'in_app')`)
@Index('notification_due_idx', ['nextAttemptAt'], { where: `status IN ('pending', 'failed')` })
@Index('notification_sending_idx', ['leaseUntil'], { where: `status = 'sending'` })
@Index('notification_incident_idx', ['incidentId'], { where: 'incident_id IS NOT NULL' })
@Index('notification_dead_idx', ['createdAt'], { where: `status = 'dead'` })
@Index('notification_inbox_idx', ['recipientId', 'createdAt'], { where: `channel = 'in_app'` })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dedup_key', type: 'text' })
  dedupKey!: string;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId!: string | null;

  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'integer', default: 0 })
  level!: number;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId!: string;

  @Column({ type: 'text' })
  channel!: DeliveryChannel;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Record<string, string>;

  @Column({ type: 'boolean', default: false })
  urgent!: boolean;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore!: Date;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'lease_owner', type: 'text', nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'acknowledged_via', type: 'text', nullable: true })
  acknowledgedVia!: AcknowledgeVia | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
