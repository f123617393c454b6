import { execFileRun } from '../exec-file-run.js';
import { inventoryLimits } from '../inventory-limits.js';
import type { InventoryReport } from '../inventory-report.js';
import { ReportBuilder, safely } from '../report-builder.js';
import type { RunCommand } from '../run-command.js';
import { requireSuccess, runTool, type ToolContext } from '../run-tool.js';
import { andThen, type SectionResult } from '../section-result.js';
import { parseSocketfilterfwGlobalState } from './application-firewall.js';
import { parseSpApplications } from './applications.js';
import { parseFdesetupStatus } from './fdesetup.js';
import { parseSpHardware } from './hardware.js';
import { parseSwVers } from './sw-vers.js';

/** The commands the macOS collector runs, by section; tests serve captured outputs for them. */
export const macosCommands = {
  os: { cmd: 'sw_vers', args: [] },
  fileVault: { cmd: 'fdesetup', args: ['status'] },
  hardware: { cmd: 'system_profiler', args: ['SPHardwareDataType', '-json'] },
  firewall: { cmd: '/usr/libexec/ApplicationFirewall/socketfilterfw', args: ['--getglobalstate'] },
  applications: { cmd: 'system_profiler', args: ['SPApplicationsDataType', '-json'] },
} as const satisfies Record<string, { cmd: string; args: readonly string[] }>;

/** Options of {@link collectMacosInventory}. */
export interface CollectMacosOptions {
  /** Time limit of each command. Default 15 s; the application scan gets eight times as long because it walks every bundle. */
  readonly timeoutMs?: number;
  /** Standard output kept of each command. Default 16 MiB. */
  readonly maxOutputBytes?: number;
}

async function output(ctx: ToolContext, command: { cmd: string; args: readonly string[] }, timeoutMs?: number): Promise<SectionResult<string>> {
  const ran = await runTool(ctx, command.cmd, command.args, timeoutMs);
  if (!ran.ok) return ran;
  const finished = requireSuccess(command.cmd, ran.value);
  return finished.ok ? { ok: true, value: finished.value.stdout } : finished;
}

/**
 * Reads a Mac through `run`: sw_vers, fdesetup, system_profiler (hardware and applications) and
 * the Application Firewall. Like the Linux collector, a section that cannot be read is listed as
 * unavailable with its reason and nothing escapes. fdesetup needs root to answer for all volumes;
 * the agent runs as root under launchd.
 */
export async function collectMacosInventory(run: RunCommand = execFileRun, options: CollectMacosOptions = {}): Promise<InventoryReport> {
  const timeoutMs = options.timeoutMs ?? inventoryLimits.defaultTimeoutMs;
  const ctx: ToolContext = { run, timeoutMs, maxOutputBytes: options.maxOutputBytes ?? inventoryLimits.maxOutputBytes };
  const [os, fileVault, hardware, firewall, applications] = await Promise.all([
    safely(async () => andThen(await output(ctx, macosCommands.os), parseSwVers)),
    safely(async () => andThen(await output(ctx, macosCommands.fileVault), parseFdesetupStatus)),
    safely(async () => andThen(await output(ctx, macosCommands.hardware), parseSpHardware)),
    safely(async () => andThen(await output(ctx, macosCommands.firewall), parseSocketfilterfwGlobalState)),
    safely(async () => andThen(await output(ctx, macosCommands.applications, timeoutMs * 8), parseSpApplications)),
  ]);
  const report = new ReportBuilder('macos');
  const version = report.section('os', os);
  report.textFact('osVersion', version?.productVersion);
  report.textFact('osBuild', version?.buildVersion);
  report.booleanFact('encrypted', report.section('fileVault', fileVault)?.encrypted);
  report.countFact('memoryBytes', report.section('hardware', hardware)?.memoryBytes);
  report.booleanFact('firewallOn', report.section('firewall', firewall)?.enabled);
  if (applications.ok) report.addSoftware(applications.value);
  else report.markUnavailable('software', applications.reason);
  return report.build();
}
