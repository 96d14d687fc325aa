import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UnitLevel } from '@mw/shared';

/** A school of Gò Vấp or the education office itself; `code` is the official registry code. */
@Entity('unit')
@Check('unit_level_check', `level IN ('MN', 'TH', 'THCS', 'THPT', 'OFFICE')`)
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  level!: UnitLevel;

  @Column({ type: 'text', default: '' })
  ownership!: string;

  @Column({ type: 'text', default: '' })
  address!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
