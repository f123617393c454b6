import { encodePlist, parsePlist, type PlistDict, type PlistValue } from '@ward/apple';
import { describe, expect, it } from 'vitest';
import { answerCommand, simulatedErrors, type AppDownload, type CommandContext } from './answer-command.js';
import { initialAppleDeviceState, type AppleDeviceState } from './apple-device-state.js';
import { createAppleHardware } from './apple-hardware.js';

// How a virtual Apple device answers app commands: InstallApplication (App Store and manifest),
// RemoveApplication and ManagedApplicationList, as Apple documents them.

const manifestUrl = 'https://ward.example/mdm/apps/v-1/manifest.plist';
const context: CommandContext = { now: new Date('2026-11-29T10:00:00Z'), channel: 'device' };
const mail = { Identifier: 'com.example.mail', Name: 'Mail', ShortVersion: '4.2', BundleSize: 1000 };
const withStore = (state: AppleDeviceState): AppleDeviceState => ({ ...state, storeApps: { '361309726': mail } });
const iphone = withStore(initialAppleDeviceState(createAppleHardware('iPhone', 1)));
const userEnrolled = withStore(initialAppleDeviceState(createAppleHardware('userEnrollment', 2)));

function command(requestType: string, extra: Record<string, PlistValue> = {}): PlistDict {
  return { CommandUUID: 'CMD-APP', Command: { RequestType: requestType, ...extra } };
}

function answer(state: AppleDeviceState, requestType: string, extra: Record<string, PlistValue> = {}, downloads?: ReadonlyMap<string, AppDownload>): ReturnType<typeof answerCommand> {
  const answered = answerCommand(state, command(requestType, extra), { ...context, ...(downloads ? { downloads } : {}) });
  // Every answer is a real plist.
  expect(parsePlist(encodePlist(answered.response))).toEqual(answered.response);
  return answered;
}

function list(state: AppleDeviceState, identifiers?: string[]): { response: PlistDict; state: AppleDeviceState } {
  const answered = answer(state, 'ManagedApplicationList', identifiers ? { Identifiers: identifiers } : {});
  return { response: answered.response.ManagedApplicationList as PlistDict, state: answered.state };
}

