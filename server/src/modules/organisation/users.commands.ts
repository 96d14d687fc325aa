import { HttpException } from '@nestjs/common';
import { ROLES, type Role } from '@mw/shared';
import { SYSTEM_ACTOR } from '../../common/auth/auth-user';
import { CliCommand, CliError, parseOptions } from '../../cli/cli-command';
import { MIN_PASSWORD_LENGTH } from './auth/password-hasher';
import { PeopleService } from './people/people.service';

const USAGE = 'users add --email E --name N --role R [--unit CODE] --password P';

/**
 * External contract: `npm run -s cli -- users add ...` prints one JSON line `{id,email,name,roles}` and exits 0;
 * on error one line on stderr and exit 1.
 */
export const usersCommand: CliCommand = {
  summary: 'Create a person with one role (e.g. the first admin)',
  usage: USAGE,
  async run(args, ctx) {
    const { positional, options } = parseOptions(args, {
      email: 'string',
      name: 'string',
      role: 'string',
      unit: 'string',
      password: 'string',
    });
    if (positional[0] !== 'add' || positional.length !== 1) throw new CliError(`usage: ${USAGE}`);
    const text = (key: string): string | undefined =>
      typeof options[key] === 'string' ? (options[key] as string) : undefined;
    const email = text('email');
    const name = text('name');
    const role = text('role');
    const password = text('password');
    if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CliError('--email must be an e-mail address');
    if (!name || name.trim().length === 0) throw new CliError('--name is required');
    if (!role || !(ROLES as readonly string[]).includes(role))
      throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
    if (!password || password.length < MIN_PASSWORD_LENGTH) {
      throw new CliError(`--password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
    }

    const app = await ctx.app();
    try {
      const person = await app.get(PeopleService, { strict: false }).create(SYSTEM_ACTOR, {
        email,
        name,
        password,
        roles: [{ role: role as Role, unitCode: text('unit') }],
      });
      ctx.out.write(
        JSON.stringify({
          id: person.id,
          email: person.email,
          name: person.name,
          roles: person.roles.map((r) => ({ role: r.role, unitCode: r.unitCode })),
        }) + '\n',
      );
      return 0;
    } catch (err) {
      if (err instanceof HttpException) throw new CliError(err.message);
      throw err;
    }
  },
};
