import { describe, expect, it } from 'vitest';
import { appleAppItemOf, appleAppRemovalOf, type AppleAppDelivery, type AppleAppSource } from '@ward/core';
import { testDigests } from '../../../core/test/support/deterministic-ports.js';
import { parsePlist } from '../plist/parse-plist.js';
import { encodePlist } from '../plist/encode-plist.js';
import type { PlistDict } from '../plist/plist-value.js';
import { encodeCommand, type CommandToEncode } from '../spec/encode-command.js';
import type { CommandRequestType } from '../spec/generated/commands.js';
import { validateCommandResponse } from '../spec/validate-command-response.js';
import { managedApplicationList, maxManagedApplications } from '../normalize/managed-application-list.js';
import { CommandPayloadError } from '../normalize/plist-json.js';
import { normalizeCommandResult } from '../normalize/normalize-command-result.js';
import { buildAppManifest } from './build-app-manifest.js';
import { renderAppleAppCommand, type AppleAppCommandContext } from './render-apple-app-command.js';

const sha = (text: string): string => testDigests.sha256Hex(text);
const store: AppleAppSource = { kind: 'appleAppStore', iTunesStoreId: '361309726', bundleId: 'com.example.mail' };
const manifest: AppleAppSource = { kind: 'appleManifest', format: 'ipa', versionId: 'v-1', sha256: 'ab'.repeat(32), size: 12_345, bundleId: 'org.example.notes', version: '1.4.2' };
const install = (source: AppleAppSource, configuration: Readonly<Record<string, string>> | null = null): AppleAppDelivery => ({
  status: 'install',
  item: appleAppItemOf(sha, { id: 'app-1', name: 'App', version: '', source }),
  configuration,
});
const context = (over: Partial<AppleAppCommandContext> = {}): AppleAppCommandContext => ({
  platform: 'ios',
  ownership: 'corporate',
  userEnrollment: false,
  manifestUrl: (versionId) => `https://mdm.example/mdm/apps/${versionId}/manifest.plist`,
  ...over,
});

/** The command as the device receives it: through the strict, schema-checked encoder and back. */
function sent(requestType: CommandRequestType, payload: PlistDict): PlistDict {
  const command = { commandUuid: 'c-1', requestType, payload } as unknown as CommandToEncode<CommandRequestType>;
  const bytes = encodeCommand(command);
  return (parsePlist(bytes) as { Command: PlistDict }).Command;
}

describe('renderAppleAppCommand', () => {
  it('installs an App Store app on a corporate iPhone as managed, taking over a user copy, with its configuration', () => {
    const payload = renderAppleAppCommand(install(store, { account: 'ada@example.com', server: 'imap.example.com' }), context());
    expect(sent('InstallApplication', payload)).toEqual({
      RequestType: 'InstallApplication',
      iTunesStoreID: 361309726,
      ManagementFlags: 1,
      ChangeManagementState: 'Managed',
      Configuration: { account: 'ada@example.com', server: 'imap.example.com' },
    });
  });

  it('keeps personal devices to managed apps: removed with the profile, out of backups, never a user copy claimed', () => {
    expect(sent('InstallApplication', renderAppleAppCommand(install(manifest), context({ ownership: 'personal' })))).toEqual({
      RequestType: 'InstallApplication',
      ManifestURL: 'https://mdm.example/mdm/apps/v-1/manifest.plist',
      ManagementFlags: 5,
    });
    // User Enrollment: App Store apps only with a volume-purchase licence, as Apple requires.
    expect(sent('InstallApplication', renderAppleAppCommand(install(store), context({ ownership: 'personal', userEnrollment: true })))).toEqual({
      RequestType: 'InstallApplication',
      iTunesStoreID: 361309726,
      Options: { PurchaseMethod: 1 },
      ManagementFlags: 5,
    });
  });

  it('installs on a Mac as managed, and leaves out what a Mac User Enrollment forbids', () => {
    expect(sent('InstallApplication', renderAppleAppCommand(install({ ...manifest, format: 'pkg' }), context({ platform: 'macos' })))).toEqual({
      RequestType: 'InstallApplication',
      ManifestURL: 'https://mdm.example/mdm/apps/v-1/manifest.plist',
      ManagementFlags: 1,
      ChangeManagementState: 'Managed',
      InstallAsManaged: true,
    });
    expect(sent('InstallApplication', renderAppleAppCommand(install(store), context({ platform: 'macos', ownership: 'personal', userEnrollment: true })))).toEqual({ RequestType: 'InstallApplication', iTunesStoreID: 361309726 });
  });

  it('removes by bundle id, and refuses to render a stale item or an App Store id that is no integer', () => {
    const removal: AppleAppDelivery = { status: 'remove', removal: appleAppRemovalOf(sha, { id: 'app-1', name: 'Mail', source: store }) };
    expect(sent('RemoveApplication', renderAppleAppCommand(removal, context()))).toEqual({ RequestType: 'RemoveApplication', Identifier: 'com.example.mail' });
    expect(() => renderAppleAppCommand({ status: 'stale' }, context())).toThrow(CommandPayloadError);
    expect(() => renderAppleAppCommand(install({ ...store, iTunesStoreId: '12e3' }), context())).toThrow(CommandPayloadError);
    expect(() => renderAppleAppCommand(install({ ...store, iTunesStoreId: '9223372036854775808' }), context())).toThrow(CommandPayloadError);
    // Ids past 2^53 stay exact, as plist integers.
    const big = renderAppleAppCommand(install({ ...store, iTunesStoreId: '9223372036854775807' }), context());
    expect(big.iTunesStoreID).toBe(9223372036854775807n);
    expect(encodePlist(sent('InstallApplication', big))).toContain('<integer>9223372036854775807</integer>');
  });

  it('cannot smuggle keys through the configuration past the schema: it is a dictionary of strings', () => {
    const payload = renderAppleAppCommand(install(store, { ['__proto__']: 'x', 'a.b': '{{user.email}}' }), context());
    const command = sent('InstallApplication', payload);
    expect(Object.keys(command.Configuration as PlistDict).sort()).toEqual(['__proto__', 'a.b']);
    expect(command.RequestType).toBe('InstallApplication');
  });
});

