import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@mw/shared';
import { UnitEntity } from '../units/unit.entity';
import { PersonEntity } from './person.entity';

/** A role held at a unit from `assumedAt` until `renouncedAt`; rows are never deleted, so history stays. */
@Entity('role_assignment')
@Check(
  'role_assignment_role_check',
  `role IN ('admin', 'office_spokesperson', 'leader', 'steering_member', 'unit_spokesperson', 'unit_web_admin', 'principal')`,
)
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity)
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'role_assignment_person_id_fkey' })
  person?: PersonEntity;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'role_assignment_unit_id_fkey' })
  unit?: UnitEntity;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'boolean', default: false })
  deputy!: boolean;

  @Column({ name: 'assumed_at', type: 'timestamptz' })
  assumedAt!: Date;

  @Column({ name: 'renounced_at', type: 'timestamptz', nullable: true })
  renouncedAt!: Date | null;
}
