import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every sign-in attempt, kept in PostgreSQL so throttling holds across instances. */
@Entity('login_attempt')
export class LoginAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  ip!: string;

  @Column({ type: 'boolean' })
  succeeded!: boolean;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
