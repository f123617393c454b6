import { describe, expect, it } from 'vitest';
import { collectMacosInventory } from '../src/macos/collect-macos-inventory.js';
import type { RunCommand, RunResult } from '../src/run-command.js';
import { collectWindowsInventory, windowsScripts } from '../src/windows/collect-windows-inventory.js';
import { scriptOfPowershellArgs } from '../src/windows/powershell-args.js';
import { expectValidReport } from './support/expect-valid-report.js';
import { fixture } from './support/fixture.js';
import { fixtureRunner } from './support/fixture-runner.js';

// There is no Mac or Windows machine here: these runners serve the hand-written fixtures in place
// of the real commands (see the READMEs beside them). They prove the collectors call the right
// commands and assemble a valid report; they cannot prove the fixtures match every real release.

describe('collectMacosInventory (fixtures standing in for a Mac)', () => {
  const mac = fixtureRunner([
    { cmd: 'sw_vers', result: { stdout: fixture('macos/sw_vers-14.txt') } },
    { cmd: 'fdesetup', args: 'status', result: { stdout: fixture('macos/fdesetup-on.txt') } },
    { cmd: 'system_profiler', args: 'SPHardwareDataType -json', result: { stdout: fixture('macos/system_profiler-SPHardwareDataType-apple-silicon.json') } },
    { cmd: '/usr/libexec/ApplicationFirewall/socketfilterfw', args: '--getglobalstate', result: { stdout: fixture('macos/socketfilterfw-enabled.txt') } },
    { cmd: 'system_profiler', args: 'SPApplicationsDataType -json', result: { stdout: fixture('macos/system_profiler-SPApplicationsDataType.json') } },
  ]);

  it('reads facts, inventory and applications', async () => {
    const report = await collectMacosInventory(mac.run);
    expect(report.unavailable).toEqual([]);
    expect(report.facts).toEqual({ osVersion: '14.4.1', osBuild: '23E224', encrypted: true, memoryBytes: 16 * 1024 ** 3, firewallOn: true });
    expect(report.inventory).toMatchObject({ platform: 'macos', hardware: { serialNumber: 'C02XK1ABJGH5', modelIdentifier: 'MacBookPro18,3' }, fileVault: { state: 'on' } });
    expect(report.software.map((entry) => entry.name)).toEqual(['Google Chrome', 'Helper Without Version', 'Microsoft Word', 'Safari', 'Slack']);
    expectValidReport(report);
  });

  it('reports what fails (fdesetup without root, a cut JSON) and keeps the rest', async () => {
    const broken = fixtureRunner([
      { cmd: 'sw_vers', result: { stdout: fixture('macos/sw_vers-14.txt') } },
      { cmd: 'fdesetup', result: { stderr: 'Error: This command requires root.\n', code: 1 } },
      { cmd: 'system_profiler', args: 'SPHardwareDataType -json', result: { stdout: fixture('macos/system_profiler-SPHardwareDataType-intel.json').slice(0, 200) } },
    ]);
    const report = await collectMacosInventory(broken.run);
    expect(report.facts).toEqual({ osVersion: '14.4.1', osBuild: '23E224' });
    expect(report.unavailable).toEqual([
      { section: 'fileVault', reason: 'fdesetup exited with code 1: Error: This command requires root.' },
      { section: 'hardware', reason: expect.stringMatching(/^system_profiler SPHardwareDataType printed malformed JSON/) as unknown },
      { section: 'firewall', reason: '/usr/libexec/ApplicationFirewall/socketfilterfw is not installed' },
      { section: 'software', reason: 'system_profiler is not installed' },
    ]);
    expectValidReport(report);
  });
});

describe('collectWindowsInventory (fixtures standing in for a Windows PC)', () => {
  /** Serves a fixture by the cmdlet or class in the decoded -EncodedCommand script. */
  const windows = (outputs: Record<keyof typeof windowsScripts, Partial<RunResult>>): { run: RunCommand; scripts: string[] } => {
    const scripts: string[] = [];
    const run: RunCommand = (cmd, args) => {
      const script = scriptOfPowershellArgs(args) ?? '';
      scripts.push(script);
      const section = (Object.keys(windowsScripts) as (keyof typeof windowsScripts)[]).find((key) => script.endsWith(windowsScripts[key]));
      if (cmd !== 'powershell.exe' || section === undefined) return Promise.resolve({ stdout: '', stderr: 'not found', code: null, failure: 'not-found' });
      return Promise.resolve({ stdout: '', stderr: '', code: 0, ...outputs[section] });
    };
    return { run, scripts };
  };

  it('reads facts, inventory and installed programs', async () => {
    const pc = windows({
      os: { stdout: fixture('windows/win32_operatingsystem.json') },
      computerSystem: { stdout: fixture('windows/win32_computersystem.json') },
      bios: { stdout: fixture('windows/win32_bios.json') },
      bitLocker: { stdout: fixture('windows/bitlocker-ward-select.json') },
      firewall: { stdout: fixture('windows/get-netfirewallprofile.json') },
      programs: { stdout: fixture('windows/uninstall-programs.json') },
    });
    const report = await collectWindowsInventory(pc.run);
    expect(report.unavailable).toEqual([]);
    expect(report.facts).toEqual({ osVersion: '10.0.22631', osBuild: '22631', memoryBytes: 17002496000, encrypted: true, firewallOn: true });
    expect(report.inventory).toMatchObject({ platform: 'windows', bios: { serialNumber: 'PF3ABCDE' }, computerSystem: { manufacturer: 'LENOVO' } });
    expect(report.software).toHaveLength(6);
    expect(pc.scripts).toHaveLength(6);
    // The BitLocker script selects protector types so recovery passwords never leave PowerShell.
    expect(pc.scripts.find((script) => script.includes('Get-BitLockerVolume'))).toMatch(/KeyProtectorType/);
    expectValidReport(report);
  });

  it('reports a non-elevated agent’s BitLocker failure and a public profile that is off', async () => {
    const pc = windows({
      os: { stdout: fixture('windows/win32_operatingsystem-ps7.json') },
      computerSystem: { stdout: '' },
      bios: { stdout: fixture('windows/win32_bios.json') },
      bitLocker: { stderr: 'Get-BitLockerVolume : Access is denied. (Exception from HRESULT: 0x80070005)\r\n', code: 1 },
      firewall: { stdout: fixture('windows/get-netfirewallprofile-public-off.json') },
      programs: { stdout: fixture('windows/uninstall-programs-single.json') },
    });
    const report = await collectWindowsInventory(pc.run);
    expect(report.facts).toEqual({ osVersion: '10.0.19045', osBuild: '19045', memoryBytes: 8283584 * 1024, firewallOn: false });
    expect(report.unavailable).toEqual([
      { section: 'computerSystem', reason: 'Win32_ComputerSystem printed nothing' },
      { section: 'bitLocker', reason: 'powershell.exe exited with code 1: Get-BitLockerVolume : Access is denied. (Exception from HRESULT: 0x80070005)' },
    ]);
    expect(report.software).toEqual([{ name: 'Zoom Workplace (64-bit)', version: '6.0.2 (37474)', source: 'windows-registry' }]);
    expectValidReport(report);
  });

  it('without PowerShell, every section is unavailable and nothing throws', async () => {
    const report = await collectWindowsInventory(fixtureRunner([]).run);
    expect(report.facts).toEqual({});
    expect(report.unavailable.map((entry) => entry.section)).toEqual(['os', 'computerSystem', 'bios', 'bitLocker', 'firewall', 'software']);
    expectValidReport(report);
  });
});
