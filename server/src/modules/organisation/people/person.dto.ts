import {
  Language,
  NotificationChannel,
  ROLES,
  type CreatePersonRequest,
  type PersonListQuery,
  type QuietHours,
  type ResetPasswordRequest,
  type Role,
  type RoleAssignmentRequest,
  type UpdatePersonRequest,
  type UpdatePreferencesRequest,
} from '@mw/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../auth/password-hasher';

const LANGUAGES = Object.values(Language);
const CHANNELS = Object.values(NotificationChannel);
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class RoleAssignmentDto implements RoleAssignmentRequest {
  @IsIn(ROLES) role!: Role;
  @IsOptional() @IsString() @MaxLength(32) unitCode?: string;
  @IsOptional() @IsBoolean() deputy?: boolean;
}

export class CreatePersonDto implements CreatePersonRequest {
  @IsString() @Length(1, 200) name!: string;
  @IsEmail() @MaxLength(254) email!: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @IsString() @MaxLength(100) zaloId?: string;
  @IsOptional() @IsIn(LANGUAGES) language?: Language;
  @IsOptional() @IsString() @MinLength(MIN_PASSWORD_LENGTH) @MaxLength(200) password?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RoleAssignmentDto)
  roles?: RoleAssignmentDto[];
}

export class UpdatePersonDto implements UpdatePersonRequest {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ValidateIf((_o, v) => v !== null && v !== undefined) @IsString() @MaxLength(40) phone?: string | null;
  @ValidateIf((_o, v) => v !== null && v !== undefined) @IsString() @MaxLength(100) zaloId?: string | null;
  @IsOptional() @IsIn(LANGUAGES) language?: Language;
  @IsOptional() @IsBoolean() active?: boolean;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @IsOptional() @IsString() @MinLength(MIN_PASSWORD_LENGTH) @MaxLength(200) newPassword?: string;
}

export class QuietHoursDto implements QuietHours {
  @Matches(HH_MM, { message: 'start must be HH:mm' }) start!: string;
  @Matches(HH_MM, { message: 'end must be HH:mm' }) end!: string;
}

export class UpdatePreferencesDto implements UpdatePreferencesRequest {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(CHANNELS, { each: true })
  channels?: NotificationChannel[];
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;
  @IsOptional() @IsIn(LANGUAGES) language?: Language;
}

export class PersonListQueryDto implements PersonListQuery {
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsIn(ROLES) role?: Role;
  @IsOptional() @IsString() @MaxLength(32) unitCode?: string;
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
  /** With page or pageSize the answer is a Page; without both it stays the plain array of every match. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}
