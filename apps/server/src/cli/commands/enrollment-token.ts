import type { Command } from 'commander';
import { createEnrollmentToken, listEnrollmentTokens, maxEnrollmentTokenDays, revokeEnrollmentToken, type EnrollmentToken } from '@ward/core';
import type { ConfigKey } from '../../config/config-schema.js';
import { enrollCommand, enrollCommandSettings } from '@ward/http';
import { agentUrlOf } from '../../runtime/agent-url.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { terminalQrCode } from '../terminal-qr-code.js';
import { collectPages, parseListLimit } from '../collect-pages.js';
import { printList } from '../print-list.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { parseHours } from '../parse-hours.js';
import { withWard } from '../with-ward.js';

interface CreateOptions {
  readonly name: string;
  readonly maxUses?: string;
  readonly unlimited?: boolean;
  readonly ownership: string;
  readonly expires: string;
  readonly group?: string;
  readonly user?: string;
  readonly json?: boolean;
  readonly qr: boolean;
}

/** The server URL options: the command line names the server the way the server itself is configured. */
const urlConfigKeys: readonly ConfigKey[] = [...commonConfigKeys, 'publicUrl', 'host', 'port'];

function usesText(token: Pick<EnrollmentToken, 'maxUses' | 'uses'>): string {
  if (token.maxUses === null) return `${token.uses} of unlimited`;
  return `${token.uses} of ${token.maxUses}`;
}

/** Whether a token can still enroll a device at `now`, and if not, why. */
function stateOf(token: Omit<EnrollmentToken, 'secretHash'>, now: Date): string {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (token.maxUses !== null && token.uses >= token.maxUses) return 'used up';
  return 'active';
}

function maxUsesOf(options: CreateOptions): number | null {
  if (options.unlimited === true) {
    if (options.maxUses !== undefined) throw new CliExit(exitCodes.usage, ['--max-uses and --unlimited: give one or the other']);
    return null;
  }
  if (options.maxUses === undefined) return 1;
  if (!/^\d{1,7}$/.test(options.maxUses.trim())) throw new CliExit(exitCodes.usage, [`--max-uses: must be a whole number, got ${JSON.stringify(options.maxUses)}`]);
  return Number(options.maxUses);
}

/**
 * `ward enrollment-token create|list|revoke`: the tokens devices enroll with. `create` prints the
 * token once, the `ward-agent enroll` command line that uses it, and that line as a QR code.
 */
