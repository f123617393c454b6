import { readFileSync } from 'node:fs';
import { encodePlist, parsePlist, type PlistDict, type PlistValue } from '@ward/apple';
import { describe, expect, it } from 'vitest';
import { answerCommand, simulatedErrors, type CommandContext } from './answer-command.js';
import { initialAppleDeviceState, type AppleDeviceState } from './apple-device-state.js';
import { createAppleHardware } from './apple-hardware.js';
import { authenticateMessage, tokenUpdateMessage } from './check-in-messages.js';

const testdata = new URL('../../../apple/testdata/', import.meta.url);
const example = readFileSync(new URL('enroll.example.mobileconfig', testdata));
const context: CommandContext = { now: new Date('2025-01-01T00:00:00Z'), channel: 'device', enrollmentProfileIdentifier: 'com.github.micromdm.nanomdm' };
const iphone = initialAppleDeviceState(createAppleHardware('iPhone', 1));
const mac = initialAppleDeviceState(createAppleHardware('Mac', 2));
const supervised = initialAppleDeviceState(createAppleHardware('iPad', 3), { supervised: true });
const userEnrolled = initialAppleDeviceState(createAppleHardware('userEnrollment', 4));

function command(requestType: string, extra: Record<string, PlistValue> = {}, uuid = 'CMD-1'): PlistDict {
  return { CommandUUID: uuid, Command: { RequestType: requestType, ...extra } };
}

function dict(value: PlistValue | undefined): PlistDict {
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array || value instanceof Date) throw new Error('not a dict');
  return value as PlistDict;
}

const profileXml = (identifier: string): Buffer =>
  Buffer.from(
    encodePlist({
      PayloadType: 'Configuration',
      PayloadIdentifier: identifier,
      PayloadUUID: 'A1B2C3D4-0000-4000-8000-000000000001',
      PayloadVersion: 1,
      PayloadDisplayName: 'Wi-Fi',
      PayloadContent: [{ PayloadType: 'com.apple.wifi.managed', PayloadIdentifier: `${identifier}.wifi`, PayloadUUID: 'A1B2C3D4-0000-4000-8000-000000000002', PayloadVersion: 1, SSID_STR: 'Office' }],
    }),
  );

function install(state: AppleDeviceState, identifier: string): AppleDeviceState {
  const answer = answerCommand(state, command('InstallProfile', { Payload: profileXml(identifier) }), context);
  expect(answer.response.Status).toBe('Acknowledged');
  return answer.state;
}

