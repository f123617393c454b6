import { describe, expect, it } from 'vitest';
import { parsePlist } from '../plist/parse-plist.js';
import { encodePlist } from '../plist/encode-plist.js';
import { PlistReal, type PlistDict, type PlistValue } from '../plist/plist-value.js';
import { AppleProtocolError } from './apple-protocol-error.js';
import { decodeCheckInMessage } from './decode-check-in-message.js';
import { decodeCommandReport } from './decode-command-report.js';
import { encodeCommand } from './encode-command.js';
import { checkInSpec } from './generated/checkin.js';
import { commandSpec } from './generated/commands.js';
import { profileSpec } from './generated/profiles.js';
import type { SpecTable } from './spec-schema.js';
import { validateAgainstSpec } from './validate-against-spec.js';
import { validateCommandResponse } from './validate-command-response.js';
import { validateProfilePayload } from './validate-profile-payload.js';

const bytes = (value: PlistValue): Uint8Array => new TextEncoder().encode(encodePlist(value));

function protocolError(run: () => unknown): AppleProtocolError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppleProtocolError) return error;
    throw error;
  }
  throw new Error('expected an AppleProtocolError');
}

describe('the generated tables', () => {
  it('cover every check-in message, command and profile payload, with rows that exist', () => {
    expect(Object.keys(checkInSpec.roots)).toEqual(['Authenticate', 'CheckOut', 'DeclarativeManagement', 'GetBootstrapToken', 'GetToken', 'SetBootstrapToken', 'TokenUpdate', 'UserAuthenticate']);
    expect(Object.keys(commandSpec.roots)).toHaveLength(66);
    expect(Object.keys(profileSpec.roots)).toContain('com.apple.security.scep');
    for (const table of [checkInSpec, commandSpec, profileSpec] as SpecTable[]) {
      const rows = table.dicts.length;
      for (const root of Object.values<{ request: number; response?: number }>(table.roots)) {
        expect(root.request).toBeLessThan(rows);
        if (root.response !== undefined) expect(root.response).toBeLessThan(rows);
      }
    }
  });
});

describe('validateAgainstSpec', () => {
  const table: SpecTable = {
    roots: {},
    dicts: [
      { keys: { Name: { type: 'string', presence: 'required' }, Mode: { type: 'string', rangelist: ['a', 'b'] }, Count: { type: 'integer', rangelist: [1, 2] }, Ratio: { type: 'real' }, When: { type: 'date' }, Blob: { type: 'data' }, On: { type: 'boolean' }, Later: { type: 'string', presence: 'conditional' }, Child: { type: 'dictionary', subkeys: 1 }, List: { type: 'array', items: [{ type: 'dictionary', subkeys: 1 }] }, Mixed: { type: 'array', items: [{ type: 'string' }, { type: 'dictionary', subkeys: 1 }] } } },
      { keys: { 'Key Type': { type: 'string', presence: 'required' }, Self: { type: 'dictionary', subkeys: 1 } }, any: undefined },
    ],
  };
  const schema = { table, root: 0 };

  it('accepts a conforming value and lists unknown keys without failing', () => {
    const value: PlistDict = { Name: 'x', Mode: 'a', Count: 2n, Ratio: new PlistReal(1), When: new Date(0), Blob: new Uint8Array(1), On: true, Child: { 'Key Type': 'RSA', Self: { 'Key Type': 'EC', Newer: 1 } }, List: [], Mixed: ['s', { 'Key Type': 'x' }], Extra: 1 };
    expect(validateAgainstSpec(schema, value)).toEqual({ ok: true, unknownKeys: ['Child.Self.Newer', 'Extra'] });
  });

  it('reports missing keys, wrong types, values outside the rangelist, by path', () => {
    const result = validateAgainstSpec(schema, { Mode: 'c', Count: 3, Ratio: 'x', When: '2024', Child: { Self: [] }, List: [{ 'Key Type': 1 }], Mixed: [true], On: 1.5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.path, p.code])).toEqual([
      ['Name', 'REQUIRED_KEY_MISSING'],
      ['Mode', 'NOT_IN_RANGELIST'],
      ['Count', 'NOT_IN_RANGELIST'],
      ['Ratio', 'WRONG_TYPE'],
      ['When', 'WRONG_TYPE'],
      ['Child["Key Type"]', 'REQUIRED_KEY_MISSING'],
      ['Child.Self', 'WRONG_TYPE'],
      ['List[0]["Key Type"]', 'WRONG_TYPE'],
      ['Mixed[0]', 'WRONG_TYPE'],
      ['On', 'WRONG_TYPE'],
    ]);
  });

  it('reads keys named like Object.prototype members as unknown data', () => {
    const value = parsePlist('<plist><dict><key>Name</key><string>x</string><key>constructor</key><true/><key>__proto__</key><true/></dict></plist>');
    expect(validateAgainstSpec(schema, value)).toEqual({ ok: true, unknownKeys: ['constructor', '__proto__'] });
  });

  it('bounds its report on hostile input', () => {
    const list = Array.from({ length: 5000 }, () => ({}));
    const result = validateAgainstSpec(schema, { Name: 'x', List: list });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toHaveLength(100);
  });
});

