import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may connect, decided per resolved IP address.
 * - `forbidden`: link-local and cloud instance-metadata addresses (an admin-supplied URL must never
 *   reach the host's metadata service and its credentials), and unspecified addresses, which the
 *   kernel routes to the local host.
 * - `loopback`: this host; allowed over `http` only in development (`WARD_WEBHOOK_ALLOW_HTTP_LOOPBACK`).
 * - `allowed`: everything else, private networks included: on-premises receivers are the norm for a
 *   self-hosted server.
 */
export type WebhookAddressClass = 'forbidden' | 'loopback' | 'allowed';

/** The ranges refused whatever the configuration says, as they appear in refusal messages. */
export const forbiddenWebhookRanges = [
  '169.254.0.0/16',
  'fe80::/10',
  'fd00:ec2::254',
  '100.100.100.200',
  '64:ff9b::a9fe:0/112',
  '0.0.0.0/8',
  '::',
] as const;

const forbidden = new BlockList();
forbidden.addSubnet('169.254.0.0', 16, 'ipv4'); // IPv4 link-local: AWS, GCP, Azure, OpenStack metadata
forbidden.addSubnet('fe80::', 10, 'ipv6'); // IPv6 link-local
forbidden.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6
forbidden.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
forbidden.addSubnet('64:ff9b::a9fe:0', 112, 'ipv6'); // 169.254.0.0/16 through a NAT64 gateway
forbidden.addSubnet('0.0.0.0', 8, 'ipv4');
forbidden.addAddress('::', 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * The class of one IP address (IPv4-mapped IPv6 addresses such as `::ffff:169.254.169.254` are
 * judged as the IPv4 address they carry). Anything that is not an IP address is `forbidden`.
 */
export function classifyWebhookAddress(address: string): WebhookAddressClass {
  const family = isIP(address);
  if (family === 0) return 'forbidden';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (forbidden.check(address, type)) return 'forbidden';
  if (loopback.check(address, type)) return 'loopback';
  return 'allowed';
}
