import { isIP } from 'node:net';
import { PkiError } from './pki-error.js';

/** Validated subjectAltName entries of a TLS server certificate. */
export interface ServerNames {
  /** DNS names, lowercase; a wildcard only as the whole leftmost label. */
  readonly dnsNames: readonly string[];
  /** IPv4 dotted quads and IPv6 in compressed form. */
  readonly ipAddresses: readonly string[];
}

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Checks and canonicalises the names a server certificate will carry, removing duplicates. Names
 * must already be ASCII (IDNs as punycode `xn--…`), because TLS clients compare the A-label form.
 *
 * @throws PkiError `INVALID_INPUT` when a name is malformed or when there is no name at all.
 */
export function normalizeServerNames(hostnames: readonly string[], ipAddresses: readonly string[]): ServerNames {
  const dnsNames = [...new Set(hostnames.map(normalizeDnsName))];
  const ips = [...new Set(ipAddresses.map(normalizeIpAddress))];
  if (dnsNames.length + ips.length === 0) {
    throw new PkiError('INVALID_INPUT', 'a server certificate needs at least one hostname or IP address');
  }
  return { dnsNames, ipAddresses: ips };
}

function normalizeDnsName(name: string): string {
  const lower = name.trim().toLowerCase().replace(/\.$/, '');
  const labels = lower.split('.');
  const [first, ...rest] = labels;
  const wildcard = first === '*' && rest.length >= 2;
  const ok = lower.length <= 253 && (wildcard ? rest : labels).every((label) => DNS_LABEL.test(label));
  if (!ok) throw new PkiError('INVALID_INPUT', `not a valid DNS name for a certificate: ${JSON.stringify(name)}`);
  return lower;
}

function normalizeIpAddress(address: string): string {
  const trimmed = address.trim();
  const family = isIP(trimmed);
  if (family === 4) return trimmed;
  // Zone ids (fe80::1%eth0) are local to one host and have no place in a certificate.
  if (family === 6 && !trimmed.includes('%')) {
    // The URL parser prints IPv6 in its canonical compressed form, embedded IPv4 included, which
    // the SAN encoder below understands (it cannot read `::ffff:1.2.3.4`).
    return new URL(`http://[${trimmed}]/`).hostname.slice(1, -1);
  }
  throw new PkiError('INVALID_INPUT', `not an IP address: ${JSON.stringify(address)}`);
}
