import { OFFICE_UNIT_CODE } from '@mw/shared';
import { ticketUnits } from './ticket-units';

describe('ticketUnits', () => {
  it('leaves the office off a ticket about schools that merely quotes it', () => {
    expect(ticketUnits(['79764314', OFFICE_UNIT_CODE])).toEqual(['79764314']);
  });

  it('keeps the office when the coverage is about the office alone', () => {
    expect(ticketUnits([OFFICE_UNIT_CODE])).toEqual([OFFICE_UNIT_CODE]);
  });
});
