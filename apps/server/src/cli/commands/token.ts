import type { Command } from 'commander';
import { createApiToken, maxTokenDays, revokeApiToken } from '@ward/core';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { parseDays } from '../parse-days.js';
import { roleFromOption, roleList } from '../role-option.js';
import { scopeGroupIds } from '../scope-groups.js';
import { withWard } from '../with-ward.js';

interface CreateOptions {
  readonly admin: string;
  readonly name: string;
  readonly role: string;
  readonly expires: string;
  readonly scopeGroup?: string[];
}

/**
 * `ward token create|revoke`: API tokens for automation. The secret is printed once, alone on
 * standard output (`TOKEN=$(ward token create …)`), and stored only as a hash.
 */
export function tokenCommand(program: Command, io: CliIo): Command {
  const token = program.command('token').description('Create and revoke API tokens.');

  const create = token
    .command('create')
    .description('Create an API token owned by an admin, carrying one of their roles; prints the secret once.')
    .requiredOption('--admin <email>', 'the admin who owns the token')
    .requiredOption('--name <name>', 'what the token is for (shown in lists and the audit trail)')
    .requiredOption('--role <role>', `one of ${roleList}; the owner must hold it`)
    .option('--expires <lifetime>', `lifetime: 30d, 12w, 6m, 1y (at most ${maxTokenDays} days)`, '30d')
    .option('--scope-group <group...>', 'limit the token to members of these groups (names or ids)');
  addConfigFlags(create, commonConfigKeys);
  create.action(async (options: CreateOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const days = parseDays(options.expires);
    if (days === undefined) throw new CliExit(exitCodes.usage, [`--expires: must be a lifetime such as 30d, 12w, 6m or 1y, got ${JSON.stringify(options.expires)}`]);
    await withWard(io, config, async ({ runtime, principal }) => {
      const owner = await runtime.deps.stores.getUserByEmail(principal.tenantId, options.admin.trim().toLowerCase());
      if (owner === undefined) throw new CliExit(exitCodes.usage, [`--admin: no user with the e-mail ${options.admin}`]);
      const scope = await scopeGroupIds(runtime.deps.stores, principal.tenantId, options.scopeGroup);
      const created = await createApiToken(runtime.deps, principal, {
        name: options.name,
        role: roleFromOption(options.role),
        scopeGroupIds: scope,
        expiresInDays: days,
        ownerUserId: owner.id,
      });
      if (!created.ok) exitOnFailure(created);
      const { token: record, bearer } = created.value;
      io.stderr.write(`Created API token ${record.id} "${record.name}" for ${owner.email} with ${record.role ?? 'no role'}, expiring ${record.expiresAt.toISOString()}.\n`);
      io.stderr.write('Secret (shown only now; send it as "Authorization: Bearer <secret>"):\n');
      io.stdout.write(`${bearer}\n`);
    });
  });

  const revoke = token.command('revoke').description('Revoke an API token at once.').argument('<id>', 'the token id');
  addConfigFlags(revoke, commonConfigKeys);
  revoke.action(async (id: string, options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const result = await revokeApiToken(runtime.deps, principal, id);
      if (!result.ok) exitOnFailure(result);
      io.stdout.write(`Revoked API token ${id}.\n`);
    });
  });
  return token;
}
