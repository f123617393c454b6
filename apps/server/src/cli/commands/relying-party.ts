import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createRelyingParty, deleteRelyingParty, listRelyingParties, rotateRelyingPartySecret, type RelyingPartyWithSecret } from '@ward/core';
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
  readonly redirectUri: string[];
  readonly postLogoutRedirectUri: string[];
  readonly grantType: string[];
  readonly authMethod: string;
  readonly jwksFile?: string;
  readonly json?: boolean;
}

/** A JWKS file is a few keys; anything larger is not one. */
const maxJwksFileBytes = 64 * 1024;

async function readJwks(file: string): Promise<unknown> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > maxJwksFileBytes) throw new CliExit(exitCodes.usage, [`--jwks-file: ${file} is larger than ${maxJwksFileBytes} bytes; a JWKS holds a few public keys`]);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw new CliExit(exitCodes.usage, [`--jwks-file: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliExit(exitCodes.usage, [`--jwks-file: ${file} is not JSON`]);
  }
}

function printWithSecret(io: CliIo, result: RelyingPartyWithSecret, json: boolean, verb: string): void {
  const { relyingParty: party, clientSecret } = result;
  if (json) {
    io.stdout.write(`${JSON.stringify({ ...party, clientSecret })}\n`);
    return;
  }
  io.stderr.write(`${verb} relying party ${party.id} "${party.name}" (${party.grantTypes.join(', ')}; ${party.tokenEndpointAuthMethod}).\n`);
  const lines = [`client_id:     ${party.clientId}`];
  if (clientSecret !== null) lines.push(`client_secret: ${clientSecret}`, '', 'The client secret is shown only now: store it in the relying party\'s configuration.');
  io.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * `ward relying-party create|list|rotate-secret|delete`: the services that sign users in through
 * Ward's OpenID provider. A client secret is printed only when it is generated.
 */
export function relyingPartyCommand(program: Command, io: CliIo): Command {
  const parties = program.command('relying-party').description('Register, list, re-key and delete the relying parties (OIDC clients) of Ward\'s identity provider.');

  const create = parties
    .command('create')
    .description('Register a relying party; prints its client id and, for secret-based methods, its client secret once.')
    .requiredOption('--name <name>', 'what the service is (shown in lists, on sign-in pages and in the audit trail)')
    .option('--redirect-uri <uri>', 'a redirect URI (repeat for several): https, or http only to loopback', collectRepeated, [])
    .option('--post-logout-redirect-uri <uri>', 'where to send the browser after sign-out (repeatable)', collectRepeated, [])
    .option('--grant-type <type>', 'authorization_code, refresh_token or client_credentials (repeatable; default authorization_code and refresh_token)', collectRepeated, [])
    .option('--auth-method <method>', 'client_secret_basic, client_secret_post, private_key_jwt or none', 'client_secret_basic')
    .option('--jwks-file <file>', 'the public keys (JWKS, JSON) for private_key_jwt')
    .option('--json', 'print the relying party and secret as JSON');
  addConfigFlags(create, commonConfigKeys);
  create.action(async (options: CreateOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const jwks = options.jwksFile === undefined ? undefined : await readJwks(options.jwksFile);
    const grantTypes = options.grantType.length === 0 ? ['authorization_code', 'refresh_token'] : options.grantType;
    await withWard(io, config, async ({ runtime, principal }) => {
      const created = await createRelyingParty(runtime.deps, principal, {
        name: options.name,
        redirectUris: options.redirectUri,
        postLogoutRedirectUris: options.postLogoutRedirectUri,
        grantTypes,
        tokenEndpointAuthMethod: options.authMethod,
        ...(jwks === undefined ? {} : { jwks }),
      });
      if (!created.ok) exitOnFailure(created);
      printWithSecret(io, created.value, options.json === true, 'Created');
    });
  });

  const list = parties
    .command('list')
    .description('List relying parties, oldest first (never their secrets).')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON object per line');
  addConfigFlags(list, commonConfigKeys);
  list.action(async (options: { limit: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const limit = parseListLimit(options.limit);
    await withWard(io, config, async ({ runtime, principal }) => {
      printList(io, await collectPages(limit, (page) => listRelyingParties(runtime.deps, principal, page)), {
        json: options.json === true,
        empty: 'No relying parties. Register one with `ward relying-party create --name NAME --redirect-uri URI`.',
        header: ['CLIENT ID', 'NAME', 'GRANTS', 'AUTH', 'REDIRECT URIS'],
        row: (p) => [p.clientId, p.name, p.grantTypes.join(','), p.tokenEndpointAuthMethod, p.redirectUris.join(' ')],
      });
    });
  });

  const rotate = parties
    .command('rotate-secret')
    .description('Replace a relying party\'s client secret; prints the new one once. The old one stops working at once.')
    .argument('<id>', 'the client id')
    .option('--json', 'print the relying party and secret as JSON');
  addConfigFlags(rotate, commonConfigKeys);
  rotate.action(async (id: string, options: { json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const rotated = await rotateRelyingPartySecret(runtime.deps, principal, id);
      if (!rotated.ok) exitOnFailure(rotated);
      printWithSecret(io, rotated.value, options.json === true, 'Rotated the secret of');
    });
  });

  const remove = parties.command('delete').description('Delete a relying party; the tokens and grants issued to it are revoked with it.').argument('<id>', 'the client id');
  addConfigFlags(remove, commonConfigKeys);
  remove.action(async (id: string, options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const deleted = await deleteRelyingParty(runtime.deps, principal, id);
      if (!deleted.ok) exitOnFailure(deleted);
      io.stdout.write(`Deleted relying party ${id} (${deleted.value.revokedStates} tokens, codes and grants revoked).\n`);
    });
  });
  return parties;
}
