import { X509Certificate } from 'node:crypto';

/** The serial number (upper-case hex, as node:crypto spells it) of the first certificate of a PEM chain. */
export function certificateSerial(certificateChainPem: string): string {
  return new X509Certificate(certificateChainPem).serialNumber;
}