describe('InstallApplication', () => {
  it('installs an App Store app by id as managed, keeping its configuration, and reports it in the lists', () => {
    const installed = answer(iphone, 'InstallApplication', { iTunesStoreID: 361309726, ManagementFlags: 5, Configuration: { account: 'ada@example.com' } });
    expect(installed.response).toMatchObject({ Status: 'Acknowledged', Identifier: 'com.example.mail', State: 'Managed' });
    expect(installed.state.managedApps).toEqual([{ Identifier: 'com.example.mail', Status: 'Managed', ManagementFlags: 5, Configuration: { account: 'ada@example.com' }, iTunesStoreID: 361309726 }]);
    expect(list(installed.state).response).toEqual({ 'com.example.mail': { Status: 'Managed', ManagementFlags: 5, HasConfiguration: true, HasFeedback: false, IsValidated: true, ExternalVersionIdentifier: 0 } });
    expect(list(installed.state, ['com.other']).response).toEqual({});
    const apps = answer(installed.state, 'InstalledApplicationList', { ManagedAppsOnly: true }).response.InstalledApplicationList as PlistDict[];
    expect(apps.map((a) => a.Identifier)).toEqual(['com.example.mail']);
  });

  it('installs a manifest app once it has been fetched, Installing first; a package that failed its hash is Failed once', () => {
    const app = { Identifier: 'org.example.notes', Name: 'Notes', ShortVersion: '1.4.2', BundleSize: 4096 };
    const good = answer(iphone, 'InstallApplication', { ManifestURL: manifestUrl, ManagementFlags: 1 }, new Map([[manifestUrl, { ok: true, app }]]));
    expect(good.response).toMatchObject({ Status: 'Acknowledged', Identifier: 'org.example.notes', State: 'Installing' });
    expect(list(good.state).response['org.example.notes']).toMatchObject({ Status: 'Managed' });

    const bad = answer(iphone, 'InstallApplication', { ManifestURL: manifestUrl }, new Map([[manifestUrl, { ok: false, reason: 'hash', app }]]));
    expect(bad.response).toMatchObject({ State: 'Installing' });
    const once = list(bad.state);
    expect(once.response['org.example.notes']).toMatchObject({ Status: 'Failed' });
    expect(list(once.state).response).toEqual({});
    expect(bad.state.applications.some((a) => a.Identifier === 'org.example.notes')).toBe(false);

    // A manifest the device could not read names no app: an Error.
    expect(answer(iphone, 'InstallApplication', { ManifestURL: manifestUrl }, new Map([[manifestUrl, { ok: false, reason: '404' }]])).response).toMatchObject({ Status: 'Error', ErrorChain: [expect.objectContaining({ ErrorCode: simulatedErrors.manifestUnreadable.ErrorCode })] });
    expect(answer(iphone, 'InstallApplication', { ManifestURL: manifestUrl }).response.Status).toBe('Error');
  });

  it('rejects an unknown store id, and malformed commands as CommandFormatError', () => {
    expect(answer(iphone, 'InstallApplication', { iTunesStoreID: 1 }).response).toMatchObject({ Status: 'Acknowledged', RejectionReason: 'CouldNotVerifyAppID' });
    const malformed: Record<string, PlistValue>[] = [{}, { iTunesStoreID: 361309726, ManifestURL: manifestUrl }, { ManifestURL: 'http://ward.example/m.plist' }, { iTunesStoreID: 361309726, ManagementFlags: 2 }, { iTunesStoreID: 361309726, Configuration: 'x' }, { iTunesStoreID: '361309726' }];
    for (const extra of malformed) {
      expect(answer(iphone, 'InstallApplication', extra).response.Status).toBe('CommandFormatError');
    }
  });

  it('keeps a user’s own copy unless the server takes it over, and a User Enrollment refuses takeovers', () => {
    const own = { ...iphone, applications: [...iphone.applications, { ...mail, Version: '42', IsManaged: false }] };
    expect(answer(own, 'InstallApplication', { iTunesStoreID: 361309726, ManagementFlags: 5 }).response).toMatchObject({ Status: 'Acknowledged', State: 'UserInstalledApp' });
    const taken = answer(own, 'InstallApplication', { iTunesStoreID: 361309726, ManagementFlags: 1, ChangeManagementState: 'Managed' });
    expect(taken.response.State).toBe('Managed');
    expect(taken.state.applications.filter((a) => a.Identifier === mail.Identifier)).toEqual([expect.objectContaining({ IsManaged: true })]);
    expect(answer(userEnrolled, 'InstallApplication', { iTunesStoreID: 361309726, ChangeManagementState: 'Managed' }).response.Status).toBe('Error');
    expect(answer(userEnrolled, 'InstallApplication', { iTunesStoreID: 361309726, ManagementFlags: 5 }).response.State).toBe('Managed');
  });

  it('waits with NotNow while the device is locked', () => {
    expect(answer({ ...iphone, locked: true }, 'InstallApplication', { iTunesStoreID: 361309726 }).response.Status).toBe('NotNow');
  });
});

describe('RemoveApplication and ManagedApplicationList', () => {
  it('removes a managed app, and refuses one it does not manage', () => {
    const installed = answer(iphone, 'InstallApplication', { iTunesStoreID: 361309726, ManagementFlags: 1 }).state;
    const removed = answer(installed, 'RemoveApplication', { Identifier: 'com.example.mail' });
    expect(removed.response.Status).toBe('Acknowledged');
    expect(removed.state.managedApps).toEqual([]);
    expect(removed.state.applications.some((a) => a.Identifier === 'com.example.mail')).toBe(false);
    expect(answer(removed.state, 'RemoveApplication', { Identifier: 'com.example.mail' }).response).toMatchObject({ Status: 'Error', ErrorChain: [expect.objectContaining({ ErrorCode: simulatedErrors.appNotManaged.ErrorCode })] });
    // A user's own app is not the server's to remove.
    expect(answer(iphone, 'RemoveApplication', { Identifier: 'com.apple.Pages' }).response.Status).toBe('Error');
    expect(answer(iphone, 'RemoveApplication').response.Status).toBe('CommandFormatError');
  });

  it('refuses a malformed Identifiers filter', () => {
    expect(answer(iphone, 'ManagedApplicationList', { Identifiers: 'com.example.mail' }).response.Status).toBe('CommandFormatError');
    expect(answer(iphone, 'ManagedApplicationList', { Identifiers: [1] }).response.Status).toBe('CommandFormatError');
  });
});
