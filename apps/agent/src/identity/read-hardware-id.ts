import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentPlatform } from '../config/agent-platform.js';
import type { RunCommand } from '@ward/inventory';

// The protocol's pattern for hardwareId.
const HARDWARE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The OS's stable machine id, which the server uses to recognise a re-enrolling machine:
 * `/etc/machine-id` (or the D-Bus copy) under `root` on Linux, IOPlatformUUID from `ioreg` on
 * macOS, MachineGuid from the registry on Windows.
 *
 * @throws Error when the id cannot be read or does not look like one.
 */
export async function readHardwareId(platform: AgentPlatform, root: string, run: RunCommand): Promise<string> {
  let id: string | undefined;
  let source: string;
  switch (platform) {
    case 'linux': {
      source = `${join(root, 'etc', 'machine-id')} or ${join(root, 'var', 'lib', 'dbus', 'machine-id')}`;
      for (const file of [join(root, 'etc', 'machine-id'), join(root, 'var', 'lib', 'dbus', 'machine-id')]) {
        id = await readFile(file, 'utf8').then((text) => text.trim(), () => undefined);
        if (id !== undefined && id !== '') break;
      }
      break;
    }
    case 'macos': {
      source = 'ioreg -rd1 -c IOPlatformExpertDevice';
      id = parseIoregPlatformUuid(await stdoutOf(run, 'ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice']));
      break;
    }
    case 'windows': {
      source = 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MachineGuid';
      id = parseRegMachineGuid(await stdoutOf(run, 'reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid']));
      break;
    }
  }
  if (id === undefined || !HARDWARE_ID.test(id)) throw new Error(`cannot read this machine's hardware id from ${source}${id === undefined || id === '' ? '' : ` (got "${id.slice(0, 40)}")`}`);
  return id;
}

// A runner may reject (the tool is missing); that is "no id", reported by the caller.
async function stdoutOf(run: RunCommand, cmd: string, args: readonly string[]): Promise<string> {
  return run(cmd, args, { timeoutMs: 15_000 }).then((result) => result.stdout, () => '');
}

/** IOPlatformUUID from `ioreg -rd1 -c IOPlatformExpertDevice` output. */
export function parseIoregPlatformUuid(output: string): string | undefined {
  return /"IOPlatformUUID"\s*=\s*"([^"]+)"/.exec(output)?.[1];
}

/** MachineGuid from `reg query HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid` output. */
export function parseRegMachineGuid(output: string): string | undefined {
  return /^\s*MachineGuid\s+REG_SZ\s+(\S+)\s*$/m.exec(output)?.[1];
}
