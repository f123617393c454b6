import { X509Certificate } from 'node:crypto';
import type { PlistValue } from '../plist/plist-value.js';
import { isPlistDict, textAt } from './plist-fields.js';

/** One certificate a device holds, as inventory keeps it. */
export interface DeviceCertificateEntry {
  readonly commonName: string | null;
  readonly isIdentity: boolean;
  /** From the certificate itself; null when its Data did not parse. */
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly serialNumber: string | null;
  readonly notAfter: string | null;
  /** SHA-256 of the DER, colon-separated upper-case hex. */
  readonly fingerprintSha256: string | null;
}

/** Most certificates kept from one CertificateList answer. */
export const maxDeviceCertificates = 500;

/**
 * Normalises a CertificateList answer (Apple, mdm/commands/certificate.list.yaml) into inventory:
 * each certificate's names, serial, expiry and fingerprint read from its DER, not the DER itself
 * (a device's trust store is large and the history keeps a bounded answer anyway).
 */
export function certificateList(list: readonly PlistValue[]): readonly DeviceCertificateEntry[] {
  const entries: DeviceCertificateEntry[] = [];
  for (const item of list) {
    if (entries.length >= maxDeviceCertificates) break;
    if (!isPlistDict(item)) continue;
    const data = item['Data'];
    let parsed: X509Certificate | undefined;
    try {
      parsed = data instanceof Uint8Array ? new X509Certificate(data) : undefined;
    } catch {
      // A device may list what it cannot parse either; keep its name.
    }
    entries.push({
      commonName: textAt(item, 'CommonName', 256) ?? null,
      isIdentity: item['IsIdentity'] === true,
      subject: parsed?.subject.slice(0, 1024) ?? null,
      issuer: parsed?.issuer.slice(0, 1024) ?? null,
      serialNumber: parsed?.serialNumber.toLowerCase() ?? null,
      notAfter: parsed === undefined ? null : isoDate(parsed.validTo),
      fingerprintSha256: parsed?.fingerprint256 ?? null,
    });
  }
  return entries;
}

// Node 20 gives validity as OpenSSL's text (`Sep  3 21:40:37 2032 GMT`), which Date parses.
function isoDate(text: string): string | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
