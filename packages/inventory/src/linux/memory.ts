import { inventoryLimits } from '../inventory-limits.js';
import { readRootFile } from '../read-root-file.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** Physical memory. */
export type LinuxMemory = {
  /** MemTotal: usable RAM (physical RAM minus what firmware and the kernel image reserve). */
  totalBytes: number;
  /** MemAvailable, when the kernel reports it (3.14 on). */
  availableBytes: number | null;
};

function kibField(text: string, key: string): number | null {
  const match = new RegExp(`^${key}:\\s+(\\d{1,15})\\s+kB\\s*$`, 'm').exec(text);
  if (match?.[1] === undefined) return null;
  const bytes = Number(match[1]) * 1024;
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** Parses /proc/meminfo; its "kB" are KiB. */
export function parseMeminfo(text: string): SectionResult<LinuxMemory> {
  const totalBytes = kibField(text, 'MemTotal');
  if (totalBytes === null) return unavailable('/proc/meminfo has no MemTotal');
  return available({ totalBytes, availableBytes: kibField(text, 'MemAvailable') });
}

/** Reads /proc/meminfo under the root. */
export async function collectMemory(ctx: LinuxContext): Promise<SectionResult<LinuxMemory>> {
  const file = await readRootFile(ctx.root, '/proc/meminfo', inventoryLimits.maxFileBytes);
  if (!file.ok) return file;
  return parseMeminfo(file.value.text);
}
