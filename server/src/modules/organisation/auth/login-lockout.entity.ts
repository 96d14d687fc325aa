import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Consecutive wrong passwords per normalised e-mail, known or not, and the lock they led to. Read and written only
 * by LoginThrottle, under a per-e-mail advisory lock.
 */
@Entity('login_lockout')
export class LoginLockoutEntity {
  @PrimaryColumn({ type: 'text' })
  email!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
