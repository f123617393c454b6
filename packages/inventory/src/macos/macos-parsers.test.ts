import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixture.js';
import { parseSocketfilterfwGlobalState } from './application-firewall.js';
import { parseSpApplications } from './applications.js';
import { parseFdesetupStatus } from './fdesetup.js';
import { parseMemoryText, parseSpHardware } from './hardware.js';
import { parseSwVers } from './sw-vers.js';

// Fixtures are hand-written to the documented formats (see test/fixtures/macos/README.md).
describe('macOS parsers', () => {
  it.each([
    ['sw_vers-14.txt', { productName: 'macOS', productVersion: '14.4.1', productVersionExtra: null, buildVersion: '23E224' }],
    ['sw_vers-13-rsr.txt', { productName: 'macOS', productVersion: '13.4.1', productVersionExtra: '(c)', buildVersion: '22F770820d' }],
    ['sw_vers-10.15.txt', { productName: 'Mac OS X', productVersion: '10.15.7', productVersionExtra: null, buildVersion: '19H2026' }],
  ])('sw_vers %s', (file, expected) => {
    expect(parseSwVers(fixture(`macos/${file}`))).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['fdesetup-on.txt', { state: 'on', encrypted: true, percentCompleted: null }],
    ['fdesetup-off.txt', { state: 'off', encrypted: false, percentCompleted: null }],
    ['fdesetup-off-deferred.txt', { state: 'off', encrypted: false, percentCompleted: null }],
    ['fdesetup-encrypting.txt', { state: 'encrypting', encrypted: false, percentCompleted: 42.17 }],
    ['fdesetup-decrypting.txt', { state: 'decrypting', encrypted: false, percentCompleted: 87.5 }],
  ])('fdesetup status %s', (file, expected) => {
    expect(parseFdesetupStatus(fixture(`macos/${file}`))).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['apple-silicon', { modelName: 'MacBook Pro', modelIdentifier: 'MacBookPro18,3', serialNumber: 'C02XK1ABJGH5', hardwareUuid: '8D1F4A2C-5B6E-4C3D-9E8F-1A2B3C4D5E6F', processor: 'Apple M1 Pro', memoryBytes: 16 * 1024 ** 3, firmwareVersion: '10151.101.3' }],
    ['intel', { modelName: 'MacBook Pro', modelIdentifier: 'MacBookPro16,2', serialNumber: 'C02D1234ML7H', hardwareUuid: '5E0C7A91-2F3B-4D6C-8A1E-9B7D2C4F6A80', processor: 'Quad-Core Intel Core i7', memoryBytes: 32 * 1024 ** 3, firmwareVersion: '1968.100.17.0.0 (iBridge: 20.16.4252.0.0,0)' }],
  ])('system_profiler SPHardwareDataType (%s)', (kind, expected) => {
    expect(parseSpHardware(fixture(`macos/system_profiler-SPHardwareDataType-${kind}.json`))).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['socketfilterfw-enabled.txt', { enabled: true, state: 1 }],
    ['socketfilterfw-disabled.txt', { enabled: false, state: 0 }],
    ['socketfilterfw-block-all.txt', { enabled: true, state: 2 }],
  ])('socketfilterfw %s', (file, expected) => {
    expect(parseSocketfilterfwGlobalState(fixture(`macos/${file}`))).toEqual({ ok: true, value: expected });
  });

  it('system_profiler SPApplicationsDataType becomes software, an app without version keeps an empty one', () => {
    expect(parseSpApplications(fixture('macos/system_profiler-SPApplicationsDataType.json'))).toEqual({
      ok: true,
      value: [
        { name: 'Safari', version: '17.4.1', source: 'macos-app' },
        { name: 'Google Chrome', version: '123.0.6312.107', source: 'macos-app' },
        { name: 'Slack', version: '4.37.101', source: 'macos-app' },
        { name: 'Helper Without Version', version: '', source: 'macos-app' },
        { name: 'Microsoft Word', version: '16.84', source: 'macos-app' },
      ],
    });
  });

  it.each([
    ['sw_vers', () => parseSwVers('')],
    ['fdesetup', () => parseFdesetupStatus('Error: This command requires root\n')],
    ['hardware JSON', () => parseSpHardware('{"SPHardwareDataType" : [')],
    ['hardware shape', () => parseSpHardware('{"SPHardwareDataType" : {}}')],
    ['socketfilterfw', () => parseSocketfilterfwGlobalState('')],
    ['applications', () => parseSpApplications('[1,2,3]')],
  ])('refuses bad %s output with a reason', (_name, parse) => {
    const result = parse();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.length).toBeGreaterThan(0);
  });

  it.each([
    ['8 GB', 8 * 1024 ** 3],
    ['512 MB', 512 * 1024 ** 2],
    ['lots', null],
    [null, null],
  ])('memory text %j', (text, bytes) => {
    expect(parseMemoryText(text)).toBe(bytes);
  });
});
