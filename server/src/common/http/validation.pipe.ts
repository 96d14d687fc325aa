import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@mw/shared';

/** Whitelisting validation: unknown fields are rejected, and the 400 names the first offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const { field, message } = firstError(errors, '');
      return new BadRequestException({ code: ErrorCode.ValidationFailed, field, message });
    },
  });
}

function firstError(errors: ValidationError[], prefix: string): { field: string; message: string } {
  const error = errors[0];
  if (!error) return { field: prefix || 'body', message: 'invalid request' };
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  if (error.constraints && Object.keys(error.constraints).length > 0) {
    const message = Object.values(error.constraints)[0] ?? 'invalid value';
    return { field, message: message.includes(error.property) ? message : `${field}: ${message}` };
  }
  return firstError(error.children ?? [], field);
}
