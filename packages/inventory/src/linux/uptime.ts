import { inventoryLimits } from '../inventory-limits.js';
import { readRootFile } from '../read-root-file.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** Time since boot. */
export type LinuxUptime = {
  seconds: number;
};

/** Parses /proc/uptime ("12345.67 54321.00": seconds up, then idle seconds of all CPUs). */
export function parseUptime(text: string): SectionResult<number> {
  const match = /^\s*(\d{1,12})(?:\.\d+)?\s/.exec(`${text} `);
  if (match?.[1] === undefined) return unavailable('/proc/uptime holds no uptime');
  return available(Number(match[1]));
}

/** Reads the uptime from /proc/uptime under the root. */
export async function collectUptime(ctx: LinuxContext): Promise<SectionResult<LinuxUptime>> {
  const file = await readRootFile(ctx.root, '/proc/uptime', inventoryLimits.maxFileBytes);
  if (!file.ok) return file;
  const seconds = parseUptime(file.value.text);
  return seconds.ok ? available({ seconds: seconds.value }) : seconds;
}
