import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { clipText } from '../clip-text.js';
import { describeError } from '../describe-error.js';
import { readRootFile } from '../read-root-file.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** The machine as its firmware (SMBIOS/DMI) describes it; null where the firmware leaves a field empty or unreadable. */
export type LinuxHardware = {
  /** sys_vendor, e.g. "LENOVO". */
  manufacturer: string | null;
  /** product_name, e.g. "20XW0055GE". */
  model: string | null;
  /** product_serial; only root can read it, so a non-root agent reports null. */
  serialNumber: string | null;
  /** bios_version. */
  biosVersion: string | null;
  /** product_uuid; root-only like the serial. */
  productUuid: string | null;
};

const dmiFolder = '/sys/class/dmi/id';
const dmiFileBytes = 4096;

/**
 * Values vendors leave in SMBIOS instead of data. Reporting them would make unrelated machines look
 * like one (the server matches re-enrolments by serial), so they count as "not set".
 */
const placeholders = new Set(
  [
    'to be filled by o.e.m.',
    'default string',
    'system serial number',
    'system product name',
    'system manufacturer',
    'system version',
    'not specified',
    'not applicable',
    'none',
    'n/a',
    'unknown',
    'o.e.m.',
    'oem',
    '0',
    '0123456789',
    '123456789',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '03000200-0400-0500-0006-000700080009',
  ],
);

/** Parses one DMI attribute file: trimmed text, or null when empty or a vendor placeholder. */
export function parseDmiValue(text: string): string | null {
  // eslint-disable-next-line no-control-regex -- firmware strings sometimes carry NULs and padding
  const value = text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (value === '' || placeholders.has(value.toLowerCase())) return null;
  return clipText(value);
}

async function readDmi(ctx: LinuxContext, name: string): Promise<string | null> {
  const file = await readRootFile(ctx.root, `${dmiFolder}/${name}`, dmiFileBytes);
  // Unreadable (root-only serial and uuid) and absent attributes are both "not known here".
  return file.ok ? parseDmiValue(file.value.text) : null;
}

/** Reads the DMI attributes from sysfs. Machines without DMI (most ARM boards, some VMs) report the section unavailable. */
export async function collectHardware(ctx: LinuxContext): Promise<SectionResult<LinuxHardware>> {
  try {
    const folder = await stat(join(ctx.root, dmiFolder));
    if (!folder.isDirectory()) return unavailable(`${dmiFolder} is not a folder`);
  } catch (error) {
    return unavailable(`no DMI table: ${dmiFolder} is missing (${describeError(error)})`);
  }
  const [manufacturer, model, serialNumber, biosVersion, productUuid] = await Promise.all(
    ['sys_vendor', 'product_name', 'product_serial', 'bios_version', 'product_uuid'].map((name) => readDmi(ctx, name)),
  );
  return available({
    manufacturer: manufacturer ?? null,
    model: model ?? null,
    serialNumber: serialNumber ?? null,
    biosVersion: biosVersion ?? null,
    productUuid: productUuid ?? null,
  });
}