describe('answerCommand', () => {
  it('answers the DeviceInformation queries it was asked, with the device identity', () => {
    const { response } = answerCommand(iphone, command('DeviceInformation', { Queries: ['UDID', 'OSVersion', 'ProductName', 'IMEI', 'NoSuchQuery'] }), context);
    expect(response.Status).toBe('Acknowledged');
    expect(response.UDID).toBe(iphone.hardware.udid);
    expect(response.CommandUUID).toBe('CMD-1');
    const answers = dict(response.QueryResponses);
    expect(Object.keys(answers).sort()).toEqual(['IMEI', 'OSVersion', 'ProductName', 'UDID']);
    expect(answers.OSVersion).toBe('18.1');
    expect(answers.ProductName).toBe('iPhone17,1');
    // A real plist answer: it survives the codec.
    expect(parsePlist(encodePlist(response))).toEqual(response);
  });

  it('hides hardware identifiers from a user enrollment and names it by EnrollmentID', () => {
    const { response } = answerCommand(userEnrolled, command('DeviceInformation', { Queries: ['UDID', 'SerialNumber', 'OSVersion'] }), context);
    expect(response.UDID).toBeUndefined();
    expect(response.EnrollmentID).toBe(userEnrolled.hardware.enrollmentId);
    expect(dict(response.QueryResponses)).toEqual({ OSVersion: '18.1' });
    expect(answerCommand(userEnrolled, command('EraseDevice'), context).response.Status).toBe('Error');
  });

  it('reports SecurityInfo as each platform does', () => {
    expect(dict(answerCommand(iphone, command('SecurityInfo'), context).response.SecurityInfo)).toMatchObject({ PasscodePresent: true, PasscodeCompliant: true });
    expect(dict(answerCommand(mac, command('SecurityInfo'), context).response.SecurityInfo)).toMatchObject({ FDE_Enabled: true, SystemIntegrityProtectionEnabled: true });
  });

  it('installs a profile, lists it, replaces it by identifier and removes it', () => {
    let state = install(iphone, 'com.example.wifi');
    state = install(state, 'com.example.wifi');
    const list = answerCommand(state, command('ProfileList'), context).response.ProfileList;
    expect(Array.isArray(list) && list.length).toBe(1);
    expect(dict((list as PlistValue[])[0])).toMatchObject({ PayloadIdentifier: 'com.example.wifi', IsManaged: true, PayloadDisplayName: 'Wi-Fi' });
    const removed = answerCommand(state, command('RemoveProfile', { Identifier: 'com.example.wifi' }), context);
    expect(removed.response.Status).toBe('Acknowledged');
    expect(removed.state.profiles).toHaveLength(0);
    const again = answerCommand(removed.state, command('RemoveProfile', { Identifier: 'com.example.wifi' }), context);
    expect(again.response.ErrorChain).toEqual([{ ...simulatedErrors.profileNotInstalled, USEnglishDescription: simulatedErrors.profileNotInstalled.LocalizedDescription }]);
  });

  it('answers the real InstallProfile capture, whose Payload is garbage, with CommandFormatError', () => {
    const captured = parsePlist(readFileSync(new URL('InstallProfile.command.plist', testdata)));
    const { response, state } = answerCommand(iphone, captured, context);
    expect(response).toMatchObject({ Status: 'CommandFormatError', CommandUUID: '7e761ec5-9e20-42d1-9072-3d5a611e3ac5' });
    expect(state).toBe(iphone);
  });

  it('refuses malformed commands and profiles that are not Configuration profiles', () => {
    expect(answerCommand(iphone, 'not a dict', context).response.Status).toBe('CommandFormatError');
    expect(answerCommand(iphone, { Command: { RequestType: 'ProfileList' } }, context).response.Status).toBe('CommandFormatError');
    expect(answerCommand(iphone, command('DeviceInformation'), context).response.Status).toBe('CommandFormatError');
    expect(answerCommand(iphone, command('InstallProfile'), context).response.Status).toBe('CommandFormatError');
    const notConfiguration = Buffer.from(encodePlist({ PayloadType: 'com.apple.wifi.managed', PayloadIdentifier: 'x', PayloadUUID: 'y' }));
    expect(answerCommand(iphone, command('InstallProfile', { Payload: notConfiguration }), context).response.Status).toBe('Error');
    const hostile = Buffer.from(example.toString('utf8').replace('<!DOCTYPE plist', '<!DOCTYPE x [<!ENTITY a "b">]><!DOCTYPE plist'));
    expect(answerCommand(iphone, command('InstallProfile', { Payload: hostile }), context).response.Status).toBe('CommandFormatError');
  });

  it('answers an unknown RequestType with Error', () => {
    const { response } = answerCommand(iphone, command('MakeCoffee'), context);
    expect(response.Status).toBe('Error');
    expect(dict((response.ErrorChain as PlistValue[])[0]).ErrorCode).toBe(simulatedErrors.unknownRequestType.ErrorCode);
  });

  it('follows its script: NotNow for the next N commands, then scripted failures', () => {
    let state: AppleDeviceState = { ...iphone, script: { notNowCount: 2, failures: { SecurityInfo: [{ ErrorCode: -909, ErrorDomain: 'NSOSStatusErrorDomain', LocalizedDescription: 'boom' }] } } };
    const statuses: string[] = [];
    for (const type of ['ProfileList', 'ProfileList', 'ProfileList', 'SecurityInfo']) {
      const answer = answerCommand(state, command(type), context);
      statuses.push(typeof answer.response.Status === 'string' ? answer.response.Status : '?');
      state = answer.state;
    }
    expect(statuses).toEqual(['NotNow', 'NotNow', 'Acknowledged', 'Error']);
  });

  it('defers keychain work while locked, after DeviceLock', () => {
    const locked = answerCommand(iphone, command('DeviceLock', { Message: 'Call IT' }), context);
    expect(locked.response.Status).toBe('Acknowledged');
    expect(answerCommand(locked.state, command('InstallProfile', { Payload: profileXml('a') }), context).response.Status).toBe('NotNow');
    expect(answerCommand(locked.state, command('ProfileList'), context).response.Status).toBe('Acknowledged');
  });

  it('refuses Lost Mode and restarts on an unsupervised iPhone and runs them when supervised', () => {
    expect(dict((answerCommand(iphone, command('EnableLostMode', { Message: 'Lost' }), context).response.ErrorChain as PlistValue[])[0]).ErrorCode).toBe(simulatedErrors.notSupervised.ErrorCode);
    const lost = answerCommand(supervised, command('EnableLostMode', { Message: 'Lost' }), context);
    expect(lost.response.Status).toBe('Acknowledged');
    expect(dict(answerCommand(lost.state, command('DeviceInformation', { Queries: ['IsMDMLostModeEnabled'] }), context).response.QueryResponses).IsMDMLostModeEnabled).toBe(true);
    expect(answerCommand(supervised, command('EnableLostMode'), context).response.Status).toBe('CommandFormatError');
    expect(answerCommand(iphone, command('RestartDevice'), context).response.Status).toBe('Error');
    expect(answerCommand(supervised, command('RestartDevice'), context).event).toBe('restart');
    expect(answerCommand(mac, command('ShutDownDevice'), context).event).toBe('shutdown');
    expect(answerCommand(iphone, command('EraseDevice'), context).event).toBe('erase');
    expect(answerCommand(iphone, command('RemoveProfile', { Identifier: 'com.github.micromdm.nanomdm' }), context).event).toBe('unenroll');
  });

  it('clears the passcode with an unlock token, applies settings, and keeps the user channel to its commands', () => {
    const cleared = answerCommand(iphone, command('ClearPasscode', { UnlockToken: new Uint8Array(32) }), context);
    expect(cleared.state.passcodePresent).toBe(false);
    expect(answerCommand(mac, command('ClearPasscode', { UnlockToken: new Uint8Array(32) }), context).response.Status).toBe('Error');
    const renamed = answerCommand(iphone, command('Settings', { Settings: [{ Item: 'DeviceName', DeviceName: 'Front desk' }, { Item: 'Nonsense' }] }), context);
    expect(renamed.state.hardware.deviceName).toBe('Front desk');
    expect((renamed.response.Settings as PlistValue[]).map((item) => dict(item).Status)).toEqual(['Acknowledged', 'Error']);
    const user: CommandContext = { ...context, channel: 'user' };
    const onUser = answerCommand(mac, command('ProfileList'), user).response;
    expect(onUser.UserID).toBe(mac.hardware.user?.userId);
    expect(answerCommand(mac, command('DeviceInformation', { Queries: ['UDID'] }), user).response.Status).toBe('Error');
  });
});

