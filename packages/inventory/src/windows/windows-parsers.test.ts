import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixture.js';
import { parseWin32Bios } from './bios.js';
import { osVolumeEncrypted, parseBitLockerVolumes } from './bitlocker.js';
import { parseCimDate } from './cim-date.js';
import { parseWin32ComputerSystem } from './computer-system.js';
import { firewallOn, parseNetFirewallProfiles } from './firewall-profiles.js';
import { parseInstalledPrograms } from './installed-programs.js';
import { parseWin32OperatingSystem } from './operating-system.js';
import { powershellArgs, scriptOfPowershellArgs } from './powershell-args.js';

// Fixtures are hand-written to the documented formats (see test/fixtures/windows/README.md).
describe('Windows parsers', () => {
  it('Win32_OperatingSystem from Windows PowerShell 5.1 (BOM, CRLF, \\/Date()\\/, Cim* blocks)', () => {
    const text = fixture('windows/win32_operatingsystem.json');
    // Guards the fixture itself: line-end normalisation on checkout would hide the quirks under test.
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    expect(text).toContain('"\\/Date(');
    expect(parseWin32OperatingSystem(text)).toEqual({
      ok: true,
      value: {
        caption: 'Microsoft Windows 11 Pro',
        version: '10.0.22631',
        buildNumber: '22631',
        architecture: '64-bit',
        systemDrive: 'C:',
        totalVisibleMemoryBytes: 16604000 * 1024,
        lastBootUpTime: '2024-04-02T06:15:31.500Z',
        installDate: '2023-11-09T12:00:00.000Z',
      },
    });
  });

  it('Win32_OperatingSystem from PowerShell 7 (ISO dates)', () => {
    expect(parseWin32OperatingSystem(fixture('windows/win32_operatingsystem-ps7.json'))).toMatchObject({
      ok: true,
      value: { caption: 'Microsoft Windows 10 Enterprise', version: '10.0.19045', buildNumber: '19045', lastBootUpTime: '2024-04-02T06:15:31.500Z' },
    });
  });

  it('Win32_ComputerSystem and Win32_BIOS', () => {
    expect(parseWin32ComputerSystem(fixture('windows/win32_computersystem.json'))).toEqual({
      ok: true,
      value: { name: 'DESKTOP-4F2K9QX', manufacturer: 'LENOVO', model: '20XW0055GE', totalPhysicalMemoryBytes: 17002496000, domain: 'WORKGROUP', partOfDomain: false },
    });
    expect(parseWin32Bios(fixture('windows/win32_bios.json'))).toEqual({
      ok: true,
      value: { serialNumber: 'PF3ABCDE', manufacturer: 'LENOVO', biosVersion: 'N32ET91W (1.67 )', releaseDate: '2024-01-15T00:00:00.000Z' },
    });
  });

  it('Get-BitLockerVolume: enums by name, protector types only, never the recovery password', () => {
    const text = fixture('windows/get-bitlockervolume.json');
    expect(text).toContain('254793-568007');
    const parsed = parseBitLockerVolumes(text);
    expect(parsed).toEqual({
      ok: true,
      value: [
        { mountPoint: 'C:', volumeType: 'OperatingSystem', volumeStatus: 'FullyEncrypted', protectionStatus: 'On', encryptionPercentage: 100, keyProtectors: ['RecoveryPassword', 'Tpm'] },
        { mountPoint: 'E:', volumeType: 'Data', volumeStatus: 'FullyDecrypted', protectionStatus: 'Off', encryptionPercentage: 0, keyProtectors: [] },
      ],
    });
    expect(JSON.stringify(parsed)).not.toMatch(/254793|8A696888/);
    expect(parsed.ok && osVolumeEncrypted(parsed.value, 'C:')).toEqual({ ok: true, value: true });
  });

  it('Get-BitLockerVolume with one volume prints an object; suspended protection is not encrypted', () => {
    const parsed = parseBitLockerVolumes(fixture('windows/get-bitlockervolume-single-suspended.json'));
    expect(parsed.ok && parsed.value).toHaveLength(1);
    expect(parsed.ok && osVolumeEncrypted(parsed.value, 'C:')).toEqual({ ok: true, value: false });
  });

  it('Ward’s own BitLocker selection (protector types as text, BOM)', () => {
    const parsed = parseBitLockerVolumes(fixture('windows/bitlocker-ward-select.json'));
    expect(parsed.ok && parsed.value[0]).toEqual({ mountPoint: 'C:', volumeType: 'OperatingSystem', volumeStatus: 'FullyEncrypted', protectionStatus: 'On', encryptionPercentage: 100, keyProtectors: ['RecoveryPassword', 'Tpm'] });
  });

  it('finds the OS volume by system drive when VolumeType is missing, and says when there is none', () => {
    const data = { mountPoint: 'D:', volumeType: null, volumeStatus: 'FullyEncrypted', protectionStatus: 'On', encryptionPercentage: 100, keyProtectors: [] };
    expect(osVolumeEncrypted([data, { ...data, mountPoint: 'c:', volumeStatus: 'EncryptionInProgress' }], 'C:')).toEqual({ ok: true, value: false });
    expect(osVolumeEncrypted([data], 'C:').ok).toBe(false);
  });

  it.each([
    ['get-netfirewallprofile.json', true],
    ['get-netfirewallprofile-public-off.json', false],
  ])('Get-NetFirewallProfile %s: on = every profile on (%s)', (file, on) => {
    const parsed = parseNetFirewallProfiles(fixture(`windows/${file}`));
    expect(parsed.ok && parsed.value.map((profile) => profile.name)).toEqual(['Domain', 'Private', 'Public']);
    expect(parsed.ok && firewallOn(parsed.value)).toEqual({ ok: true, value: on });
  });

  it('firewall profiles NotConfigured or absent are unknown', () => {
    expect(firewallOn([{ name: 'Domain', enabled: null }]).ok).toBe(false);
    expect(firewallOn([]).ok).toBe(false);
  });

  it('installed programs: skips system components, updates and duplicates from both registry views', () => {
    expect(parseInstalledPrograms(fixture('windows/uninstall-programs.json'))).toEqual({
      ok: true,
      value: [
        { name: 'Google Chrome', version: '123.0.6312.106', source: 'windows-registry' },
        { name: 'Microsoft Edge', version: '123.0.2420.81', source: 'windows-registry' },
        { name: '7-Zip 23.01 (x64)', version: '23.01', source: 'windows-registry' },
        { name: 'Microsoft Visual C++ 2015-2022 Redistributable (x86) - 14.38.33135', version: '14.38.33135.0', source: 'windows-registry' },
        { name: 'Mozilla Firefox (x64 de)', version: '124.0.2', source: 'windows-registry' },
        { name: 'Notepad++ (64-bit x64)', version: '8.6.5', source: 'windows-registry' },
      ],
    });
  });

  it.each([
    ['one program (an object, BOM)', fixture('windows/uninstall-programs-single.json'), 1],
    ['an empty pipeline (no output)', '', 0],
    ['an empty pipeline (null)', 'null\r\n', 0],
  ])('installed programs from %s', (_name, text, count) => {
    const parsed = parseInstalledPrograms(text);
    expect(parsed.ok && parsed.value).toHaveLength(count);
  });

  it.each([
    ['Win32_OperatingSystem', () => parseWin32OperatingSystem('{"Caption": "x"}')],
    ['Win32_OperatingSystem JSON', () => parseWin32OperatingSystem('\uFEFF{"Version":  "10.0')],
    ['Win32_ComputerSystem', () => parseWin32ComputerSystem('[1, 2]')],
    ['BitLocker', () => parseBitLockerVolumes('Get-BitLockerVolume : Access denied')],
    ['firewall', () => parseNetFirewallProfiles('{')],
    ['programs', () => parseInstalledPrograms('[{"DisplayName": ')],
  ])('refuses bad %s output with a reason', (_name, parse) => {
    const result = parse();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.length).toBeGreaterThan(0);
  });

  it.each([
    ['/Date(1712038531500)/', '2024-04-02T06:15:31.500Z'],
    [{ value: '/Date(0)/', DateTime: 'Thursday, January 1, 1970 1:00:00 AM' }, '1970-01-01T00:00:00.000Z'],
    ['2024-04-02T08:15:31.5+02:00', '2024-04-02T06:15:31.500Z'],
    ['yesterday', null],
    [42, null],
  ])('CIM date %j', (value, iso) => {
    expect(parseCimDate(value)).toBe(iso);
  });

  it('PowerShell scripts travel as -EncodedCommand and decode back', () => {
    const args = powershellArgs("Get-Thing | Where-Object { $_.Name -eq 'x\"y' }");
    expect(args.slice(0, 6)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(scriptOfPowershellArgs(args)).toMatch(/;Get-Thing \| Where-Object \{ \$_\.Name -eq 'x"y' \}$/);
  });
});
