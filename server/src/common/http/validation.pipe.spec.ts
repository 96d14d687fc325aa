import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ErrorCode } from '@mw/shared';
import { UpdateSourceBody } from '../../modules/sources/source.dto';
import { IsHttpUrl } from './is-http-url';
import { createValidationPipe } from './validation.pipe';

class RoleBody {
  @IsIn(['principal', 'unit_spokesperson']) role!: string;
  @IsString() @Length(2, 32) unitCode!: string;
}

class PersonBody {
  @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200) name!: string;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsInt() @Min(1) @Max(90) days?: number;
  @IsOptional() @Matches(/^\d\d:\d\d$/, { message: 'start must be HH:mm' }) start?: string;
  @IsOptional() @IsHttpUrl() url?: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => RoleBody) roles?: RoleBody[];
}

const body: ArgumentMetadata = { type: 'body', metatype: PersonBody };

/** The 400 body the pipe throws for `value`. */
async function rejection(value: unknown): Promise<Record<string, unknown>> {
  try {
    await createValidationPipe().transform(value, body);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as Record<string, unknown>;
  }
  throw new Error('the pipe accepted the value');
}

describe('createValidationPipe', () => {
  it('names the field, the constraint and its limit, keeping the English sentence', async () => {
    expect(await rejection({ name: 'x'.repeat(201) })).toEqual({
      code: ErrorCode.ValidationFailed,
      field: 'name',
      message: 'name must be shorter than or equal to 200 characters',
      constraint: 'maxLength',
      params: { max: 200 },
    });
  });

  it('gives the constraint without params for rules that have no limit', async () => {
    expect(await rejection({ name: '' })).toEqual({
      code: ErrorCode.ValidationFailed,
      field: 'name',
      message: 'name must not be empty',
      constraint: 'isNotEmpty',
    });
    const email = await rejection({ name: 'An', email: 'not-an-address' });
    expect(email).toMatchObject({ field: 'email', constraint: 'isEmail' });
    expect(email).not.toHaveProperty('params');
    expect(await rejection({ name: 'An', start: '7h' })).toMatchObject({
      field: 'start',
      message: 'start must be HH:mm',
      constraint: 'matches',
    });
    expect(await rejection({ name: 'An', url: 'ftp://example.org' })).toMatchObject({
      field: 'url',
      constraint: 'isHttpUrl',
    });
  });

  it('reports the first broken rule of a number with its bound', async () => {
    expect(await rejection({ name: 'An', days: 1.5 })).toMatchObject({ field: 'days', constraint: 'isInt' });
    expect(await rejection({ name: 'An', days: 0 })).toMatchObject({ constraint: 'min', params: { min: 1 } });
    expect(await rejection({ name: 'An', days: 91 })).toMatchObject({ constraint: 'max', params: { max: 90 } });
  });

  it('reads the limits of a nested class and names the dotted path', async () => {
    expect(await rejection({ name: 'An', roles: [{ role: 'principal', unitCode: 'x' }] })).toMatchObject({
      field: 'roles.0.unitCode',
      constraint: 'isLength',
      params: { min: 2, max: 32 },
    });
    expect(await rejection({ name: 'An', roles: [{ role: 'chief', unitCode: 'OFFICE' }] })).toMatchObject({
      field: 'roles.0.role',
      constraint: 'isIn',
      params: { values: 'principal, unit_spokesperson' },
    });
  });

  it('reads the limits a mapped type (PartialType, IntersectionType) copied from its source class', async () => {
    const update: ArgumentMetadata = { type: 'body', metatype: UpdateSourceBody };
    await expect(createValidationPipe().transform({ name: 'x'.repeat(201) }, update)).rejects.toMatchObject({
      response: { field: 'name', constraint: 'maxLength', params: { max: 200 } },
    });
  });

  it('calls an unknown property a whitelist failure', async () => {
    const unknown = await rejection({ name: 'An', nickname: 'Bé' });
    expect(unknown).toEqual({
      code: ErrorCode.ValidationFailed,
      field: 'nickname',
      message: 'property nickname should not exist',
      constraint: 'whitelistValidation',
    });
  });
});
