import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  actionTypes,
  adminAppleRequestTypes,
  deleteDevice,
  enqueueAppleCommandByAdmin,
  getDevice,
  listDeviceActions,
  listAppleDeviceCommands,
  listDevices,
  ownerships,
  platforms,
  requestDeviceAction,
  type ActionRequestOutcome,
  type AppleErrorChainEntry,
  type Device,
  type DeviceAction,
  type Ownership,
  type Platform,
} from '@ward/core';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { formatTable } from '../format-table.js';
import { resultSummary, waitForActions } from '../wait-for-actions.js';
import { withWard } from '../with-ward.js';

const time = (d: Date | null): string => (d === null ? 'never' : d.toISOString());

function positiveInteger(text: string, flag: string, max: number): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > max) throw new CliExit(exitCodes.usage, [`${flag}: must be a whole number from 1 to ${max}, got ${JSON.stringify(text)}`]);
  return n;
}

function platformsOf(text: string | undefined): Platform[] | undefined {
  if (text === undefined) return undefined;
  const wanted = text.split(',').map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
  const unknown = wanted.filter((p) => !(platforms as readonly string[]).includes(p));
  if (unknown.length > 0) throw new CliExit(exitCodes.usage, [`--platform: ${unknown.join(', ')} is not one of ${platforms.join(', ')}`]);
  return wanted as Platform[];
}

function actionRows(actions: readonly DeviceAction[]): string[][] {
  return actions.map((a) => [a.id, a.type, a.status, a.requestedBy, a.createdAt.toISOString(), a.completedAt === null ? '' : a.completedAt.toISOString(), resultSummary(a.result)]);
}

function outcomeLine(o: ActionRequestOutcome): string {
  if (o.status === 'refused') return `${o.deviceId}  refused         ${o.code ?? ''}: ${o.message ?? ''}`;
  return `${o.deviceId}  ${o.status.padEnd(14)}  command ${o.commandId ?? ''}`;
}

