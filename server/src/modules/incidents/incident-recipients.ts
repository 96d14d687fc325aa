import { Injectable } from '@nestjs/common';
import { OFFICE_UNIT_CODE, type NetworkContact } from '@mw/shared';
import { UnitsService } from '../organisation';

export interface UnitContacts {
  unitCode: string;
  spokespersons: string[];
  principals: string[];
}

/**
 * Who is who for an incident, read from the organisation's networks at the moment of the step, so a change of
 * spokesperson takes effect on the next escalation. Levels of the chain: 1 assignees, 2 the units' principals,
 * 3 the office spokesperson and the Office (deputies and steering committee), 4 leadership.
 */
@Injectable()
export class IncidentRecipients {
  constructor(private readonly units: UnitsService) {}

  async unitContacts(unitCode: string): Promise<UnitContacts> {
    const network = await this.units.networkByCode(unitCode);
    const ids = (list: NetworkContact[] | undefined) => (list ?? []).map((c) => c.personId);
    const main = ids(network?.spokesperson);
    return {
      unitCode,
      spokespersons: main.length > 0 ? main : ids(network?.deputySpokesperson),
      principals: ids(network?.principal),
    };
  }

  async officeSpokespersons(): Promise<string[]> {
    const network = await this.units.networkByCode(OFFICE_UNIT_CODE);
    return (network?.spokesperson ?? []).map((c) => c.personId);
  }

  async principals(unitCodes: readonly string[]): Promise<string[]> {
    const all = await Promise.all(unitCodes.map((c) => this.unitContacts(c)));
    return unique(all.flatMap((c) => c.principals));
  }

  /** Level 3: the office spokesperson, their deputies and the steering committee. */
  async office(): Promise<string[]> {
    const network = await this.units.networkByCode(OFFICE_UNIT_CODE);
    return unique(
      [
        ...(network?.spokesperson ?? []),
        ...(network?.deputySpokesperson ?? []),
        ...(network?.steeringCommittee ?? []),
      ].map((c) => c.personId),
    );
  }

  async leaders(): Promise<string[]> {
    const network = await this.units.networkByCode(OFFICE_UNIT_CODE);
    return unique((network?.leaders ?? []).map((c) => c.personId));
  }
}

export function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