describe('decodeCheckInMessage', () => {
  it('decodes a check-in and keeps the raw bytes', () => {
    const raw = bytes({ MessageType: 'CheckOut', Topic: 'com.apple.mgmt.x', UDID: 'U1' });
    const message = decodeCheckInMessage(raw);
    expect(message.MessageType).toBe('CheckOut');
    if (message.MessageType === 'CheckOut') expect(message.UDID).toBe('U1');
    expect(message.raw).toBe(raw);
  });

  it.each<[string, Uint8Array, string]>([
    ['an unknown MessageType', bytes({ MessageType: 'Reboot', Topic: 't' }), 'MDM_UNKNOWN_MESSAGE_TYPE'],
    ['no MessageType', bytes({ Topic: 't' }), 'MDM_MESSAGE_INVALID'],
    ['a MessageType that is not a string', bytes({ MessageType: 1 }), 'MDM_MESSAGE_INVALID'],
    ['a message breaking the schema', bytes({ MessageType: 'Authenticate', Topic: 5 }), 'MDM_MESSAGE_INVALID'],
    ['an array body', bytes(['Authenticate']), 'MDM_MESSAGE_INVALID'],
    ['a binary plist', new TextEncoder().encode('bplist00xyz'), 'MDM_MESSAGE_MALFORMED'],
    ['a truncated plist', bytes({ MessageType: 'CheckOut' }).slice(0, 150), 'MDM_MESSAGE_MALFORMED'],
    ['an oversized body', new Uint8Array(4 * 1024 * 1024 + 1), 'MDM_MESSAGE_TOO_LARGE'],
  ])('refuses %s', (_name, body, code) => {
    const error = protocolError(() => decodeCheckInMessage(body));
    expect(error.code).toBe(code);
    expect(error.status).toBe(code === 'MDM_MESSAGE_TOO_LARGE' ? 413 : 400);
  });

  it('says which keys are wrong', () => {
    const error = protocolError(() => decodeCheckInMessage(bytes({ MessageType: 'TokenUpdate', Topic: 't', Token: 'not data' })));
    expect(error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['Token', 'PushMagic']));
  });
});

describe('decodeCommandReport', () => {
  it('decodes an Idle report without CommandUUID', () => {
    const report = decodeCommandReport(bytes({ Status: 'Idle', UDID: 'U' }));
    expect(report).toMatchObject({ Status: 'Idle', UDID: 'U', ErrorChain: [] });
    expect(report.CommandUUID).toBeUndefined();
  });

  it.each<[string, PlistDict]>([
    ['an unknown Status', { Status: 'Done', UDID: 'U', CommandUUID: 'c' }],
    ['no identity', { Status: 'Acknowledged', CommandUUID: 'c' }],
    ['no CommandUUID on an answer', { Status: 'Acknowledged', UDID: 'U' }],
    ['an ErrorChain entry without ErrorCode', { Status: 'Error', UDID: 'U', CommandUUID: 'c', ErrorChain: [{ ErrorDomain: 'd' }] }],
  ])('refuses %s', (_name, dict) => {
    expect(protocolError(() => decodeCommandReport(bytes(dict))).code).toBe('MDM_MESSAGE_INVALID');
  });
});

