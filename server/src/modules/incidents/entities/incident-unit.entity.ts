import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';

/** A unit an incident is about. */
@Entity('incident_unit')
@Index('incident_unit_code_idx', { synchronize: false })
export class IncidentUnitEntity {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('text', { name: 'unit_code' })
  unitCode!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_unit_incident_id_fkey' })
  incident?: IncidentEntity;
}
