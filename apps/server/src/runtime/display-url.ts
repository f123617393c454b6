import { isIP } from 'node:net';

/**
 * The URL to print for a listener bound to `host:port`: a wildcard address becomes `localhost`
 * (a name the bootstrap certificate covers), and IPv6 literals get brackets.
 */
export function displayUrl(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const shown = wildcard ? 'localhost' : isIP(host) === 6 ? `[${host}]` : host;
  return `https://${shown}:${port}`;
}
