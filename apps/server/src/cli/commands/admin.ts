import type { Command } from 'commander';
import { createAdmin, resetAdminPassword } from '@ward/core';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { roleFromOption, roleList } from '../role-option.js';
import { scopeGroupIds } from '../scope-groups.js';
import { withWard } from '../with-ward.js';

interface CreateOptions {
  readonly email: string;
  readonly role: string;
  readonly scopeGroup?: string[];
  readonly displayName?: string;
}

interface ResetOptions {
  readonly email: string;
  readonly resetTotp?: boolean;
}

/**
 * `ward admin create|reset`: admin accounts from the server's shell, for the first admin of a
 * scripted install and for an admin locked out of the console. Secrets go to standard output
 * alone, explanations to standard error, so `PASSWORD=$(ward admin reset …)` works.
 */
export function adminCommand(program: Command, io: CliIo): Command {
  const admin = program.command('admin').description('Create admins and reset their passwords.');

  const create = admin
    .command('create')
    .description('Make a user (created if new) an admin with a role; prints a one-time password when the user had none.')
    .requiredOption('--email <email>', 'the admin\'s e-mail')
    .requiredOption('--role <role>', `one of ${roleList}`)
    .option('--scope-group <group...>', 'limit the role to members of these groups (names or ids)')
    .option('--display-name <name>', 'display name of a new user');
  addConfigFlags(create, commonConfigKeys);
  create.action(async (options: CreateOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const scope = await scopeGroupIds(runtime.deps.stores, principal.tenantId, options.scopeGroup);
      const created = await createAdmin(runtime.deps, principal, {
        email: options.email,
        role: roleFromOption(options.role),
        scopeGroupIds: scope,
        ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
      });
      if (!created.ok) exitOnFailure(created);
      const { user, assignment, generatedPassword } = created.value;
      const scopeText = assignment.scopeGroupIds === null ? 'the whole tenant' : `groups ${assignment.scopeGroupIds.join(', ')}`;
      io.stderr.write(`Granted ${assignment.role} over ${scopeText} to ${user.email}.\n`);
      if (generatedPassword === null) {
        io.stderr.write('The user already had a password; it is unchanged.\n');
        return;
      }
      io.stderr.write('One-time password (shown only now; sign in and change it):\n');
      io.stdout.write(`${generatedPassword}\n`);
    });
  });

  const reset = admin
    .command('reset')
    .description('Set a new random password for a user, unlock the account and end all their sessions; prints the password once.')
    .requiredOption('--email <email>', 'the admin\'s e-mail')
    .option('--reset-totp', 'also remove the authenticator enrolment (a lost phone)');
  addConfigFlags(reset, commonConfigKeys);
  reset.action(async (options: ResetOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const result = await resetAdminPassword(runtime.deps, principal, { email: options.email, resetTotp: options.resetTotp === true });
      if (!result.ok) exitOnFailure(result);
      io.stderr.write(`Reset the password of ${options.email.trim().toLowerCase()} and signed them out everywhere${options.resetTotp === true ? '; removed their authenticator' : ''}.\n`);
      io.stderr.write('New password (shown only now):\n');
      io.stdout.write(`${result.value.password}\n`);
    });
  });
  return admin;
}
