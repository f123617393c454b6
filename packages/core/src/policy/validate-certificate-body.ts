import { distinct, integer, invalid, list, objectAt, oneOf, text, textValue } from './field-reader.js';
import { certificateTypes, scepKeySizes, scepKeyUsages, type CertificateBody, type ScepKeySize } from './model.js';
import { isDistinguishedName, isHttpsUrl, pemBlocks } from './wire-formats.js';

/** A PEM certificate may be this long: a large RSA-4096 certificate with many extensions fits easily. */
export const maxCertificatePemLength = 16_384;

/**
 * A certificate profile: a trusted root (one PEM certificate, no private key), a certificate Ward's
 * CA issues to each device or user, or an external SCEP enrolment (https URL, challenge, subject).
 */
export function validateCertificateBody(value: unknown, path: string): CertificateBody<string | null> {
  const body = objectAt(value, path, ['type', 'name', 'certificatePem', 'scope', 'subject', 'validityDays', 'url', 'challenge', 'keySize', 'keyUsage']);
  const type = oneOf(body, 'type', path, certificateTypes);
  const allowed: Record<typeof type, readonly string[]> = {
    trustedRoot: ['type', 'name', 'certificatePem'],
    issued: ['type', 'scope', 'subject', 'validityDays'],
    scep: ['type', 'url', 'challenge', 'subject', 'keySize', 'keyUsage'],
  };
  for (const key of Object.keys(body)) if (!allowed[type].includes(key)) invalid(`${path}.${key}`, `does not belong to a ${type} certificate profile`);
  switch (type) {
    case 'trustedRoot':
      return { type, name: text(body, 'name', path, { max: 128 }), certificatePem: certificatePem(body.certificatePem, `${path}.certificatePem`) };
    case 'issued':
      return {
        type,
        scope: oneOf(body, 'scope', path, ['device', 'user'] as const),
        subject: subject(body, path),
        // 825 days: the longest validity Apple platforms accept for a TLS-usable certificate.
        validityDays: integer(body, 'validityDays', path, 1, 825),
      };
    case 'scep': {
      const keySize = body.keySize;
      if (typeof keySize !== 'number' || !(scepKeySizes as readonly number[]).includes(keySize)) invalid(`${path}.keySize`, `must be one of ${scepKeySizes.join(', ')}`);
      const keyUsage = list(body, 'keyUsage', path, { min: 1, max: scepKeyUsages.length }, (v, p) => {
        if (typeof v !== 'string' || !(scepKeyUsages as readonly string[]).includes(v)) invalid(p, `must be one of ${scepKeyUsages.join(', ')}`);
        return v as (typeof scepKeyUsages)[number];
      });
      distinct(keyUsage, `${path}.keyUsage`);
      return {
        type,
        url: text(body, 'url', path, { max: 2048, pattern: isHttpsUrl, patternHint: 'an https URL without credentials' }),
        challenge: body.challenge === null ? null : textValue(body.challenge, `${path}.challenge`, { max: 255, raw: true }),
        subject: subject(body, path),
        keySize: keySize as ScepKeySize,
        keyUsage,
      };
    }
  }
}

function subject(body: Readonly<Record<string, unknown>>, path: string): string {
  return text(body, 'subject', path, { max: 1024, template: true, pattern: isDistinguishedName, patternHint: 'an X.500 subject such as CN={{device.serial}},O=Example' });
}

/** Exactly one PEM `CERTIFICATE` block, returned in canonical form. */
export function certificatePem(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'must be a PEM certificate');
  if (value.length > maxCertificatePemLength) invalid(path, `must be at most ${maxCertificatePemLength} characters`);
  const blocks = pemBlocks(value, 'CERTIFICATE');
  if (blocks === undefined || blocks.length === 0) invalid(path, 'must be one PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----) and nothing else');
  if (blocks.length > 1) invalid(path, 'must hold one certificate; make a trusted-root profile per certificate');
  return blocks[0] ?? '';
}
