import type { Command } from 'commander';
import { appRegistrationStates, listAppRegistrations, wipeAppRegistration, wipeUserApps, type AppRegistrationFilter, type AppRegistrationState, type AppRegistrationView, type TenantId, type UserId, type UserStore } from '@ward/core';
import type { CliIo } from '@ward/cli-kit';
import { CliExit, exitCodes } from '../cli-exit.js';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { collectPages, parseListLimit } from '../collect-pages.js';
import { printList } from '../print-list.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { formatTable } from '../format-table.js';
import { withWard } from '../with-ward.js';

interface ListOptions {
  readonly user?: string;
  readonly app?: string;
  readonly state?: string;
  readonly deviceTag?: string;
  readonly limit: string;
  readonly json?: boolean;
}

interface WipeOptions {
  readonly user?: string;
  readonly deviceTag?: string;
  readonly json?: boolean;
}

/** A user named by e-mail (the way people know them) or by id; a usage error when none matches. */
async function userIdOf(stores: Pick<UserStore, 'getUserByEmail'>, tenantId: TenantId, value: string): Promise<UserId> {
  // An id names nothing until core looks it up; a wrong one is USER_NOT_FOUND there.
  if (!value.includes('@')) return value as UserId;
  const user = await stores.getUserByEmail(tenantId, value.trim().toLowerCase());
  if (user === undefined) throw new CliExit(exitCodes.usage, [`--user: no user with the e-mail ${value}`]);
  return user.id;
}

function isState(value: string): value is AppRegistrationState {
  return (appRegistrationStates as readonly string[]).includes(value);
}

function row(r: AppRegistrationView): string[] {
  return [r.id, r.userId, r.appIdentifier, r.deviceName ?? r.deviceTag, r.state, r.lastCheckInAt?.toISOString() ?? 'never'];
}

/**
 * `ward app-registration list|wipe`: the apps with the Ward SDK that users registered, and
 * selective wipe of one registration or of a user's (optionally on one device tag). A wipe is
 * delivered at the app's next check-in; the app's key share is withheld from now on.
 */
export function appRegistrationCommand(program: Command, io: CliIo): Command {
  const registrations = program.command('app-registration').description('List and selectively wipe the app registrations of apps with the Ward SDK.');

  const list = registrations
    .command('list')
    .description('List app registrations, newest first (never their key shares).')
    .option('--user <email|id>', 'only this user\'s')
    .option('--app <identifier>', 'only this app\'s')
    .option('--state <state>', `only those in this state: ${appRegistrationStates.join(', ')}`)
    .option('--device-tag <tag>', 'only those of this installation')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON object per line');
  addConfigFlags(list, commonConfigKeys);
  list.action(async (options: ListOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const limit = parseListLimit(options.limit);
    if (options.state !== undefined && !isState(options.state)) throw new CliExit(exitCodes.usage, [`--state: must be one of ${appRegistrationStates.join(', ')}`]);
    const state = options.state;
    await withWard(io, config, async ({ runtime, principal }) => {
      const filter: AppRegistrationFilter = {
        ...(options.user === undefined ? {} : { userId: await userIdOf(runtime.deps.stores, principal.tenantId, options.user) }),
        ...(options.app === undefined ? {} : { appIdentifier: options.app }),
        ...(state === undefined ? {} : { state }),
        ...(options.deviceTag === undefined ? {} : { deviceTag: options.deviceTag }),
      };
      printList(io, await collectPages(limit, (page) => listAppRegistrations(runtime.deps, principal, { filter, ...page })), {
        json: options.json === true,
        empty: 'No app registrations.',
        header: ['ID', 'USER', 'APP', 'DEVICE', 'STATE', 'LAST CHECK-IN'],
        row: row,
      });
    });
  });

  const wipe = registrations
    .command('wipe')
    .description('Selectively wipe one registration, or with --user all of a user\'s (on one installation with --device-tag). The apps delete the corporate data at their next check-in; personal accounts are never touched.')
    .argument('[id]', 'the registration to wipe')
    .option('--user <email|id>', 'wipe every registration of this user instead')
    .option('--device-tag <tag>', 'with --user: only the registrations of this installation')
    .option('--json', 'print the registrations reached as JSON, one per line');
  addConfigFlags(wipe, commonConfigKeys);
  wipe.action(async (id: string | undefined, options: WipeOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    if ((id === undefined) === (options.user === undefined)) throw new CliExit(exitCodes.usage, ['Name one registration id, or --user, not both.']);
    if (options.deviceTag !== undefined && options.user === undefined) throw new CliExit(exitCodes.usage, ['--device-tag goes with --user.']);
    await withWard(io, config, async ({ runtime, principal }) => {
      let reached: readonly AppRegistrationView[];
      if (id !== undefined) {
        const wiped = await wipeAppRegistration(runtime.deps, principal, id);
        if (!wiped.ok) exitOnFailure(wiped);
        reached = [wiped.value];
      } else {
        const userId = await userIdOf(runtime.deps.stores, principal.tenantId, options.user ?? '');
        const wiped = await wipeUserApps(runtime.deps, principal, { userId, ...(options.deviceTag === undefined ? {} : { deviceTag: options.deviceTag }) });
        if (!wiped.ok) exitOnFailure(wiped);
        reached = wiped.value.registrations;
      }
      if (options.json === true) {
        for (const r of reached) io.stdout.write(`${JSON.stringify(r)}\n`);
        return;
      }
      if (reached.length === 0) {
        io.stderr.write('No live registrations to wipe.\n');
        return;
      }
      io.stderr.write(`Wipe requested for ${reached.length} registration${reached.length === 1 ? '' : 's'}; each app wipes at its next check-in and confirms.\n`);
      io.stdout.write(formatTable(['ID', 'USER', 'APP', 'DEVICE', 'STATE', 'LAST CHECK-IN'], reached.map(row)));
    });
  });
  return registrations;
}