describe('buildAppManifest', () => {
  it('names the package by URL and its SHA-256 as one chunk, and the bundle it installs', () => {
    const built = buildAppManifest(
      { versionId: 'v-1', format: 'ipa', sha256: 'ab'.repeat(32), sizeBytes: 12_345, fileName: 'notes.ipa', bundleId: 'org.example.notes', version: '1.4.2', title: 'Ward <Notes> & co' },
      'https://mdm.example/mdm/apps/v-1/package',
    );
    expect(parsePlist(encodePlist(built))).toEqual({
      items: [
        {
          assets: [{ kind: 'software-package', url: 'https://mdm.example/mdm/apps/v-1/package', 'sha256-size': 12_345, sha256s: ['ab'.repeat(32)] }],
          metadata: { 'bundle-identifier': 'org.example.notes', 'bundle-version': '1.4.2', kind: 'software', title: 'Ward <Notes> & co' },
        },
      ],
    });
  });
});

describe('ManagedApplicationList answers', () => {
  const answer = { ManagedApplicationList: { 'com.example.mail': { Status: 'Managed', ManagementFlags: 1, HasConfiguration: true }, 'org.example.notes': { Status: 'Installing', ManagementFlags: 5 } } };

  it('passes Apple’s schema (bundle ids are wildcard keys) and normalises to bundle ids and Statuses', () => {
    expect(validateCommandResponse('ManagedApplicationList', { Status: 'Acknowledged', ...answer })).toMatchObject({ ok: true, unknownKeys: [] });
    expect(validateCommandResponse('ManagedApplicationList', { Status: 'Acknowledged', ManagedApplicationList: { x: { Status: 'Nope' } } })).toMatchObject({ ok: false });
    const normalized = normalizeCommandResult(answer, { requestType: 'ManagedApplicationList', personal: true });
    expect(normalized.managedApplications).toEqual([
      { identifier: 'com.example.mail', status: 'Managed' },
      { identifier: 'org.example.notes', status: 'Installing' },
    ]);
    // Only the command answered is read: a DeviceInformation answer cannot carry app statuses.
    expect(normalizeCommandResult(answer, { requestType: 'DeviceInformation', personal: false }).managedApplications).toBeUndefined();
  });

  it('drops hostile entries and bounds the count', () => {
    const hostile: PlistDict = {
      '../etc': { Status: 'Managed', ManagementFlags: 1 },
      'com.ok.app': { Status: 'Managed\u0000', ManagementFlags: 1 },
      'com.no.status': { ManagementFlags: 1 },
      'com.array': ['Managed'],
      'com.long': { Status: 'M'.repeat(65) },
      ['a'.repeat(256)]: { Status: 'Managed' },
      'com.fine': { Status: 'SomeNewerStatus' },
    };
    expect(managedApplicationList(hostile)).toEqual([{ identifier: 'com.fine', status: 'SomeNewerStatus' }]);
    const many: Record<string, PlistDict> = {};
    for (let i = 0; i < maxManagedApplications + 10; i++) many[`com.app${i}`] = { Status: 'Managed' };
    expect(managedApplicationList(many)).toHaveLength(maxManagedApplications);
  });
});
