import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readRootFile } from '../read-root-file.js';
import { firstLine, runTool } from '../run-tool.js';
import { andThen, available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** The Secure Boot state and where it was read. */
export type LinuxSecureBoot = {
  enabled: boolean;
  /** efivar: the SecureBoot UEFI variable; mokutil: `mokutil --sb-state`; legacy-boot: no UEFI, so no Secure Boot. */
  source: 'efivar' | 'mokutil' | 'legacy-boot';
};

/** The SecureBoot variable of the EFI global-variable GUID (UEFI spec, 3.3). */
export const secureBootVariable = '/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c';

/**
 * Parses the efivarfs file: four bytes of attributes, then the one-byte value (1 enabled, 0
 * disabled). Any other shape is unavailable.
 */
export function parseSecureBootEfiVar(bytes: Uint8Array): SectionResult<boolean> {
  if (bytes.length !== 5) return unavailable(`the SecureBoot variable has ${bytes.length} bytes, expected 5`);
  const value = bytes[4];
  if (value === 1) return available(true);
  if (value === 0) return available(false);
  return unavailable(`the SecureBoot variable holds ${value ?? 'nothing'}, expected 0 or 1`);
}

/**
 * Parses `mokutil --sb-state`: "SecureBoot enabled" / "SecureBoot disabled"; a machine without
 * UEFI says "EFI variables are not supported on this system" or "This system doesn't support
 * Secure Boot", which means Secure Boot is off.
 */
export function parseMokutilSbState(text: string): SectionResult<boolean> {
  if (/SecureBoot enabled/i.test(text)) return available(true);
  if (/SecureBoot disabled/i.test(text)) return available(false);
  if (/EFI variables are not supported|doesn't support Secure Boot/i.test(text)) return available(false);
  return unavailable(`mokutil --sb-state said: ${firstLine(text) || 'nothing'}`);
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads the SecureBoot EFI variable, then asks mokutil. When neither answers and sysfs shows
 * firmware information without an efi folder, the machine booted without UEFI and so without
 * Secure Boot; without /sys/firmware at all nothing can be said.
 */
export async function collectSecureBoot(ctx: LinuxContext): Promise<SectionResult<LinuxSecureBoot>> {
  const variable = andThen(await readRootFile(ctx.root, secureBootVariable, 64), (file) => parseSecureBootEfiVar(file.bytes));
  if (variable.ok) return available({ enabled: variable.value, source: 'efivar' });
  // mokutil prints its verdict on stdout and "not supported" complaints on stderr.
  const mokutil = andThen(await runTool(ctx, 'mokutil', ['--sb-state']), (output) => parseMokutilSbState(`${output.stdout}\n${output.stderr}`));
  if (mokutil.ok) return available({ enabled: mokutil.value, source: 'mokutil' });
  if ((await isFolder(join(ctx.root, '/sys/firmware'))) && !(await isFolder(join(ctx.root, '/sys/firmware/efi')))) {
    return available({ enabled: false, source: 'legacy-boot' });
  }
  return unavailable(`${variable.reason}; ${mokutil.reason}`);
}
