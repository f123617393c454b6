import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCheckInMessage, decodeCommandReport, parsePlist, validateCommandResponse, validateProfilePayload, encodeCommand, type PlistDict } from '../src/index.js';

// Real device captures and other servers' test data (testdata/SOURCES.md), decoded by table.
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../testdata/${name}`, import.meta.url)));

describe('device captures', () => {
  it.each([
    ['Authenticate.1.plist', 'Authenticate', { UDID: '663b07bb783e9ade1dae4fbb92ea12afc0ce5b69', SerialNumber: 'F5JM992LF193', ProductName: 'iPad2,5', OSVersion: '9.3.5' }],
    ['TokenUpdate.1.plist', 'TokenUpdate', { UDID: '663b07bb783e9ade1dae4fbb92ea12afc0ce5b69', PushMagic: 'CEFDF0BD-E342-4A27-8742-E930EA116B0A', AwaitingConfiguration: false }],
  ])('%s decodes as a %s check-in', (name, messageType, fields) => {
    const raw = fixture(name);
    const message = decodeCheckInMessage(raw);
    expect(message.MessageType).toBe(messageType);
    expect(message).toMatchObject(fields);
    expect(message.raw).toBe(raw);
    if (message.MessageType === 'TokenUpdate') {
      expect(message.Token).toHaveLength(32);
      expect(message.UnlockToken?.length).toBeGreaterThan(1000);
    }
  });

  it('SecurityInfo.result.plist decodes as an Acknowledged report whose response fits SecurityInfo', () => {
    const report = decodeCommandReport(fixture('SecurityInfo.result.plist'));
    expect(report).toMatchObject({ Status: 'Acknowledged', UDID: 'AAABBBCCC111222333', CommandUUID: '53115671-3f45-49f5-b7cb-22ede8b8afdc', ErrorChain: [] });
    const validation = validateCommandResponse('SecurityInfo', report.result);
    expect(validation.ok).toBe(true);
  });

  it('Error.result.plist decodes as an Error report with its ErrorChain', () => {
    const report = decodeCommandReport(fixture('Error.result.plist'));
    expect(report.Status).toBe('Error');
    expect(report.ErrorChain).toEqual([{ ErrorCode: -909, ErrorDomain: 'NSOSStatusErrorDomain', LocalizedDescription: ' <NSOSStatusErrorDomain:-909>' }]);
  });

  it('InstallProfile.command.plist is a command encodeCommand writes the same', () => {
    const wire = parsePlist(fixture('InstallProfile.command.plist')) as PlistDict;
    const command = wire['Command'] as PlistDict;
    expect(command['RequestType']).toBe('InstallProfile');
    const payload = command['Payload'] as Uint8Array;
    expect(new TextDecoder().decode(payload)).toBe('foobarbaz');
    const ours = parsePlist(encodeCommand({ commandUuid: wire['CommandUUID'] as string, requestType: 'InstallProfile', payload: { Payload: payload } }));
    expect(ours).toEqual(wire);
  });

  it('enroll.example.mobileconfig parses and its payloads fit their schemas', () => {
    const profile = parsePlist(fixture('enroll.example.mobileconfig')) as PlistDict;
    expect(validateProfilePayload('Configuration', profile)).toEqual({ ok: true, unknownKeys: [] });
    const payloads = profile['PayloadContent'] as PlistDict[];
    expect(payloads.map((p) => p['PayloadType'])).toEqual(['com.apple.security.scep', 'com.apple.mdm']);
    for (const payload of payloads) {
      const validation = validateProfilePayload(payload['PayloadType'] as string, payload);
      expect(validation).toEqual({ ok: true, unknownKeys: [] });
    }
  });
});
