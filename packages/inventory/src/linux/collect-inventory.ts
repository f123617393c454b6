import { resolve } from 'node:path';
import { execFileRun } from '../exec-file-run.js';
import { inventoryLimits } from '../inventory-limits.js';
import type { InventoryReport } from '../inventory-report.js';
import { ReportBuilder, safely } from '../report-builder.js';
import type { RunCommand } from '../run-command.js';
import { available } from '../section-result.js';
import { collectDisks } from './disks.js';
import { collectFirewall } from './firewall.js';
import { collectHardware } from './hardware.js';
import { collectKernel } from './kernel.js';
import type { LinuxContext } from './linux-context.js';
import { collectMemory } from './memory.js';
import { collectOsRelease } from './os-release.js';
import { collectPackages } from './packages.js';
import { collectScreenLock } from './screen-lock.js';
import { collectSecureBoot } from './secure-boot.js';
import { collectStorage } from './storage.js';
import { collectUptime } from './uptime.js';
import { collectUsers } from './users.js';

/** Options of {@link collectInventory}; every one has a default. */
export interface CollectInventoryOptions {
  /** Folder every file is read under. Default '/', the host. */
  readonly root?: string;
  /**
   * Runs external tools. Default: {@link execFileRun} when `root` is '/'; under any other root, a
   * runner that refuses, because the host's lsblk or dpkg would describe a different machine.
   */
  readonly run?: RunCommand;
  /** Time limit of each command in milliseconds. Default 15 s. */
  readonly timeoutMs?: number;
  /** Standard output kept of each command. Default 16 MiB. */
  readonly maxOutputBytes?: number;
  /** Effective uid to act as (decides how the desktop user's settings are read). Default: this process's. */
  readonly uid?: number | null;
}

/** The runner used for a non-host root when none is given. */
const refuseCommands: RunCommand = (cmd) => Promise.reject(new Error(`commands are not run against a non-host root (${cmd})`));

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function contextFrom(options: CollectInventoryOptions): LinuxContext {
  const root = resolve(options.root ?? '/');
  const hostRoot = root === '/';
  return Object.freeze({
    root,
    hostRoot,
    run: options.run ?? (hostRoot ? execFileRun : refuseCommands),
    timeoutMs: positiveInteger(options.timeoutMs, inventoryLimits.defaultTimeoutMs, 'timeoutMs'),
    maxOutputBytes: positiveInteger(options.maxOutputBytes, inventoryLimits.maxOutputBytes, 'maxOutputBytes'),
    uid: options.uid === undefined ? (process.getuid?.() ?? null) : options.uid,
  });
}

/**
 * Reads this Linux machine: OS release and kernel, DMI hardware, disks and LUKS, firewall, the
 * desktop user's screen lock, local users, installed packages, uptime, memory, storage and Secure
 * Boot. Sections are read concurrently and independently: one that cannot be read (missing tool,
 * permission, malformed output, no desktop) is listed in `unavailable` with its reason and leaves
 * its facts unset. Nothing it meets on the machine makes it throw; it throws a RangeError only
 * for invalid options, which are a programming error.
 */
export async function collectInventory(options: CollectInventoryOptions = {}): Promise<InventoryReport> {
  const ctx = contextFrom(options);
  const [os, kernel, hardware, disks, firewall, screenLock, users, packages, uptime, memory, storage, secureBoot] = await Promise.all([
    safely(() => collectOsRelease(ctx)),
    safely(() => collectKernel(ctx)),
    safely(() => collectHardware(ctx)),
    safely(() => collectDisks(ctx)),
    safely(() => collectFirewall(ctx)),
    safely(() => collectScreenLock(ctx)),
    safely(() => collectUsers(ctx)),
    safely(() => collectPackages(ctx)),
    safely(() => collectUptime(ctx)),
    safely(() => collectMemory(ctx)),
    safely(() => collectStorage(ctx)),
    safely(() => collectSecureBoot(ctx)),
  ]);

  const report = new ReportBuilder('linux');
  report.textFact('osVersion', report.section('os', os)?.versionId);
  // The kernel is the Linux counterpart of a Windows build number or a macOS build.
  report.textFact('osBuild', report.section('kernel', kernel)?.release);
  report.section('hardware', hardware);
  const layout = report.section('disks', disks);
  if (layout !== null) {
    if (layout.rootEncrypted === null) report.markUnavailable('encryption', 'the root filesystem is not on a block device lsblk lists');
    report.booleanFact('encrypted', layout.rootEncrypted);
  } else if (!disks.ok) {
    report.markUnavailable('encryption', `disks unavailable: ${disks.reason}`);
  }
  report.booleanFact('firewallOn', report.section('firewall', firewall)?.on);
  // A screen that never locks has no number to report; the raw section says so (locksAfterSeconds null).
  report.countFact('screenLockSeconds', report.section('screenLock', screenLock)?.locksAfterSeconds);
  report.section('users', users);
  if (packages.ok) {
    report.section('packages', available(packages.value.packages));
    report.addSoftware(packages.value.software);
  } else {
    // Named like the macOS and Windows sections so the console shows one "software" reason for every platform.
    report.markUnavailable('software', packages.reason);
  }
  report.section('uptime', uptime);
  report.countFact('memoryBytes', report.section('memory', memory)?.totalBytes);
  const space = report.section('storage', storage);
  report.countFact('totalStorageBytes', space?.totalBytes);
  report.countFact('freeStorageBytes', space?.freeBytes);
  report.booleanFact('secureBoot', report.section('secureBoot', secureBoot)?.enabled);
  return report.build();
}
