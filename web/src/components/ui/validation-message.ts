import { ErrorCode, type ApiErrorBody, type Language } from '@mw/shared';
import { ApiError } from '../../api/http';
import { translate, type MessageKey } from '../../i18n/i18n';

/** What a 400 from the validation pipe says about its first failure. */
export type ValidationFailure = Pick<ApiErrorBody, 'field' | 'constraint' | 'params'>;

/** The validation failure an error carries, if it is a 400 from the validation pipe. */
export function validationFailure(error: unknown): ValidationFailure | undefined {
  if (!(error instanceof ApiError) || error.body?.code !== ErrorCode.ValidationFailed) return undefined;
  return error.body;
}

type Params = Record<string, string | number>;

/** The sentence for each class-validator constraint we word, and the params it needs (else: no sentence). */
const RULES: Readonly<Record<string, (params: Params) => MessageKey | null>> = {
  isNotEmpty: () => 'validation.isNotEmpty',
  isDefined: () => 'validation.isNotEmpty',
  arrayNotEmpty: () => 'validation.isNotEmpty',
  maxLength: (p) => (p.max !== undefined ? 'validation.maxLength' : null),
  minLength: (p) => (p.min !== undefined ? 'validation.minLength' : null),
  isLength: (p) =>
    p.min !== undefined && p.max !== undefined
      ? 'validation.length'
      : p.max !== undefined
        ? 'validation.maxLength'
        : p.min !== undefined
          ? 'validation.minLength'
          : null,
  min: (p) => (p.min !== undefined ? 'validation.min' : null),
  max: (p) => (p.max !== undefined ? 'validation.max' : null),
  arrayMinSize: (p) => (p.min !== undefined ? 'validation.arrayMinSize' : null),
  arrayMaxSize: (p) => (p.max !== undefined ? 'validation.arrayMaxSize' : null),
  isInt: () => 'validation.isInt',
  isNumber: () => 'validation.isNumber',
  isBoolean: () => 'validation.isBoolean',
  isString: () => 'validation.isString',
  isArray: () => 'validation.isArray',
  isObject: () => 'validation.isObject',
  nestedValidation: () => 'validation.isObject',
  isIn: (p) => (p.values !== undefined ? 'validation.isInValues' : 'validation.isIn'),
  isEnum: (p) => (p.values !== undefined ? 'validation.isInValues' : 'validation.isIn'),
  isEmail: () => 'validation.isEmail',
  isUUID: () => 'validation.isUUID',
  matches: () => 'validation.matches',
  isUrl: () => 'validation.isUrl',
  isHttpUrl: () => 'validation.isUrl',
  isDateString: () => 'validation.isDate',
  isISO8601: () => 'validation.isDate',
  isDate: () => 'validation.isDate',
};

/**
 * A validation failure in the reader's language, from the constraint the server names and its limits: about `label`
 * (the field's label, when the page knows it) or about "the value". Null when the failure names no constraint
 * we word, so the caller falls back to its generic text.
 */
export function validationSentence(
  language: Language,
  failure: ValidationFailure | undefined,
  label?: string,
): string | null {
  const constraint = failure?.constraint;
  if (!constraint) return null;
  if (constraint === 'whitelistValidation') {
    return failure.field ? translate(language, 'validation.unknownField', { name: failure.field }) : null;
  }
  if (!Object.prototype.hasOwnProperty.call(RULES, constraint)) return null;
  const params = failure.params ?? {};
  const key = RULES[constraint]?.(params);
  if (!key) return null;
  return translate(language, key, { ...params, field: label?.trim() || translate(language, 'validation.subject') });
}
