import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  SOURCE_KINDS,
  type CreateSourceRequest,
  type SourceKind,
  type SourceSettings,
  type UpdateSourceRequest,
} from '@mw/shared';
import { IntersectionType, PartialType } from '@nestjs/swagger';
import { IsHttpUrl } from '../../common/http/is-http-url';

export class CreateSourceBody implements CreateSourceRequest {
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  outlet?: string;

  @IsHttpUrl()
  url!: string;

  @IsIn(SOURCE_KINDS, { message: `kind must be one of ${SOURCE_KINDS.join(', ')}` })
  kind!: SourceKind;

  @IsOptional()
  @IsInt({ message: 'intervalMinutes must be a whole number of minutes' })
  @Min(1)
  @Max(10080)
  intervalMinutes?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  reachWeight?: number;

  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(50)
  unitCode?: string | null;

  @IsOptional()
  @IsObject()
  settings?: SourceSettings;
}

/** The one field a source can change after creation but not be created with. */
class SourceEnabledBody {
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/**
 * Every create field made optional, then `enabled`. An intersection rather than a subclass field keeps the
 * validation order of the create body with `enabled` last, so the 400 still names the same first offending field.
 * `settings` is a merge patch of the stored settings (top-level keys replace, a null key removes, others stay); the
 * merged result is what settingsProblem checks. `unitCode` must name an existing unit; null clears it.
 */
export class UpdateSourceBody
  extends IntersectionType(PartialType(CreateSourceBody), SourceEnabledBody)
  implements UpdateSourceRequest {}

/**
 * Checks the settings a kind relies on; returns the offending field and a message, or undefined when fine.
 * Kept out of the decorators because it depends on `kind` (which, on PATCH, may be the stored one).
 */
export function settingsProblem(
  kind: SourceKind,
  settings: SourceSettings,
): { field: string; message: string } | undefined {
  const { selectors, intervalSeconds, fetchArticles, queries } = settings;
  if (kind === 'html') {
    if (typeof selectors !== 'object' || selectors === null) {
      return { field: 'settings.selectors', message: 'an html source needs settings.selectors with "item" and "link"' };
    }
    for (const key of ['item', 'link'] as const) {
      if (typeof selectors[key] !== 'string' || !selectors[key].trim()) {
        return { field: `settings.selectors.${key}`, message: `settings.selectors.${key} must be a CSS selector` };
      }
    }
    for (const key of ['title', 'date', 'summary'] as const) {
      const value = selectors[key];
      if (value !== undefined && typeof value !== 'string') {
        return { field: `settings.selectors.${key}`, message: `settings.selectors.${key} must be a CSS selector` };
      }
    }
  }
  if (
    intervalSeconds !== undefined &&
    (!Number.isInteger(intervalSeconds) || intervalSeconds < 1 || intervalSeconds > 604800)
  ) {
    return {
      field: 'settings.intervalSeconds',
      message: 'settings.intervalSeconds must be a whole number of seconds ≥ 1',
    };
  }
  if (fetchArticles !== undefined && typeof fetchArticles !== 'boolean') {
    return { field: 'settings.fetchArticles', message: 'settings.fetchArticles must be true or false' };
  }
  if (queries !== undefined && (!Array.isArray(queries) || queries.some((q) => typeof q !== 'string'))) {
    return { field: 'settings.queries', message: 'settings.queries must be a list of strings' };
  }
  return undefined;
}
