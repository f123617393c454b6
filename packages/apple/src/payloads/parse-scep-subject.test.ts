import { describe, expect, it } from 'vitest';
import { MAX_SCEP_SUBJECT_LENGTH, parseScepSubject } from './parse-scep-subject.js';

describe('parseScepSubject', () => {
  it('turns an RFC 4514 string into Apple nested arrays, most significant RDN first', () => {
    expect(parseScepSubject('CN=Device 1,OU=Fleet,O=Example,C=DE')).toEqual([[['C', 'DE']], [['O', 'Example']], [['OU', 'Fleet']], [['CN', 'Device 1']]]);
  });

  it('unescapes what escapeDnValue escaped, so a value cannot add an attribute', () => {
    expect(parseScepSubject('CN=x\\,CN\\=admin\\+y\\;z\\"q\\<\\>\\\\,O=E')).toEqual([[['O', 'E']], [['CN', 'x,CN=admin+y;z"q<>\\']]]);
    expect(parseScepSubject('CN=\\#hash')).toEqual([[['CN', '#hash']]]);
  });

  it('keeps a multi-valued RDN together and writes other attribute types as OIDs', () => {
    expect(parseScepSubject('CN=a+UID=u1,E=ada@example.com,serialNumber=42')).toEqual([
      [['2.5.4.5', '42']],
      [['1.2.840.113549.1.9.1', 'ada@example.com']],
      [
        ['CN', 'a'],
        ['0.9.2342.19200300.100.1.1', 'u1'],
      ],
    ]);
    expect(parseScepSubject('2.5.4.3=dotted')).toEqual([[['2.5.4.3', 'dotted']]]);
  });

  it('refuses malformed, unknown and oversized subjects', () => {
    for (const bad of ['', 'CN', 'CN=', '=x', 'XX=y', 'CN=a,', ',CN=a', 'CN=a,,O=b', 'CN=a\\', 'CN=a+', 'CN=a,O= ', '1.=x', 'CN=' + 'a'.repeat(MAX_SCEP_SUBJECT_LENGTH)]) {
      expect(parseScepSubject(bad), bad.slice(0, 20)).toBeUndefined();
    }
  });
});
