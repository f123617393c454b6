import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createAppProtectionPolicy, deleteAppProtectionPolicy, getAppProtectionPolicy, listAppProtectionPolicies, type AppProtectionPolicy, type GroupStore, type TenantId } from '@ward/core';
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
  readonly description?: string;
  readonly app: string[];
  readonly group: string[];
  readonly excludeGroup: string[];
  readonly settingsFile?: string;
  readonly json?: boolean;
}

/** A settings file is one policy's settings; anything larger is not one. */
const maxSettingsFileBytes = 64 * 1024;

async function readSettings(file: string): Promise<unknown> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > maxSettingsFileBytes) throw new CliExit(exitCodes.usage, [`--settings-file: ${file} is larger than ${maxSettingsFileBytes} bytes; a policy's settings are a few hundred`]);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw new CliExit(exitCodes.usage, [`--settings-file: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliExit(exitCodes.usage, [`--settings-file: ${file} is not JSON`]);
  }
}

/** Group names or ids as ids: a name that names a group becomes its id; anything else is passed on for core to judge. */
async function groupIds(stores: Pick<GroupStore, 'getGroupByName'>, tenantId: TenantId, values: readonly string[]): Promise<string[]> {
  return Promise.all(values.map(async (value) => (await stores.getGroupByName(tenantId, value))?.id ?? value));
}

function usersOf(policy: AppProtectionPolicy): string {
  const { include, exclude } = policy.targets.users;
  const included = include === 'allUsers' ? 'all users' : `${include.length} group${include.length === 1 ? '' : 's'}`;
  return exclude.length === 0 ? included : `${included} minus ${exclude.length}`;
}

function describePolicy(policy: AppProtectionPolicy): string {
  const s = policy.settings;
  const lines = [
    `${policy.name} (${policy.id}), version ${policy.version}, policy version ${policy.hash}`,
    policy.description === '' ? '' : policy.description,
    `Apps:        ${policy.targets.apps.join(', ')}`,
    `Users:       ${usersOf(policy)}${policy.targets.users.include === 'allUsers' ? '' : ` (${policy.targets.users.include.join(', ')})`}${policy.targets.users.exclude.length === 0 ? '' : `, excluded ${policy.targets.users.exclude.join(', ')}`}`,
    `PIN:         ${s.pin.required ? `${s.pin.type}, at least ${s.pin.minLength}, ${s.pin.maxRetries} tries, asked again after ${s.pin.recheckAfterMinutes} min${s.pin.biometricAllowed ? ', biometrics allowed' : ''}` : 'not required'}`,
    `Data:        ${s.encryptData ? 'encrypted' : 'not encrypted'}; clipboard ${s.clipboard}; save-as ${s.saveAsBlocked ? 'blocked' : 'allowed'}; sharing to unmanaged apps ${s.shareToUnmanagedBlocked ? 'blocked' : 'allowed'}; print ${s.printBlocked ? 'blocked' : 'allowed'}; screen capture ${s.screenCaptureBlocked ? 'blocked' : 'allowed'}`,
    `Offline:     access checked after ${s.offline.accessCheckAfterMinutes} min, wiped after ${s.offline.wipeAfterDays} days`,
    `Launch:      app ≥ ${s.conditionalLaunch.minAppVersion ?? 'any'}, SDK ≥ ${s.conditionalLaunch.minSdkVersion ?? 'any'}; jailbroken → ${s.conditionalLaunch.jailbroken}; PIN retries exhausted → ${s.conditionalLaunch.maxPinRetries}`,
  ];
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}

/**
 * `ward app-protection policy create|list|show|delete`: the app protection policies that apps with
 * the Ward SDK enforce (docs/protocols/sdk-v1.md). Apps pick a change up at their next check-in.
 */
export function appProtectionCommand(program: Command, io: CliIo): Command {
  const protection = program.command('app-protection').description('App protection for apps with the Ward SDK.');
  const policies = protection.command('policy').description('Create, list, show and delete app protection policies.');

  const create = policies
    .command('create')
    .description('Create an app protection policy for some apps. Settings left out take the defaults (a 6-digit PIN, data encrypted, copy out to managed apps only, save-as and sharing blocked).')
    .requiredOption('--name <name>', 'unique within the tenant')
    .option('--description <text>', 'what the policy is for')
    .option('--app <identifier>', 'a catalog app identifier the policy protects (repeat for several; at least one)', collectRepeated, [])
    .option('--group <name|id>', 'a user group the policy is for (repeatable; default: all users)', collectRepeated, [])
    .option('--exclude-group <name|id>', 'a user group the policy never reaches (repeatable)', collectRepeated, [])
    .option('--settings-file <file>', 'JSON of the settings to set, shaped as the SDK protocol\'s protection policy (pin, encryptData, clipboard, offline, conditionalLaunch, …)')
    .option('--json', 'print the policy as JSON');
  addConfigFlags(create, commonConfigKeys);
  create.action(async (options: CreateOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    if (options.app.length === 0) throw new CliExit(exitCodes.usage, ['--app: name at least one app the policy protects']);
    const settings = options.settingsFile === undefined ? undefined : await readSettings(options.settingsFile);
    await withWard(io, config, async ({ runtime, principal }) => {
      const { stores } = runtime.deps;
      const include = options.group.length === 0 ? 'allUsers' : await groupIds(stores, principal.tenantId, options.group);
      const exclude = await groupIds(stores, principal.tenantId, options.excludeGroup);
      const created = await createAppProtectionPolicy(runtime.deps, principal, {
        name: options.name,
        ...(options.description === undefined ? {} : { description: options.description }),
        ...(settings === undefined ? {} : { settings }),
        targets: { users: { include, exclude }, apps: options.app },
      });
      if (!created.ok) exitOnFailure(created);
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify(created.value)}\n`);
        return;
      }
      io.stderr.write(`Created app protection policy ${created.value.id} "${created.value.name}".\n`);
      io.stdout.write(describePolicy(created.value));
    });
  });

  const list = policies
    .command('list')
    .description('List app protection policies by name.')
    .option('--app <identifier>', 'only policies that protect this app')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON object per line');
  addConfigFlags(list, commonConfigKeys);
  list.action(async (options: { app?: string; limit: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const limit = parseListLimit(options.limit);
    await withWard(io, config, async ({ runtime, principal }) => {
      const filter = options.app === undefined ? {} : { appIdentifier: options.app };
      printList(io, await collectPages(limit, (page) => listAppProtectionPolicies(runtime.deps, principal, { filter, ...page })), {
        json: options.json === true,
        empty: 'No app protection policies. Create one with `ward app-protection policy create --name NAME --app IDENTIFIER`.',
        header: ['ID', 'NAME', 'USERS', 'APPS'],
        row: (p) => [p.id, p.name, usersOf(p), p.targets.apps.join(',')],
      });
    });
  });

  const show = policies.command('show').description('Show an app protection policy and its settings.').argument('<id>', 'the policy id').option('--json', 'print the policy as JSON');
  addConfigFlags(show, commonConfigKeys);
  show.action(async (id: string, options: { json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const found = await getAppProtectionPolicy(runtime.deps, principal, id);
      if (!found.ok) exitOnFailure(found);
      io.stdout.write(options.json === true ? `${JSON.stringify(found.value)}\n` : describePolicy(found.value));
    });
  });

  const remove = policies.command('delete').description('Delete an app protection policy; apps it protected stop counting as protected unless another policy reaches them.').argument('<id>', 'the policy id');
  addConfigFlags(remove, commonConfigKeys);
  remove.action(async (id: string, options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const deleted = await deleteAppProtectionPolicy(runtime.deps, principal, id);
      if (!deleted.ok) exitOnFailure(deleted);
      io.stdout.write(`Deleted app protection policy ${id}.\n`);
    });
  });
  return protection;
}
