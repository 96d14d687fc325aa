import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, TokenPair } from '@mw/shared';
import { Authenticated } from '../../../common/auth/access.decorators';
import { type Actor, type AuthUser, CurrentActor, CurrentUser } from '../../../common/auth/auth-user';
import { Public } from '../../../common/auth/public.decorator';
import { ChangePasswordDto, LoginDto, LogoutDto, RefreshDto } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** External contract: `{ email, password }` → `{ accessToken, refreshToken, user }`, or 401. */
  @Post('login')
  @Public()
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, ip);
  }

  /** Public because the access token has usually expired by now; the refresh token is the credential. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthUser, @Body() body: LogoutDto): Promise<void> {
    await this.auth.logout(user, body.refreshToken);
  }

  @Post('change-password')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(200)
  changePassword(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
  ): Promise<TokenPair> {
    return this.auth.changePassword({ ...actor, user }, body);
  }
}
