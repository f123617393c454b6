import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunCommand } from '@ward/inventory';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { parseIoregPlatformUuid, parseRegMachineGuid, readHardwareId } from './read-hardware-id.js';

// Captured outputs (trimmed) of the commands the agent runs on macOS and Windows.
const IOREG = `+-o J314sAP  <class IOPlatformExpertDevice, id 0x100000236, registered, matched, active, busy 0 (11 ms), retain 38>
    {
      "IOPlatformSerialNumber" = "C02XK1ZZJGH5"
      "IOPlatformUUID" = "6A3C1D2E-58B4-4F1A-9C8D-7E6F5A4B3C2D"
      "model" = <"MacBookPro18,3">
    }
`;
const REG = `
HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography
    MachineGuid    REG_SZ    4c4c4544-0042-3510-8052-b4c04f4d3732

`;

const runner = (outputs: Record<string, string>): RunCommand => (cmd) => (cmd in outputs ? Promise.resolve({ code: 0, stdout: outputs[cmd] ?? '', stderr: '' }) : Promise.reject(new Error(`${cmd}: not found`)));

describe('readHardwareId', () => {
  let temp: TempRoot;
  beforeEach(async () => {
    temp = await createTempRoot();
  });
  afterEach(() => temp.remove());

  it('parses IOPlatformUUID and MachineGuid from their command output', async () => {
    expect(parseIoregPlatformUuid(IOREG)).toBe('6A3C1D2E-58B4-4F1A-9C8D-7E6F5A4B3C2D');
    expect(parseRegMachineGuid(REG)).toBe('4c4c4544-0042-3510-8052-b4c04f4d3732');
    expect(await readHardwareId('macos', temp.root, runner({ ioreg: IOREG }))).toBe('6A3C1D2E-58B4-4F1A-9C8D-7E6F5A4B3C2D');
    expect(await readHardwareId('windows', temp.root, runner({ reg: REG }))).toBe('4c4c4544-0042-3510-8052-b4c04f4d3732');
  });

  it('reads /etc/machine-id under the root on Linux, falling back to the D-Bus copy', async () => {
    await mkdir(join(temp.root, 'var', 'lib', 'dbus'), { recursive: true });
    await writeFile(join(temp.root, 'var', 'lib', 'dbus', 'machine-id'), 'fedcba9876543210fedcba9876543210\n');
    expect(await readHardwareId('linux', temp.root, runner({}))).toBe('fedcba9876543210fedcba9876543210');
    await mkdir(join(temp.root, 'etc'), { recursive: true });
    await writeFile(join(temp.root, 'etc', 'machine-id'), '0123456789abcdef0123456789abcdef\n');
    expect(await readHardwareId('linux', temp.root, runner({}))).toBe('0123456789abcdef0123456789abcdef');
  });

  it('fails clearly when there is no usable id', async () => {
    await expect(readHardwareId('linux', temp.root, runner({}))).rejects.toThrow(/cannot read this machine's hardware id/);
    await expect(readHardwareId('macos', temp.root, runner({ ioreg: '' }))).rejects.toThrow(/ioreg/);
  });
});