describe('check-in messages', () => {
  it('build Authenticate and TokenUpdate as the captures have them', () => {
    const capture = parsePlist(readFileSync(new URL('Authenticate.1.plist', testdata)));
    const built = authenticateMessage(iphone, 'com.apple.mgmt.External.x');
    for (const key of ['MessageType', 'Topic', 'UDID', 'SerialNumber', 'ProductName', 'OSVersion', 'BuildVersion']) {
      expect(Object.keys(dict(capture))).toContain(key);
      expect(typeof built[key]).toBe('string');
    }
    const tokenCapture = dict(parsePlist(readFileSync(new URL('TokenUpdate.1.plist', testdata))));
    const token = tokenUpdateMessage(iphone, { topic: 't', channel: 'device', token: new Uint8Array(32), pushMagic: 'magic', unlockToken: new Uint8Array(8) });
    for (const key of ['MessageType', 'Token', 'PushMagic', 'UnlockToken', 'UDID', 'Topic']) expect(Object.keys(tokenCapture)).toContain(key);
    expect(Object.keys(token).sort()).toEqual(['MessageType', 'PushMagic', 'Token', 'Topic', 'UDID', 'UnlockToken']);
    expect(authenticateMessage(userEnrolled, 't')).not.toHaveProperty('UDID');
    expect(tokenUpdateMessage(mac, { topic: 't', channel: 'user', token: new Uint8Array(32), pushMagic: 'm' })).toHaveProperty('UserID');
  });
});
