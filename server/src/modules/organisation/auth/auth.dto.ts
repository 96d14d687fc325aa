import type { ChangePasswordRequest, LoginRequest, LogoutRequest, RefreshRequest } from '@mw/shared';
import { IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from './password-hasher';

export class LoginDto implements LoginRequest {
  @IsString() @Length(3, 254) email!: string;
  @IsString() @Length(1, 200) password!: string;
}

export class RefreshDto implements RefreshRequest {
  @IsString() @Length(20, 200) refreshToken!: string;
}

export class LogoutDto implements LogoutRequest {
  @IsOptional() @IsString() @MaxLength(200) refreshToken?: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString() @Length(1, 200) currentPassword!: string;
  @IsString() @MinLength(MIN_PASSWORD_LENGTH) @MaxLength(200) newPassword!: string;
}
