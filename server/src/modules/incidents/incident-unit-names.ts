import { Injectable, OnModuleInit } from '@nestjs/common';
import { UnitsService } from '../organisation';
import { IncidentStore } from './store/incident.store';

/**
 * Keeps what search reads of each ticket's units (`incident.unit_names`) true when organisation renames a unit or
 * changes its aliases: organisation calls back in the transaction of the change, so both commit together.
 */
@Injectable()
export class IncidentUnitNames implements OnModuleInit {
  constructor(
    private readonly units: UnitsService,
    private readonly store: IncidentStore,
  ) {}

  onModuleInit(): void {
    this.units.onNamesChanged((m, codes) => this.store.unitsRenamed(m, codes));
  }
}
