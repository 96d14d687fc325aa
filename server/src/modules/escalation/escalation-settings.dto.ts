import type { UpdateEscalationSettingsRequest, UpdateSeverityLevelRequest } from '@mw/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class QuietHoursBody {
  @Matches(HH_MM, { message: 'start must be HH:mm' }) start!: string;
  @Matches(HH_MM, { message: 'end must be HH:mm' }) end!: string;
}

export class UpdateEscalationSettingsBody implements UpdateEscalationSettingsRequest {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workingDays?: number[];
  @IsOptional() @Matches(HH_MM, { message: 'workdayStart must be HH:mm' }) workdayStart?: string;
  @IsOptional() @Matches(HH_MM, { message: 'workdayEnd must be HH:mm' }) workdayEnd?: string;
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @ValidateNested()
  @Type(() => QuietHoursBody)
  quietHours?: QuietHoursBody | null;
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

export class UpdateSeverityLevelBody implements UpdateSeverityLevelRequest {
  @IsOptional() @IsString() @Length(1, 100) nameVi?: string;
  @IsOptional() @IsString() @Length(1, 100) nameEn?: string;
  @IsOptional() @Matches(HEX_COLOUR, { message: 'colour must be #rrggbb' }) colour?: string;
  @ValidateIf((_o, v) => v !== null && v !== undefined) @IsInt() @Min(1) @Max(43200) ackMinutes?: number | null;
  @ValidateIf((_o, v) => v !== null && v !== undefined) @IsInt() @Min(1) @Max(43200) respondMinutes?: number | null;
  @IsOptional() @IsInt() @Min(1) @Max(10080) escalateEveryMinutes?: number;
  @IsOptional() @IsBoolean() workingDaysOnly?: boolean;
  @IsOptional() @IsBoolean() ignoresQuietHours?: boolean;
}