/** An MDM command's payload from --payload: a JSON object, or standard input with `-`. */
function mdmPayloadOf(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text === '-' ? readFileSync(0, 'utf8') : text);
  } catch (error) {
    throw new CliExit(exitCodes.usage, [`--payload: not JSON: ${error instanceof Error ? error.message : String(error)}`], { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliExit(exitCodes.usage, ['--payload: must be a JSON object']);
  return parsed as Record<string, unknown>;
}

function errorChainText(chain: readonly AppleErrorChainEntry[] | null): string {
  return chain === null ? '' : chain.map((e) => `${e.localizedDescription} (${e.errorDomain} ${e.errorCode})`).join('; ');
}

interface ActionOptions {
  readonly script?: string;
  readonly interpreter: string;
  readonly timeout: string;
  readonly ttl?: string;
  readonly wait?: boolean;
  readonly waitTimeout: string;
}

function payloadOf(type: string, options: ActionOptions): Record<string, unknown> | undefined {
  if (type !== 'runScript') {
    if (options.script !== undefined) throw new CliExit(exitCodes.usage, [`--script: only runScript takes a script, not ${type}`]);
    return undefined;
  }
  if (options.script === undefined) throw new CliExit(exitCodes.usage, ['runScript needs --script FILE (- for standard input)']);
  let script: string;
  try {
    script = readFileSync(options.script === '-' ? 0 : options.script, 'utf8');
  } catch (error) {
    throw new CliExit(exitCodes.usage, [`--script: cannot read ${options.script}: ${error instanceof Error ? error.message : String(error)}`], { cause: error });
  }
  return { interpreter: options.interpreter, script, timeoutSeconds: positiveInteger(options.timeout, '--timeout', 3600) };
}

/**
 * `ward device list|show|action|mdm-command|mdm-commands|delete`: the device inventory, remote
 * actions and raw Apple MDM commands, as the system principal (every change is audited as the
 * CLI operator).
 */
export function deviceCommand(program: Command, io: CliIo): Command {
  const device = program.command('device').description('List and inspect devices, send them remote actions, delete their records.');

  const list = device
    .command('list')
    .description('List devices by name (one page; --cursor for the next).')
    .option('--platform <list>', `only these platforms, comma-separated: ${platforms.join(', ')}`)
    .option('--q <text>', 'part of the name, serial number or model')
    .option('--ownership <ownership>', `one of ${ownerships.join(', ')}`)
    .option('--limit <n>', 'devices per page (at most 200)', '50')
    .option('--cursor <cursor>', 'the page after the one that printed this cursor')
    .option('--json', 'one JSON object per line');
  addConfigFlags(list, commonConfigKeys);
  list.action(async (options: { platform?: string; q?: string; ownership?: string; limit: string; cursor?: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const platform = platformsOf(options.platform);
    if (options.ownership !== undefined && !(ownerships as readonly string[]).includes(options.ownership)) throw new CliExit(exitCodes.usage, [`--ownership: must be one of ${ownerships.join(', ')}`]);
    const limit = positiveInteger(options.limit, '--limit', 200);
    await withWard(io, config, async ({ runtime, principal }) => {
      const filter = {
        ...(platform === undefined ? {} : { platform }),
        ...(options.q === undefined ? {} : { q: options.q }),
        ...(options.ownership === undefined ? {} : { ownership: options.ownership as Ownership }),
      };
      const page = await listDevices(runtime.deps, principal, { filter, limit, ...(options.cursor === undefined ? {} : { cursor: options.cursor }) });
      if (!page.ok) exitOnFailure(page);
      const { items, nextCursor } = page.value;
      if (options.json === true) {
        for (const d of items) {
          const { inventory: _inventory, ...rest } = d;
          io.stdout.write(`${JSON.stringify(rest)}\n`);
        }
      } else if (items.length === 0) {
        io.stderr.write('No devices match. Enroll one: docs/enroll-a-device.md.\n');
      } else {
        io.stdout.write(formatTable(['ID', 'NAME', 'PLATFORM', 'OS', 'OWNERSHIP', 'STATE', 'COMPLIANCE', 'LAST SEEN'], items.map((d) => [d.id, d.name, d.platform, d.osVersion ?? '', d.ownership, d.managementState, d.complianceState, time(d.lastSeenAt)])));
      }
      if (nextCursor !== null) io.stderr.write(`More devices: --cursor ${nextCursor}\n`);
    });
  });

  const show = device.command('show').description('A device: its facts, last check-in and action history.').argument('<id>', 'the device id').option('--json', 'the device and its actions as JSON');
  addConfigFlags(show, commonConfigKeys);
  show.action(async (id: string, options: { json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const found = await getDevice(runtime.deps, principal, id);
      if (!found.ok) exitOnFailure(found);
      const d: Device = found.value;
      const actions = await listDeviceActions(runtime.deps, principal, id, { limit: 20 });
      if (!actions.ok) exitOnFailure(actions);
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify({ device: d, actions: actions.value.items }, null, 2)}\n`);
        return;
      }
      const user = d.primaryUserId === null ? undefined : await runtime.deps.stores.getUser(d.tenantId, d.primaryUserId);
      const fields: [string, string][] = [
        ['Device', `${d.name} (${d.id})`],
        ['Platform', `${d.platform} ${d.osVersion ?? ''}`.trim()],
        ['Model', [d.manufacturer, d.model].filter((v) => v !== null).join(' ')],
        ['Serial number', d.serialNumber ?? ''],
        ['Ownership', d.ownership],
        ['Management', d.managementState],
        ['Compliance', d.complianceState],
        ['Primary user', user?.email ?? d.primaryUserId ?? ''],
        ['Enrolled', d.enrolledAt.toISOString()],
        ['Last check-in', time(d.lastSeenAt)],
      ];
      const facts = Object.entries(d.facts).map(([k, v]): [string, string] => [`  ${k}`, String(v)]);
      const width = Math.max(...[...fields, ...facts].map(([k]) => k.length));
      const lines = fields.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
      lines.push('Facts:', ...(facts.length === 0 ? ['  (none reported yet)'] : facts.map(([k, v]) => `${k.padEnd(width)}  ${v}`)));
      io.stdout.write(`${lines.join('\n')}\n\nActions:\n`);
      if (actions.value.items.length === 0) io.stdout.write('  (none)\n');
      else io.stdout.write(formatTable(['ID', 'TYPE', 'STATUS', 'BY', 'REQUESTED', 'FINISHED', 'RESULT'], actionRows(actions.value.items)));
    });
  });

  const action = device
    .command('action')
    .description(`Send a remote action to devices: ${actionTypes.join(', ')}. Prints what became of each device's request; --wait follows them to the end.`)
    .argument('<type>', actionTypes.join(', '))
    .argument('<ids...>', 'device ids')
    .option('--script <file>', 'runScript: the script to run (- reads standard input)')
    .option('--interpreter <name>', 'runScript: sh, bash, zsh or powershell', 'sh')
    .option('--timeout <seconds>', 'runScript: time limit on the device', '60')
    .option('--ttl <hours>', 'how long the command waits for an offline device before it expires (default 72)')
    .option('--wait', 'wait until every device has reported (or the command expired), showing progress')
    .option('--wait-timeout <seconds>', 'with --wait: give up waiting after this long (the actions stay queued)', '300');
  addConfigFlags(action, commonConfigKeys);
  action.action(async (type: string, ids: string[], options: ActionOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    if (!(actionTypes as readonly string[]).includes(type)) throw new CliExit(exitCodes.usage, [`Unknown action ${type}; use one of ${actionTypes.join(', ')}.`]);
    const payload = payloadOf(type, options);
    const ttlHours = options.ttl === undefined ? undefined : positiveInteger(options.ttl, '--ttl', 720);
    const waitMs = positiveInteger(options.waitTimeout, '--wait-timeout', 86_400) * 1000;
    const problems = await withWard(io, config, async ({ runtime, principal, logger }) => {
      const { loadServerKeys } = await import('../../runtime/load-server-keys.js');
      const { createEcdsaCommandSigner } = await import('../../adapters/ecdsa-command-signer.js');
      const { enqueueWakeDevices } = await import('../../runtime/wake-devices-job.js');
      const keys = await loadServerKeys(runtime, logger);
      const signer = createEcdsaCommandSigner(keys.commandSigning.privateKey);
      const requested = await requestDeviceAction({ ...runtime.deps, signer }, principal, {
        deviceIds: ids,
        type,
        ...(payload === undefined ? {} : { payload }),
        ...(ttlHours === undefined ? {} : { ttlHours }),
      });
      if (!requested.ok) exitOnFailure(requested);
      const outcomes = requested.value;
      for (const o of outcomes) io.stdout.write(`${outcomeLine(o)}\n`);
      const sent = outcomes.filter((o) => o.status !== 'refused' && o.commandId !== null);
      // On SQLite this process's wake-up events reach nobody: the server's job runner relays them.
      if (runtime.target.dialect === 'sqlite' && sent.length > 0) await enqueueWakeDevices(runtime.deps.stores, principal.tenantId, sent.map((o) => o.deviceId));
      let failures = outcomes.length - sent.length;
      if (options.wait === true && sent.length > 0) {
        const finished = await waitForActions(runtime.deps, principal, sent.map((o) => ({ deviceId: o.deviceId, commandId: o.commandId ?? '' })), { io, timeoutMs: waitMs });
        failures += finished.filter((f) => f.status !== 'succeeded').length;
      }
      return failures;
    });
    if (problems > 0) throw new CliExit(exitCodes.failure, [`${problems} of ${new Set(ids).size} devices did not ${options.wait === true ? 'complete the action' : 'accept the request'}.`]);
  });

  const mdmCommand = device
    .command('mdm-command')
    .description(`Send one Apple MDM command to an Apple device and wake it: ${adminAppleRequestTypes.join(', ')}. Locks, erasure and the like are remote actions (ward device action).`)
    .argument('<device>', 'the device id')
    .argument('<requestType>', "Apple's RequestType")
    .option('--payload <json>', 'the Command dictionary\'s other keys as a JSON object, as Apple names them (- reads standard input); data as {"$data":"<base64>"}')
    .option('--channel <channel>', 'device, or user:<UserID> for a Mac user channel', 'device')
    .option('--ttl <hours>', 'how long the command waits for an offline device before it expires (default 72)')
    .option('--json', 'the queued command as JSON');
  addConfigFlags(mdmCommand, commonConfigKeys);
  mdmCommand.action(async (id: string, requestType: string, options: { payload?: string; channel: string; ttl?: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    if (!(adminAppleRequestTypes as readonly string[]).includes(requestType)) throw new CliExit(exitCodes.usage, [`Unknown RequestType ${requestType}; use one of ${adminAppleRequestTypes.join(', ')}.`]);
    const payload = mdmPayloadOf(options.payload);
    const ttlHours = options.ttl === undefined ? undefined : positiveInteger(options.ttl, '--ttl', 720);
    await withWard(io, config, async ({ runtime, principal }) => {
      const { validateAppleCommandPayload } = await import('../../apple/validate-apple-command-payload.js');
      const { enqueueWakeDevices } = await import('../../runtime/wake-devices-job.js');
      const queued = await enqueueAppleCommandByAdmin(runtime.deps, principal, { deviceId: id, requestType, channel: options.channel, ...(payload === undefined ? {} : { payload }), ...(ttlHours === undefined ? {} : { ttlHours }) }, validateAppleCommandPayload);
      if (!queued.ok) exitOnFailure(queued);
      const q = queued.value;
      // On SQLite this process's wake-up events reach nobody: the server's job runner relays them.
      if (runtime.target.dialect === 'sqlite') await enqueueWakeDevices(runtime.deps.stores, principal.tenantId, [q.deviceId]);
      if (options.json === true) io.stdout.write(`${JSON.stringify(q)}\n`);
      else io.stdout.write(`Queued ${q.requestType} for ${q.deviceId} (${q.channel}): command ${q.commandUuid}, expires ${q.expiresAt.toISOString()}.\n`);
    });
  });

  const mdmCommands = device
    .command('mdm-commands')
    .description("An Apple device's MDM commands: pending ones, then finished ones with their outcome, newest first.")
    .argument('<device>', 'the device id')
    .option('--limit <n>', 'finished commands per page (at most 500)', '50')
    .option('--cursor <cursor>', 'the page after the one that printed this cursor')
    .option('--json', 'one JSON object per line');
  addConfigFlags(mdmCommands, commonConfigKeys);
  mdmCommands.action(async (id: string, options: { limit: string; cursor?: string; json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const limit = positiveInteger(options.limit, '--limit', 500);
    await withWard(io, config, async ({ runtime, principal }) => {
      const page = await listAppleDeviceCommands(runtime.deps, principal, id, { limit, ...(options.cursor === undefined ? {} : { cursor: options.cursor }) });
      if (!page.ok) exitOnFailure(page);
      if (options.json === true) {
        for (const c of page.value.items) io.stdout.write(`${JSON.stringify(c)}\n`);
      } else if (page.value.items.length === 0) {
        io.stdout.write('No MDM commands.\n');
      } else {
        const rows = page.value.items.map((c) => [c.commandUuid, c.requestType, c.status, c.requestedBy ?? c.source, c.createdAt.toISOString(), c.completedAt === null ? '' : c.completedAt.toISOString(), errorChainText(c.errorChain)]);
        io.stdout.write(formatTable(['COMMAND', 'REQUEST', 'STATUS', 'BY', 'QUEUED', 'FINISHED', 'ERROR'], rows));
      }
      if (page.value.nextCursor !== null) io.stderr.write(`More: --cursor ${page.value.nextCursor}\n`);
    });
  });

  const remove = device.command('delete').description("Delete a device record. This forgets the device; it does not touch the machine (use the retire action for that).").argument('<id>', 'the device id');
  addConfigFlags(remove, commonConfigKeys);
  remove.action(async (id: string, options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    await withWard(io, config, async ({ runtime, principal }) => {
      const result = await deleteDevice(runtime.deps, principal, id);
      if (!result.ok) exitOnFailure(result);
      io.stdout.write(`Deleted device ${id}.\n`);
    });
  });
  return device;
}
