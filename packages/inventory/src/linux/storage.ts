import { statfs } from 'node:fs/promises';
import { describeError } from '../describe-error.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** Size of the filesystem holding the root. */
export type LinuxStorage = {
  totalBytes: number;
  /** Space an unprivileged user can still write (bavail), not counting the blocks reserved for root. */
  freeBytes: number;
};

/** The statfs(2) fields used. */
export interface StatfsFields {
  readonly bsize: number;
  readonly blocks: number;
  readonly bavail: number;
}

/** Turns statfs(2) counts into bytes; refuses values that do not fit a safe integer. */
export function storageFromStatfs(stats: StatfsFields): SectionResult<LinuxStorage> {
  const totalBytes = stats.blocks * stats.bsize;
  const freeBytes = stats.bavail * stats.bsize;
  if (!Number.isSafeInteger(totalBytes) || !Number.isSafeInteger(freeBytes) || totalBytes < 0 || freeBytes < 0) {
    return unavailable('statfs returned sizes beyond the reportable range');
  }
  return available({ totalBytes, freeBytes });
}

/** statfs(2) of the root folder. */
export async function collectStorage(ctx: LinuxContext): Promise<SectionResult<LinuxStorage>> {
  try {
    return storageFromStatfs(await statfs(ctx.root));
  } catch (error) {
    return unavailable(`statfs ${ctx.root} failed: ${describeError(error)}`);
  }
}
