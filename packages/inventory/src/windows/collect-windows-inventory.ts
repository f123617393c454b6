import { execFileRun } from '../exec-file-run.js';
import { inventoryLimits } from '../inventory-limits.js';
import type { InventoryReport } from '../inventory-report.js';
import { ReportBuilder, safely } from '../report-builder.js';
import type { RunCommand } from '../run-command.js';
import { requireSuccess, runTool, type ToolContext } from '../run-tool.js';
import { andThen, available, type SectionResult } from '../section-result.js';
import { parseWin32Bios } from './bios.js';
import { osVolumeEncrypted, parseBitLockerVolumes } from './bitlocker.js';
import { parseWin32ComputerSystem } from './computer-system.js';
import { firewallOn, parseNetFirewallProfiles } from './firewall-profiles.js';
import { parseInstalledPrograms } from './installed-programs.js';
import { parseWin32OperatingSystem } from './operating-system.js';
import { powershellArgs } from './powershell-args.js';

const uninstallKeys = [
  'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',
  // 32-bit programs on 64-bit Windows register in the WOW6432Node view.
  'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',
];

/** The PowerShell scripts the Windows collector runs, by section; tests serve captured outputs for them. */
export const windowsScripts = {
  os: 'Get-CimInstance -ClassName Win32_OperatingSystem | ConvertTo-Json',
  computerSystem: 'Get-CimInstance -ClassName Win32_ComputerSystem | ConvertTo-Json',
  bios: 'Get-CimInstance -ClassName Win32_BIOS | ConvertTo-Json',
  // Only the protector types leave PowerShell: Get-BitLockerVolume's own objects carry recovery passwords.
  bitLocker:
    "Get-BitLockerVolume | Select-Object MountPoint,VolumeType,VolumeStatus,ProtectionStatus,EncryptionPercentage,@{Name='KeyProtector';Expression={@($_.KeyProtector | ForEach-Object { [string]$_.KeyProtectorType })}} | ConvertTo-Json",
  // The active store holds the effective state after group policy, never NotConfigured.
  firewall: 'Get-NetFirewallProfile -PolicyStore ActiveStore | ConvertTo-Json',
  programs: `Get-ItemProperty -Path ${uninstallKeys.map((key) => `'${key}'`).join(',')} -ErrorAction SilentlyContinue | Select-Object DisplayName,DisplayVersion,Publisher,InstallDate,SystemComponent,ParentKeyName | ConvertTo-Json`,
} as const;

/** Options of {@link collectWindowsInventory}. */
export interface CollectWindowsOptions {
  /** Time limit of each command. Default 15 s; PowerShell's own start-up takes about a second of it. */
  readonly timeoutMs?: number;
  /** Standard output kept of each command. Default 16 MiB. */
  readonly maxOutputBytes?: number;
}

async function powershell(ctx: ToolContext, script: string): Promise<SectionResult<string>> {
  const ran = await runTool(ctx, 'powershell.exe', powershellArgs(script));
  if (!ran.ok) return ran;
  const finished = requireSuccess('powershell.exe', ran.value);
  return finished.ok ? available(finished.value.stdout) : finished;
}

/**
 * Reads a Windows machine through `run` (PowerShell: CIM classes, BitLocker, firewall profiles,
 * the Uninstall registry keys). A section that cannot be read (BitLocker needs an elevated agent;
 * Home editions lack the BitLocker module) is listed as unavailable with its reason; nothing
 * escapes.
 */
export async function collectWindowsInventory(run: RunCommand = execFileRun, options: CollectWindowsOptions = {}): Promise<InventoryReport> {
  const ctx: ToolContext = {
    run,
    timeoutMs: options.timeoutMs ?? inventoryLimits.defaultTimeoutMs,
    maxOutputBytes: options.maxOutputBytes ?? inventoryLimits.maxOutputBytes,
  };
  const [os, computerSystem, bios, bitLocker, firewall, programs] = await Promise.all([
    safely(async () => andThen(await powershell(ctx, windowsScripts.os), parseWin32OperatingSystem)),
    safely(async () => andThen(await powershell(ctx, windowsScripts.computerSystem), parseWin32ComputerSystem)),
    safely(async () => andThen(await powershell(ctx, windowsScripts.bios), parseWin32Bios)),
    safely(async () => andThen(await powershell(ctx, windowsScripts.bitLocker), parseBitLockerVolumes)),
    safely(async () => andThen(await powershell(ctx, windowsScripts.firewall), parseNetFirewallProfiles)),
    safely(async () => andThen(await powershell(ctx, windowsScripts.programs), parseInstalledPrograms)),
  ]);
  const report = new ReportBuilder('windows');
  const system = report.section('os', os);
  report.textFact('osVersion', system?.version);
  report.textFact('osBuild', system?.buildNumber);
  const machine = report.section('computerSystem', computerSystem);
  report.countFact('memoryBytes', machine?.totalPhysicalMemoryBytes ?? system?.totalVisibleMemoryBytes);
  report.section('bios', bios);
  const volumes = report.section('bitLocker', bitLocker.ok ? available({ volumes: bitLocker.value }) : bitLocker);
  if (volumes !== null) {
    const encrypted = osVolumeEncrypted(volumes.volumes, system?.systemDrive ?? null);
    if (encrypted.ok) report.booleanFact('encrypted', encrypted.value);
    else report.markUnavailable('encryption', encrypted.reason);
  }
  const profiles = report.section('firewall', firewall.ok ? available({ profiles: firewall.value }) : firewall);
  if (profiles !== null) {
    const on = firewallOn(profiles.profiles);
    if (on.ok) report.booleanFact('firewallOn', on.value);
    else report.markUnavailable('firewallOn', on.reason);
  }
  if (programs.ok) report.addSoftware(programs.value);
  else report.markUnavailable('software', programs.reason);
  return report.build();
}
