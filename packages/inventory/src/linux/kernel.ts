import { release } from 'node:os';
import { clipText } from '../clip-text.js';
import { inventoryLimits } from '../inventory-limits.js';
import { readRootFile } from '../read-root-file.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** The running kernel. */
export type KernelInfo = {
  /** The kernel release, as `uname -r` prints it (e.g. "6.1.0-18-amd64"). */
  release: string;
};

/** Parses /proc/sys/kernel/osrelease: one line holding the release. */
export function parseKernelRelease(text: string): string | null {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line === '' ? null : clipText(line, 128);
}

/**
 * The kernel release: `os.release()` on the host (it is uname(2), always there), the osrelease
 * file under any other root, because there the host's own kernel would describe the wrong machine.
 */
export async function collectKernel(ctx: LinuxContext): Promise<SectionResult<KernelInfo>> {
  if (ctx.hostRoot) {
    const own = parseKernelRelease(release());
    return own === null ? unavailable('uname reported no kernel release') : available({ release: own });
  }
  const file = await readRootFile(ctx.root, '/proc/sys/kernel/osrelease', inventoryLimits.maxFileBytes);
  if (!file.ok) return file;
  const parsed = parseKernelRelease(file.value.text);
  return parsed === null ? unavailable('/proc/sys/kernel/osrelease is empty') : available({ release: parsed });
}
