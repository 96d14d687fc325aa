import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A day whose coverage of a unit or a topic rose well above its baseline; the key makes the office's alert once. */
@Entity('coverage_spike')
@Check('coverage_spike_dimension_check', `dimension IN ('unit', 'topic')`)
export class CoverageSpikeEntity {
  @PrimaryColumn('date')
  day!: string;

  @PrimaryColumn('text')
  dimension!: 'unit' | 'topic';

  @PrimaryColumn('text')
  key!: string;

  @Column('text')
  label!: string;

  @Column('integer')
  articles!: number;

  @Column('real')
  baseline!: number;

  @Column('timestamptz', { name: 'detected_at' })
  detectedAt!: Date;
}
