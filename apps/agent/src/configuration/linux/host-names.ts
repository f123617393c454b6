import { isIP } from 'node:net';

const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Whether `host` is a DNS name or an IP address (no ports, no brackets, nothing that could be code). */
export function isHostName(host: string): boolean {
  if (isIP(host) !== 0) return true;
  if (host.length > 253) return false;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

/** Whether `value` is an IP network in CIDR form (`10.0.0.0/8`, `fd00::/64`), or a bare address. */
export function isCidr(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  if (rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A `host:port` or `[v6]:port` endpoint split into its parts, or undefined when malformed. */
export function parseEndpoint(endpoint: string): { readonly host: string; readonly port: number } | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(endpoint);
  if (match === null) return undefined;
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port < 1 || port > 65_535) return undefined;
  if (match[1] !== undefined ? isIP(host) !== 6 : !isHostName(host)) return undefined;
  return { host, port };
}
