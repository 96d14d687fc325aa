import { Controller, ExecutionContext, ForbiddenException, Get, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticated, Roles } from './access.decorators';
import { AccessGuard } from './access.guard';
import { AccessTokenVerifier } from './access-token-verifier';
import type { AuthenticatedRequest, AuthUser } from './auth-user';
import { Public } from './public.decorator';

const principal: AuthUser = {
  id: 'p',
  email: 'p@govap.test',
  name: 'Hiệu trưởng',
  roles: [{ role: 'principal', unitCode: '79000724', deputy: false }],
};

class FakeVerifier extends AccessTokenVerifier {
  async verify(token: string): Promise<AuthUser> {
    if (token !== 'good') throw new UnauthorizedException();
    return principal;
  }
}

@Controller('sample')
class SampleController {
  @Get('open') @Public() open(): void {}
  @Get('forgotten') forgotten(): void {}
  @Get('mine') @Authenticated() mine(): void {}
  @Get('admin') @Roles('admin') admin(): void {}
  @Get('school') @Roles('principal', 'unit_spokesperson') school(): void {}
}

function context(handler: keyof SampleController, authorization?: string, type = 'http') {
  const req = { headers: authorization ? { authorization } : {}, method: 'GET', path: `/api/sample/${handler}` };
  const ctx = {
    getType: () => type,
    getHandler: () => SampleController.prototype[handler],
    getClass: () => SampleController,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx, req: req as unknown as AuthenticatedRequest };
}

describe('AccessGuard', () => {
  const guard = new AccessGuard(new Reflector(), new FakeVerifier());

  it('lets public routes through without a token', async () => {
    await expect(guard.canActivate(context('open').ctx)).resolves.toBe(true);
  });

  it('asks for a valid bearer token everywhere else', async () => {
    await expect(guard.canActivate(context('mine').ctx)).rejects.toThrow(UnauthorizedException);
    await expect(guard.canActivate(context('mine', 'Basic good').ctx)).rejects.toThrow(UnauthorizedException);
    await expect(guard.canActivate(context('mine', 'Bearer bad').ctx)).rejects.toThrow(UnauthorizedException);
    const { ctx, req } = context('mine', 'Bearer good');
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(req.user).toBe(principal);
  });

  it('denies a route that has no access rule, even to a signed-in person', async () => {
    await expect(guard.canActivate(context('forgotten', 'Bearer good').ctx)).rejects.toThrow(ForbiddenException);
  });

  it('checks the roles of the route', async () => {
    await expect(guard.canActivate(context('admin', 'Bearer good').ctx)).rejects.toThrow(ForbiddenException);
    await expect(guard.canActivate(context('school', 'Bearer good').ctx)).resolves.toBe(true);
  });

  it("hands the route only the person's grants of the route's roles, each with its unit", async () => {
    const twoSchools: AuthUser = {
      ...principal,
      roles: [
        { role: 'principal', unitCode: '79000724', deputy: false },
        { role: 'unit_web_admin', unitCode: '79000725', deputy: false },
      ],
    };
    const guarded = new AccessGuard(
      new Reflector(),
      new (class extends AccessTokenVerifier {
        async verify(): Promise<AuthUser> {
          return twoSchools;
        }
      })(),
    );
    const school = context('school', 'Bearer any');
    await expect(guarded.canActivate(school.ctx)).resolves.toBe(true);
    expect(school.req.user?.roles).toEqual([{ role: 'principal', unitCode: '79000724', deputy: false }]);
    const mine = context('mine', 'Bearer any');
    await expect(guarded.canActivate(mine.ctx)).resolves.toBe(true);
    expect(mine.req.user).toBe(twoSchools);
  });

  it('leaves socket traffic to the gateway handshake', async () => {
    await expect(guard.canActivate(context('forgotten', undefined, 'ws').ctx)).resolves.toBe(true);
  });
});
