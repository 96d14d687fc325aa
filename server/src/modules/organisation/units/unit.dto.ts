import { UnitLevel, type CreateUnitRequest, type UnitListQuery, type UpdateUnitRequest } from '@mw/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const LEVELS = Object.values(UnitLevel);

export class CreateUnitDto implements CreateUnitRequest {
  @IsString()
  @Matches(/^[A-Za-z0-9-]{2,32}$/, { message: 'code must be 2-32 letters, digits or dashes' })
  code!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsIn(LEVELS) level!: UnitLevel;
  @IsOptional() @IsString() @MaxLength(100) ownership?: string;
  @IsOptional() @IsString() @MaxLength(300) address?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];
}

export class UpdateUnitDto implements UpdateUnitRequest {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @IsString() @MaxLength(300) address?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];
  @IsOptional() @IsBoolean() active?: boolean;
}

export class UnitListQueryDto implements UnitListQuery {
  @IsOptional() @IsIn(LEVELS) level?: UnitLevel;
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  /** With page or pageSize the answer is a Page; without both it stays the plain array of every match. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}
