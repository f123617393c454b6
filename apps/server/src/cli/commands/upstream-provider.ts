import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createUpstreamProvider, deleteUpstreamProvider, listUpstreamProviders, upstreamProviderLimits, type UpstreamProviderView } from '@ward/core';
import type { CliIo } from '@ward/cli-kit';
import { CliExit, exitCodes } from '../cli-exit.js';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { collectPages, parseListLimit } from '../collect-pages.js';
import { collectRepeated } from '../collect-repeated.js';
import { printList } from '../print-list.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { withWard } from '../with-ward.js';

interface CreateOptions {
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecretFile?: string;
  readonly scope: string[];
  readonly disabled?: boolean;
  readonly allowUnverifiedEmail?: boolean;
  readonly json?: boolean;
}

/** The variable the client secret may come from instead of a file. */
export const upstreamClientSecretVariable = 'WARD_UPSTREAM_CLIENT_SECRET';

/** The one redirect URI every upstream must allow for Ward (the sign-in pages' federation callback). */
export const federationCallbackPath = '/interaction/federated/callback';

/**
 * The client secret from `--client-secret-file` or the environment. Never from a flag: a command
 * line is visible to every user of the host (ps, /proc) and lands in shell history.
 */
async function readClientSecret(io: CliIo, file: string | undefined): Promise<string> {
  if (file === undefined) {
    const fromEnv = io.env[upstreamClientSecretVariable];
    if (fromEnv === undefined || fromEnv === '') throw new CliExit(exitCodes.usage, [`the client secret is needed: pass --client-secret-file FILE or set ${upstreamClientSecretVariable}`]);
    return fromEnv;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliExit(exitCodes.usage, [`--client-secret-file: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (bytes.length > upstreamProviderLimits.clientSecretLength + 2) throw new CliExit(exitCodes.usage, [`--client-secret-file: ${file} is larger than a client secret (${upstreamProviderLimits.clientSecretLength} characters)`]);
  // Editors and `echo` end the file with a newline that is not part of the secret.
  return bytes.toString('utf8').replace(/\r?\n$/u, '');
}

function print(io: CliIo, provider: UpstreamProviderView, json: boolean, publicUrl: string | undefined): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(provider)}\n`);
    return;
  }
  io.stderr.write(`Created upstream identity provider ${provider.id} "${provider.name}" (${provider.issuer}; ${provider.enabled ? 'enabled' : 'disabled'}).\n`);
  const callback = `${publicUrl === undefined ? '<Ward public URL>' : publicUrl.replace(/\/+$/u, '')}${federationCallbackPath}`;
  io.stdout.write(`id:           ${provider.id}\nredirect URI: ${callback}\n\nRegister that redirect URI for client ${provider.clientId} at ${provider.issuer}.\n`);
}

/**
 * `ward upstream-provider create|list|delete`: the external OpenID providers users may sign in
 * with (issue 6 §2). Users are matched by e-mail; the client secret is read from a file or the
 * environment and never printed.
 */
export function upstreamProviderCommand(program: Command, io: CliIo): Command {
  const providers = program.command('upstream-provider').description('Register, list and delete the upstream OpenID providers users may sign in with (federation, users matched by e-mail).');

  const create = providers
    .command('create')
    .description(`Register an upstream OpenID provider. Its redirect URI at the provider must be <public URL>${federationCallbackPath}.`)
    .requiredOption('--name <name>', 'shown on the sign-in page as "Sign in with <name>"')
    .requiredOption('--issuer <url>', 'the provider\'s issuer identifier (https), exactly as its discovery document states it')
    .requiredOption('--client-id <id>', 'Ward\'s client id at the provider')
    .option('--client-secret-file <file>', `a file holding Ward's client secret at the provider (or set ${upstreamClientSecretVariable})`)
    .option('--scope <scope>', 'a scope to ask for (repeatable; default openid, email, profile)', collectRepeated, [])
    .option('--disabled', 'register it without offering it on the sign-in page yet')
    .option('--allow-unverified-email', 'accept identities whose email_verified claim is not true (not recommended)')
    .option('--json', 'print the provider as JSON');
  addConfigFlags(create, commonConfigKeys);
  create.action(async (options: CreateOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const clientSecret = await readClientSecret(io, options.clientSecretFile);
    await withWard(io, config, async ({ runtime, principal }) => {
      const created = await createUpstreamProvider(runtime.deps, principal, {
        name: options.name,
        issuer: options.issuer,
        clientId: options.clientId,
        clientSecret,
        ...(options.scope.length === 0 ? {} : { scopes: options.scope }),
        enabled: options.disabled !== true,
        requireVerifiedEmail: options.allowUnverifiedEmail !== true,
      });
      if (!created.ok) exitOnFailure(created);
      print(io, created.value, options.json === true, config.publicUrl);
    });
  });

  const list = providers
    .command('list')
    .description('List upstream identity providers, oldest first (never their secrets).')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON object per line');
  addConfigFlags(list, commonConfigKeys);
  list.action(async (options: { limit: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const limit = parseListLimit(options.limit);
    await withWard(io, config, async ({ runtime, principal }) => {
      printList(io, await collectPages(limit, (page) => listUpstreamProviders(runtime.deps, principal, page)), {
        json: options.json === true,
        empty: 'No upstream identity providers. Register one with `ward upstream-provider create --name NAME --issuer URL --client-id ID --client-secret-file FILE`.',
        header: ['ID', 'NAME', 'ISSUER', 'CLIENT ID', 'ENABLED', 'VERIFIED E-MAIL'],
        row: (p) => [p.id, p.name, p.issuer, p.clientId, p.enabled ? 'yes' : 'no', p.requireVerifiedEmail ? 'required' : 'not required'],
      });
    });
  });

  const remove = providers.command('delete').description('Delete an upstream identity provider; sign-ins under way with it fail.').argument('<id>', 'the provider id');
  addConfigFlags(remove, commonConfigKeys);
  remove.action(async (id: string, options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const deleted = await deleteUpstreamProvider(runtime.deps, principal, id);
      if (!deleted.ok) exitOnFailure(deleted);
      io.stdout.write(`Deleted upstream identity provider ${id}.\n`);
    });
  });
  return providers;
}