export function enrollmentTokenCommand(program: Command, io: CliIo): Command {
  const tokens = program.command('enrollment-token').description('Create, list and revoke the tokens devices enroll with.');

  const create = tokens
    .command('create')
    .description('Create an enrollment token; prints it once with the `ward-agent enroll` command line and its QR code.')
    .requiredOption('--name <name>', 'what the token is for (shown in lists and the audit trail)')
    .option('--max-uses <n>', 'how many devices may enroll with it (default 1: a one-time token)')
    .option('--unlimited', 'any number of devices until it expires')
    .option('--ownership <ownership>', 'corporate or personal: the ownership of the devices enrolled with it', 'corporate')
    .option('--expires <lifetime>', `lifetime: 24h, 7d, 2w (at most ${maxEnrollmentTokenDays} days)`, '7d')
    .option('--group <group>', 'a static device group (name or id) the devices join')
    .option('--user <email>', 'the user the devices belong to')
    .option('--json', 'print {id, token, command, expiresAt} as JSON instead')
    .option('--no-qr', 'leave out the QR code');
  addConfigFlags(create, urlConfigKeys);
  create.action(async (options: CreateOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const hours = parseHours(options.expires);
    if (hours === undefined) throw new CliExit(exitCodes.usage, [`--expires: must be a lifetime such as 24h, 7d or 2w, got ${JSON.stringify(options.expires)}`]);
    const ownership = options.ownership.trim().toLowerCase();
    if (ownership !== 'corporate' && ownership !== 'personal') throw new CliExit(exitCodes.usage, [`--ownership: must be corporate or personal, got ${JSON.stringify(options.ownership)}`]);
    const maxUses = maxUsesOf(options);
    if (config.port === 0 && config.publicUrl === undefined) {
      throw new CliExit(exitCodes.usage, ['The server URL for the command line is unknown with port 0: set WARD_PUBLIC_URL (--public-url) to the URL devices reach Ward at.']);
    }
    const serverUrl = agentUrlOf(config.publicUrl, config.host, config.port);
    if (serverUrl === undefined) throw new CliExit(exitCodes.usage, [`WARD_PUBLIC_URL must be an https URL for agents, got ${config.publicUrl ?? ''}`]);

    await withWard(io, config, async ({ runtime, principal, logger }) => {
      const { loadServerKeys } = await import('../../runtime/load-server-keys.js');
      const keys = await loadServerKeys(runtime, logger);
      const { stores } = runtime.deps;
      let userId: string | null = null;
      if (options.user !== undefined) {
        const user = await stores.getUserByEmail(principal.tenantId, options.user.trim().toLowerCase());
        if (user === undefined) throw new CliExit(exitCodes.usage, [`--user: no user with the e-mail ${options.user}`]);
        userId = user.id;
      }
      const targetGroupId = options.group === undefined ? null : ((await stores.getGroupByName(principal.tenantId, options.group))?.id ?? options.group);
      const created = await createEnrollmentToken(runtime.deps, principal, { name: options.name, maxUses, ownership, expiresInHours: hours, targetGroupId, userId });
      if (!created.ok) exitOnFailure(created);
      const { token, text } = created.value;
      // The API's own form, so the console, the API and the CLI print the same line.
      const command = enrollCommand(enrollCommandSettings(serverUrl, keys.caFingerprint), text);
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify({ id: token.id, name: token.name, token: text, command, serverUrl, caFingerprint: keys.caFingerprint, maxUses: token.maxUses, ownership: token.ownership, expiresAt: token.expiresAt.toISOString() })}\n`);
        return;
      }
      const devices = token.maxUses === null ? 'any number of devices' : token.maxUses === 1 ? 'one device' : `up to ${token.maxUses} devices`;
      io.stderr.write(`Created enrollment token ${token.id} "${token.name}" for ${devices}, ${token.ownership}, until ${token.expiresAt.toISOString()}.\n`);
      const lines = ['Enrollment token (shown only now):', `  ${text}`, '', 'Enroll a device: run this on it as root (sudo), then `ward-agent install-service`:', `  ${command}`, ''];
      io.stdout.write(`${lines.join('\n')}\n`);
      if (options.qr) io.stdout.write(`${await terminalQrCode(command)}\n`);
    });
  });

  const list = tokens
    .command('list')
    .description('List enrollment tokens, newest first (never their secrets).')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON object per line');
  addConfigFlags(list, commonConfigKeys);
  list.action(async (options: { limit: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const limit = parseListLimit(options.limit);
    await withWard(io, config, async ({ runtime, principal }) => {
      const listed = await collectPages(limit, (page) => listEnrollmentTokens(runtime.deps, principal, page));
      const now = runtime.deps.clock.now();
      printList(io, listed, {
        json: options.json === true,
        empty: 'No enrollment tokens. Create one with `ward enrollment-token create --name NAME`.',
        header: ['ID', 'NAME', 'STATE', 'USES', 'OWNERSHIP', 'EXPIRES'],
        row: (t) => [t.id, t.name, stateOf(t, now), usesText(t), t.ownership, t.expiresAt.toISOString()],
        jsonOf: (t) => ({ ...t, state: stateOf(t, now) }),
      });
    });
  });

  const revoke = tokens.command('revoke').description('Revoke an enrollment token at once; devices enrolled with it stay enrolled.').argument('<id>', 'the token id');
  addConfigFlags(revoke, commonConfigKeys);
  revoke.action(async (id: string, options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const result = await revokeEnrollmentToken(runtime.deps, principal, id);
      if (!result.ok) exitOnFailure(result);
      io.stdout.write(`Revoked enrollment token ${id}.\n`);
    });
  });
  return tokens;
}
