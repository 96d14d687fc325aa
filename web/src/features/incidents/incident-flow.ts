import type { IncidentStatus } from '@mw/shared';

/**
 * The buttons a ticket offers for its status. The server's state machine decides (it answers INVALID_TRANSITION
 * otherwise); this mirrors it so people are not shown moves that can only fail. Acknowledging has its own
 * endpoint, and `responded` is reached by publishing an approved response, so neither is offered here.
 */
export function nextStatuses(status: IncidentStatus): IncidentStatus[] {
  switch (status) {
    case 'new':
      return ['dismissed'];
    case 'acknowledged':
      return ['investigating', 'response_drafted', 'resolved', 'dismissed'];
    case 'investigating':
      return ['response_drafted', 'resolved', 'dismissed'];
    case 'response_drafted':
      return ['awaiting_approval', 'investigating', 'dismissed'];
    case 'awaiting_approval':
      return ['response_drafted', 'dismissed'];
    case 'responded':
      return ['resolved', 'investigating'];
    case 'resolved':
      return ['investigating'];
    case 'dismissed':
      return [];
    default:
      return assertNever(status);
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown status ${String(value)}`);
}
