import { createHash } from 'node:crypto';
import { decodePem } from './decode-pem.js';
import { PkiError } from './pki-error.js';

/**
 * SHA-256 over a certificate's DER, as colon-separated uppercase hex (`AB:CD:…`, 95 characters), the
 * form browsers and `openssl x509 -fingerprint -sha256` show.
 *
 * @param pemOrDer a PEM text (its first `CERTIFICATE` block is used) or the DER bytes themselves.
 * @throws PkiError `INVALID_INPUT` when a text holds no certificate block.
 */
export function fingerprintSha256(pemOrDer: string | Uint8Array): string {
  let der: Uint8Array;
  if (typeof pemOrDer === 'string') {
    const block = decodePem(pemOrDer)?.find((b) => b.label === 'CERTIFICATE');
    if (block === undefined) throw new PkiError('INVALID_INPUT', 'fingerprintSha256: no PEM CERTIFICATE block in the text');
    der = block.der;
  } else {
    der = pemOrDer;
  }
  return formatFingerprint(createHash('sha256').update(der).digest());
}

function formatFingerprint(digest: Uint8Array): string {
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
}
