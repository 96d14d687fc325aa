import { UnitLevel, type CreateUnitRequest, type UpdateUnitRequest } from '@mw/shared';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
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

export class UnitListQueryDto {
  @IsOptional() @IsIn(LEVELS) level?: UnitLevel;
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
}
