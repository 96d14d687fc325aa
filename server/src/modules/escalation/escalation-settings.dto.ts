import type { UpdateEscalationSettingsRequest } from '@mw/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
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
