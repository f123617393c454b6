import { accessSync, constants } from 'node:fs';
import { release } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InventoryReport } from '../src/inventory-report.js';
import { collectInventory } from '../src/linux/collect-inventory.js';
import { expectValidReport } from './support/expect-valid-report.js';

function onPath(tool: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((folder) => {
    try {
      accessSync(join(folder, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// Reads THIS machine for real, with the default runner. It asserts only what must hold on any
// Linux host with dpkg (the project's development and CI machines), and that tools this host
// lacks come back as unavailable sections instead of errors or guesses.
describe.runIf(process.platform === 'linux')('collectInventory on this machine', () => {
  let report: InventoryReport;
  beforeAll(async () => {
    report = await collectInventory();
  });

  it('reads os-release, the kernel, memory and storage', () => {
    const os = report.inventory['os'] as { id?: unknown; name?: unknown } | undefined;
    expect(typeof os?.id === 'string' || typeof os?.name === 'string').toBe(true);
    expect(report.facts.osBuild).toBe(release());
    expect(report.facts.memoryBytes).toBeGreaterThan(0);
    expect(report.facts.totalStorageBytes).toBeGreaterThan(0);
    expect(report.facts.freeStorageBytes).toBeLessThanOrEqual(report.facts.totalStorageBytes ?? 0);
    expect((report.inventory['uptime'] as { seconds: number }).seconds).toBeGreaterThan(0);
  });

  it.runIf(onPath('dpkg-query'))('lists the dpkg packages', () => {
    expect(report.software.length).toBeGreaterThan(0);
    expect(report.software.some((entry) => entry.source === 'dpkg')).toBe(true);
  });

  it('lists root among the users', () => {
    expect((report.inventory['users'] as { users: { name: string; uid: number }[] }).users).toContainEqual(expect.objectContaining({ uid: 0 }));
  });

  it('reports tools this machine lacks as unavailable, with the reason', () => {
    const firewallTools = ['nft', 'ufw', 'firewall-cmd'];
    if (!firewallTools.some(onPath)) {
      expect(report.unavailable).toContainEqual({ section: 'firewall', reason: expect.stringContaining('not installed') as unknown });
      expect(report.facts.firewallOn).toBeUndefined();
    }
    if (!onPath('loginctl')) expect(report.unavailable.map((entry) => entry.section)).toContain('screenLock');
    // Every fact that is set came from a section that was read.
    if (report.facts.encrypted !== undefined) expect(report.inventory['disks']).toBeDefined();
    if (report.facts.screenLockSeconds !== undefined) expect(report.inventory['screenLock']).toBeDefined();
  });

  it('is a valid check-in body', () => {
    expectValidReport(report);
  });
});
