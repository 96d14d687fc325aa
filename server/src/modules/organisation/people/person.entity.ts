import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Language, NotificationChannel } from '@mw/shared';

/** Someone of the network. `email` is stored lower-cased; the password hash is argon2id. */
@Entity('person')
@Check('person_email_check', `email = lower(email)`)
@Check('person_language_check', `language IN ('vi', 'en')`)
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'zalo_id', type: 'text', nullable: true })
  zaloId!: string | null;

  @Column({ type: 'text', default: 'vi' })
  language!: Language;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'notify_channels', type: 'text', array: true, default: () => "'{in_app,email}'" })
  notifyChannels!: NotificationChannel[];

  @Column({ name: 'quiet_hours_start', type: 'text', nullable: true })
  quietHoursStart!: string | null;

  @Column({ name: 'quiet_hours_end', type: 'text', nullable: true })
  quietHoursEnd!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
