import type { SoftwareEntry } from '@ward/agent-protocol';
import { inventoryLimits } from '../inventory-limits.js';
import { requireSuccess, runTool, type ToolOutput } from '../run-tool.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import { softwareEntryFrom } from '../software-entry-from.js';
import type { LinuxContext } from './linux-context.js';

/** How one package manager answered. */
export type PackageSourceState = { state: 'read'; count: number; truncated: boolean } | { state: 'unavailable'; reason: string };

/** The packages section: per-manager summary; the entries themselves go to the report's software list. */
export type LinuxPackages = {
  sources: { dpkg: PackageSourceState; rpm: PackageSourceState };
};

/**
 * dpkg-query's format. The status column is there because dpkg's database also lists removed
 * packages whose configuration files remain ("rc"); those are not installed. `binary:Package`
 * keeps the architecture on Multi-Arch: same packages so libc6:amd64 and libc6:i386 stay apart.
 */
export const dpkgQueryArgs = ['-W', '-f', '${db:Status-Abbrev}\\t${binary:Package}\\t${Version}\\n'] as const;
/** rpm's format: name and version-release, one package a line. */
export const rpmQueryArgs = ['-qa', '--qf', '%{NAME}\\t%{VERSION}-%{RELEASE}\\n'] as const;

/** Package states (second letter of db:Status-Abbrev) in which the package's files are installed. */
const installedStates = new Set(['i', 'W', 't']);

function lines(text: string, truncated: boolean): string[] {
  const all = text.split('\n');
  // The last line of cut output may be half a line.
  if (truncated) all.pop();
  return all;
}

/**
 * Parses `dpkg-query -W -f '${db:Status-Abbrev}\t${binary:Package}\t${Version}\n'` into installed
 * packages. Pass `truncated` when the output was cut so its last, partial line is dropped.
 */
export function parseDpkgQuery(text: string, truncated = false): SoftwareEntry[] {
  const entries: SoftwareEntry[] = [];
  for (const line of lines(text, truncated)) {
    const [status = '', name = '', version = ''] = line.replace(/\r$/, '').split('\t');
    if (!installedStates.has(status[1] ?? '')) continue;
    const entry = softwareEntryFrom(name, version, 'dpkg');
    if (entry !== null) entries.push(entry);
    if (entries.length >= inventoryLimits.maxSoftwareEntries) break;
  }
  return entries;
}

/**
 * Parses `rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\n'`. The gpg-pubkey entries rpm lists are
 * imported signing keys, not software, so they are left out.
 */
export function parseRpmQuery(text: string, truncated = false): SoftwareEntry[] {
  const entries: SoftwareEntry[] = [];
  for (const line of lines(text, truncated)) {
    const [name = '', version = ''] = line.replace(/\r$/, '').split('\t');
    if (name === 'gpg-pubkey') continue;
    const entry = softwareEntryFrom(name, version, 'rpm');
    if (entry !== null) entries.push(entry);
    if (entries.length >= inventoryLimits.maxSoftwareEntries) break;
  }
  return entries;
}

async function query(
  ctx: LinuxContext,
  cmd: string,
  args: readonly string[],
  parse: (text: string, truncated: boolean) => SoftwareEntry[],
): Promise<{ state: PackageSourceState; entries: SoftwareEntry[] }> {
  const ran = await runTool(ctx, cmd, args);
  const finished: SectionResult<ToolOutput> = ran.ok ? requireSuccess(cmd, ran.value) : ran;
  if (!finished.ok) return { state: { state: 'unavailable', reason: finished.reason }, entries: [] };
  const entries = parse(finished.value.stdout, finished.value.truncated);
  return { state: { state: 'read', count: entries.length, truncated: finished.value.truncated }, entries };
}

/**
 * Lists installed packages from dpkg and rpm (a machine can have both, e.g. rpm installed as a
 * tool on Debian). The section is unavailable only when neither could be read.
 */
export async function collectPackages(ctx: LinuxContext): Promise<SectionResult<{ packages: LinuxPackages; software: SoftwareEntry[] }>> {
  const [dpkg, rpm] = await Promise.all([query(ctx, 'dpkg-query', dpkgQueryArgs, parseDpkgQuery), query(ctx, 'rpm', rpmQueryArgs, parseRpmQuery)]);
  if (dpkg.state.state === 'unavailable' && rpm.state.state === 'unavailable') {
    return unavailable(`no package manager answered (dpkg: ${dpkg.state.reason}; rpm: ${rpm.state.reason})`);
  }
  return available({ packages: { sources: { dpkg: dpkg.state, rpm: rpm.state } }, software: [...dpkg.entries, ...rpm.entries] });
}
