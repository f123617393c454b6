import { PkiError } from './pki-error.js';
import { x509 } from './x509.js';

/** The attributes Ward puts in the names it issues. */
export interface NameAttributes {
  readonly organization?: string | undefined;
  readonly organizationalUnit?: string | undefined;
  readonly commonName?: string | undefined;
}

// X.520 upper bounds (ub-organization-name, ub-organizational-unit-name, ub-common-name) are all 64.
const MAX_ATTRIBUTE_LENGTH = 64;
const ATTRIBUTE_OIDS = { organization: '2.5.4.10', organizationalUnit: '2.5.4.11', commonName: '2.5.4.3' } as const;

/**
 * An X.500 name from plain values, most significant first (O, OU, CN), every value a UTF8String as
 * RFC 5280 asks. Values are never parsed as DN text, so a device-chosen id with `,` `+` `=` or a
 * leading `#` cannot add or change attributes.
 *
 * @throws PkiError `INVALID_INPUT` for an empty value, one over 64 characters, or control characters.
 */
export function buildName(attributes: NameAttributes): x509.Name {
  const rdns: x509.JsonAttributeAndObjectValue[] = [];
  for (const key of ['organization', 'organizationalUnit', 'commonName'] as const) {
    const value = attributes[key];
    if (value === undefined) continue;
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (value.length === 0 || value.length > MAX_ATTRIBUTE_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
      throw new PkiError('INVALID_INPUT', `${key} must be 1 to ${MAX_ATTRIBUTE_LENGTH} characters without control characters`);
    }
    rdns.push({ [ATTRIBUTE_OIDS[key]]: [{ utf8String: value }] });
  }
  return new x509.Name(rdns);
}
