import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { ErrorCode } from '@mw/shared';

/**
 * Whitelisting validation: unknown fields are rejected, and the 400 names the first offending field, the
 * class-validator constraint it broke (`maxLength`, `whitelistValidation`, …) and that constraint's limits
 * (`{ max: 200 }`), so the dashboard can say it in the reader's language instead of showing the English sentence.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The object an error was found in tells which class's rules to read the limits from; it is never sent.
    validationError: { target: true },
    exceptionFactory: (errors: ValidationError[]) => {
      const { field, message, constraint, params } = firstError(errors, '');
      return new BadRequestException({
        code: ErrorCode.ValidationFailed,
        field,
        message,
        ...(constraint ? { constraint } : {}),
        ...(params ? { params } : {}),
      });
    },
  });
}

interface FirstError {
  field: string;
  message: string;
  constraint?: string;
  params?: Record<string, string | number>;
}

function firstError(errors: ValidationError[], prefix: string): FirstError {
  const error = errors[0];
  if (!error) return { field: prefix || 'body', message: 'invalid request' };
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  const entries = Object.entries(error.constraints ?? {});
  const first = entries[0];
  if (first) {
    const [constraint, message = 'invalid value'] = first;
    return {
      field,
      message: message.includes(error.property) ? message : `${field}: ${message}`,
      constraint,
      params: constraintParams(error, constraint),
    };
  }
  return firstError(error.children ?? [], field);
}

/** Which argument of a built-in decorator is which limit; constraints not listed here carry no params. */
const PARAM_NAMES: Readonly<Record<string, readonly string[]>> = {
  maxLength: ['max'],
  minLength: ['min'],
  isLength: ['min', 'max'],
  min: ['min'],
  max: ['max'],
  arrayMaxSize: ['max'],
  arrayMinSize: ['min'],
  isIn: ['values'],
  isEnum: ['', 'values'],
  isUUID: ['version'],
};

/** The limits of the broken rule, read from the decorator's metadata on the class the value was found in. */
function constraintParams(error: ValidationError, constraint: string): Record<string, string | number> | undefined {
  const names = PARAM_NAMES[constraint];
  const target = error.target as object | undefined;
  if (!names || !target || typeof target.constructor !== 'function') return undefined;
  const storage = getMetadataStorage();
  const metadata = storage
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find(
      (m) =>
        m.propertyName === error.property &&
        m.type === ValidationTypes.CUSTOM_VALIDATION &&
        storage.getTargetValidatorConstraints(m.constraintCls).some((c) => c.name === constraint),
    );
  const args: unknown[] = Array.isArray(metadata?.constraints) ? metadata.constraints : [];
  const params: Record<string, string | number> = {};
  names.forEach((name, i) => {
    const value = paramValue(args[i]);
    if (name && value !== undefined) params[name] = value;
  });
  return Object.keys(params).length > 0 ? params : undefined;
}

function paramValue(value: unknown): string | number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return value.join(', ');
  return undefined;
}
