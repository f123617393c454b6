/**
 * Apple's SCEP `Subject`: an array of RDNs, each an array of `[type, value]` pairs, in the
 * certificate's own order (most significant first): `[[["O","Example"]],[["CN","Device 1"]]]`
 * (com.apple.security.scep.yaml, SCEPSubjectArrayInnerArray).
 */
export type AppleScepSubject = readonly (readonly (readonly [string, string])[])[];

/** Longest subject accepted, as the policy engine's validator allows. */
export const MAX_SCEP_SUBJECT_LENGTH = 2048;

// Apple takes C, L, ST, O, OU and CN by name and anything else as a dotted OID.
const APPLE_NAMES = new Set(['C', 'L', 'ST', 'O', 'OU', 'CN']);
const OIDS: Readonly<Record<string, string>> = {
  E: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
  SERIALNUMBER: '2.5.4.5',
  DC: '0.9.2342.19200300.100.1.25',
  UID: '0.9.2342.19200300.100.1.1',
  STREET: '2.5.4.9',
  T: '2.5.4.12',
  GN: '2.5.4.42',
  SN: '2.5.4.4',
};

/**
 * Apple's subject array from an RFC 4514 string (`CN=Device 1,O=Example`, least significant
 * first, `\` escaping a special character, `+` joining a multi-valued RDN). RFC 4514 writes the
 * RDNs in reverse, so they are reversed here. Returns undefined for text that is not such a
 * string: an unknown attribute type, an empty value, a dangling escape, or too long.
 */
export function parseScepSubject(text: string): AppleScepSubject | undefined {
  if (text.length === 0 || text.length > MAX_SCEP_SUBJECT_LENGTH) return undefined;
  const rdns: (readonly [string, string])[][] = [];
  let pairs: (readonly [string, string])[] = [];
  let current = '';
  let type: string | undefined;
  const endPair = (): boolean => {
    if (type === undefined) return false;
    const value = current.trim();
    const name = type.trim().toUpperCase();
    const appleType = APPLE_NAMES.has(name) ? name : OIDS[name] ?? (/^\d+(\.\d+)+$/.test(name) ? name : undefined);
    if (appleType === undefined || value.length === 0) return false;
    pairs.push([appleType, value]);
    current = '';
    type = undefined;
    return true;
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (c === '\\') {
      const next = text.charAt(i + 1);
      if (next === '') return undefined;
      current += next;
      i += 1;
    } else if (c === '=' && type === undefined) {
      type = current;
      current = '';
    } else if (c === ',' || c === '+') {
      if (!endPair()) return undefined;
      if (c === ',') {
        rdns.push(pairs);
        pairs = [];
      }
    } else {
      current += c;
    }
  }
  if (!endPair()) return undefined;
  rdns.push(pairs);
  return rdns.reverse();
}
