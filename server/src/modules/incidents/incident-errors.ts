import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { ErrorCode, IncidentErrorCode } from '@mw/shared';

export function incidentNotFound(): NotFoundException {
  return new NotFoundException({ code: ErrorCode.NotFound, message: 'Incident not found' });
}

export function invalidTransition(message: string): ConflictException {
  return new ConflictException({ code: ErrorCode.InvalidTransition, message });
}

export function notAssignee(message: string): ForbiddenException {
  return new ForbiddenException({ code: IncidentErrorCode.NotAssignee, message });
}