describe('validateCommandResponse', () => {
  it('ignores the envelope and insists on response keys only when Acknowledged', () => {
    expect(validateCommandResponse('DeviceInformation', { Status: 'Acknowledged', UDID: 'U', CommandUUID: 'c', QueryResponses: { DeviceName: 'x' } })).toEqual({ ok: true, unknownKeys: [] });
    expect(validateCommandResponse('DeviceInformation', { Status: 'Acknowledged', UDID: 'U', CommandUUID: 'c' }).ok).toBe(false);
    expect(validateCommandResponse('DeviceInformation', { Status: 'NotNow', UDID: 'U', CommandUUID: 'c' }).ok).toBe(true);
    expect(validateCommandResponse('DeviceInformation', { Status: 'Acknowledged', QueryResponses: 'x' }).ok).toBe(false);
    expect(validateCommandResponse('NoSuchCommand', {})).toMatchObject({ ok: false, problems: [{ code: 'UNKNOWN_TYPE' }] });
  });
});

describe('encodeCommand', () => {
  it('writes Command and CommandUUID, RequestType first', () => {
    const body = encodeCommand({ commandUuid: 'c-1', requestType: 'DeviceInformation', payload: { Queries: ['UDID', 'DeviceName'] } });
    const value = parsePlist(body) as PlistDict;
    expect(value).toEqual({ Command: { RequestType: 'DeviceInformation', Queries: ['UDID', 'DeviceName'] }, CommandUUID: 'c-1' });
    expect(Object.keys(value['Command'] as PlistDict)[0]).toBe('RequestType');
  });

  it('refuses what breaks the schema, unknown keys, and unknown request types', () => {
    expect(protocolError(() => encodeCommand({ commandUuid: 'c', requestType: 'InstallProfile', payload: {} as never })).code).toBe('MDM_COMMAND_INVALID');
    expect(protocolError(() => encodeCommand({ commandUuid: 'c', requestType: 'SecurityInfo', payload: { Typo: 1 } })).problems[0]?.code).toBe('UNKNOWN_KEY');
    expect(protocolError(() => encodeCommand({ commandUuid: '', requestType: 'SecurityInfo' })).code).toBe('MDM_COMMAND_INVALID');
    expect(protocolError(() => encodeCommand({ commandUuid: 'c', requestType: 'Nope' as never })).code).toBe('MDM_UNKNOWN_REQUEST_TYPE');
  });
});

describe('validateProfilePayload', () => {
  it('checks the common payload keys and the PayloadType', () => {
    const base = { PayloadIdentifier: 'i', PayloadUUID: 'u', PayloadVersion: 1 };
    expect(validateProfilePayload('com.apple.mdm', { ...base, PayloadType: 'com.apple.mdm', IdentityCertificateUUID: 'x', ServerURL: 'https://x', Topic: 't', AccessRights: 8191 }).ok).toBe(true);
    expect(validateProfilePayload('com.apple.mdm', { ...base, PayloadType: 'com.apple.other', IdentityCertificateUUID: 'x', ServerURL: 'https://x', Topic: 't', AccessRights: 8191 }).ok).toBe(false);
    expect(validateProfilePayload('com.apple.mdm', { PayloadType: 'com.apple.mdm' }).ok).toBe(false);
    expect(validateProfilePayload('com.example.none', {})).toMatchObject({ ok: false, problems: [{ code: 'UNKNOWN_TYPE' }] });
  });
});
