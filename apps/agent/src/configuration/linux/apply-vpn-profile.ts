import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Ikev2VpnPayload, VpnPayload, WireguardVpnPayload } from '@ward/agent-protocol';
import { RefusedChange } from '../host/target-under-root.js';
import { joinNotes, notApplicableOutcome, type ProfileOutcome } from '../profile-outcome.js';
import { isCidr, isHostName, parseEndpoint } from './host-names.js';
import { keyfileList, renderKeyfile, type KeyfileGroup } from './keyfile.js';
import { wardHeader, type LinuxApplyContext } from './linux-apply-context.js';
import { certificateDir, connectionFile, connectionUuid, hasNetworkManager, reloadConnections } from './network-manager.js';
import { onDemandPlan } from './on-demand-plan.js';
import { certificatesPem, parseCertificates, parseClientIdentity } from './pem-material.js';
import { generateWireguardKeyPair, isWireguardKey, wireguardPublicKey } from './wireguard-key.js';

/** Where distributions install NetworkManager's strongSwan plugin description. */
const STRONGSWAN_PLUGIN_FILES = [
  '/usr/lib/NetworkManager/VPN/nm-strongswan-service.name',
  '/usr/lib64/NetworkManager/VPN/nm-strongswan-service.name',
  '/etc/NetworkManager/VPN/nm-strongswan-service.name',
];
const STRONGSWAN_SERVICE = 'org.freedesktop.NetworkManager.strongswan';
/** Generated values kept per profile. */
const WIREGUARD_KEY = 'wireguardPrivateKey';

/**
 * A VPN profile as a NetworkManager keyfile of Ward's own: IKEv2 through the strongSwan VPN plugin,
 * WireGuard as NetworkManager's native wireguard connection. A WireGuard profile without a private
 * key gets one generated on the device and kept for re-applies; its public key is in the result,
 * for the server side of the tunnel.
 */
export async function applyVpnProfile(ctx: LinuxApplyContext, payload: VpnPayload): Promise<ProfileOutcome> {
  if (!(await hasNetworkManager(ctx.changes))) return notApplicableOutcome('NetworkManager is not installed; Ward configures VPNs through its connection files');
  const plan = onDemandPlan(payload.onDemand);
  const connection: KeyfileGroup = {
    name: 'connection',
    entries: [
      ['id', payload.connectionName],
      ['uuid', connectionUuid('vpn', ctx.profileId)],
      ['type', payload.type === 'ikev2' ? 'vpn' : 'wireguard'],
      ['interface-name', payload.type === 'wireguard' ? interfaceName(ctx.profileId) : undefined],
      ['autoconnect', String(plan.autoconnect)],
    ],
  };
  const notes: (string | undefined)[] = [];
  let groups: KeyfileGroup[];
  if (payload.type === 'ikev2') {
    let pluginInstalled = false;
    for (const file of STRONGSWAN_PLUGIN_FILES) pluginInstalled ||= await ctx.changes.exists(file);
    if (!pluginInstalled) return notApplicableOutcome("IKEv2 needs NetworkManager's strongSwan plugin (NetworkManager-strongswan), which is not installed");
    groups = await ikev2Groups(ctx, payload);
  } else {
    const wireguard = await wireguardGroups(ctx, payload);
    groups = wireguard.groups;
    notes.push(`WireGuard public key of this device: ${wireguard.publicKey}`, wireguard.note);
  }
  await ctx.changes.writeWardFile(connectionFile(ctx.stem), renderKeyfile([wardHeader(ctx.profileId)], [connection, ...groups]), 0o600);
  notes.push(plan.note, await reloadConnections(ctx.tools));
  const message = joinNotes(notes);
  return { status: 'succeeded', ...(message === undefined ? {} : { message }) };
}

async function ikev2Groups(ctx: LinuxApplyContext, payload: Ikev2VpnPayload): Promise<KeyfileGroup[]> {
  if (!isHostName(payload.server)) throw new RefusedChange(`payload/server: ${JSON.stringify(payload.server)} is not a host name or address`);
  for (const [field, value] of [['remoteId', payload.remoteId], ['localId', payload.localId]] as const) {
    // eslint-disable-next-line no-control-regex -- identities are single-line text
    if (/[\u0000-\u001f\u007f]/.test(value)) throw new RefusedChange(`payload/${field} contains control characters`);
  }
  const common: [string, string | undefined][] = [
    ['service-type', STRONGSWAN_SERVICE],
    ['address', payload.server],
    ['remote-identity', payload.remoteId],
    ['local-identity', payload.localId],
    // Ask the gateway for an inner address; no UDP encapsulation forcing, compression or custom proposals.
    ['virtual', 'yes'],
    ['encap', 'no'],
    ['ipcomp', 'no'],
    ['proposal', 'no'],
  ];
  const auth = payload.authentication;
  if (auth.method === 'sharedSecret') {
    return [
      { name: 'vpn', entries: [...common, ['method', 'psk'], ['password-flags', '0']] },
      { name: 'vpn-secrets', entries: [['password', auth.sharedSecret]] },
      { name: 'ipv4', entries: [['method', 'auto']] },
      { name: 'ipv6', entries: [['method', 'auto']] },
    ];
  }
  const roots = auth.trustedRootsPem.flatMap((pem, index) => parseCertificates(pem, `payload/authentication/trustedRootsPem/${index}`));
  const client = parseClientIdentity(auth, 'payload/authentication');
  const dir = certificateDir(ctx.stem);
  await ctx.changes.ensureDir(dir, 0o755);
  if (roots.length > 0) await ctx.changes.writeWardFile(`${dir}/ca.pem`, certificatesPem(roots), 0o644);
  await ctx.changes.writeWardFile(`${dir}/client.pem`, client.certificatePem + client.chainPem, 0o644);
  await ctx.changes.writeWardFile(`${dir}/client-key.pem`, client.privateKeyPem, 0o600);
  return [
    {
      name: 'vpn',
      entries: [
        ...common,
        // Without a CA file the plugin trusts the system store.
        ['certificate', roots.length > 0 ? `${dir}/ca.pem` : undefined],
        ['method', 'cert'],
        ['cert-source', 'file'],
        ['usercert', `${dir}/client.pem`],
        ['userkey', `${dir}/client-key.pem`],
        // The key file is not encrypted: nothing to ask the user for.
        ['password-flags', '4'],
      ],
    },
    { name: 'ipv4', entries: [['method', 'auto']] },
    { name: 'ipv6', entries: [['method', 'auto']] },
  ];
}

async function wireguardGroups(ctx: LinuxApplyContext, payload: WireguardVpnPayload): Promise<{ groups: KeyfileGroup[]; publicKey: string; note?: string }> {
  const iface = payload.interface;
  let privateKey = iface.privateKey;
  let note: string | undefined;
  if (privateKey === undefined) {
    privateKey = ctx.generated[WIREGUARD_KEY] ?? generateWireguardKeyPair().privateKey;
    note = 'the device generated its WireGuard key pair; add its public key to the server peer';
    // Kept before it is used, so a crash cannot leave a connection whose key is forgotten.
    await ctx.keepGenerated(WIREGUARD_KEY, privateKey);
  }
  const publicKey = wireguardPublicKey(privateKey, 'payload/interface/privateKey');
  for (const address of iface.addresses) if (!isCidr(address)) throw new RefusedChange(`payload/interface/addresses: ${JSON.stringify(address)} is not an IP address or network`);
  for (const server of iface.dns) if (isIP(server) === 0) throw new RefusedChange(`payload/interface/dns: ${JSON.stringify(server)} is not an IP address`);
  const peers: KeyfileGroup[] = payload.peers.map((peer, index) => {
    const where = `payload/peers/${index}`;
    if (!isWireguardKey(peer.publicKey)) throw new RefusedChange(`${where}/publicKey is not a WireGuard key`);
    if (peer.presharedKey !== undefined && !isWireguardKey(peer.presharedKey)) throw new RefusedChange(`${where}/presharedKey is not a WireGuard key`);
    if (parseEndpoint(peer.endpoint) === undefined) throw new RefusedChange(`${where}/endpoint: ${JSON.stringify(peer.endpoint)} is not host:port`);
    for (const ip of peer.allowedIps) if (!isCidr(ip)) throw new RefusedChange(`${where}/allowedIps: ${JSON.stringify(ip)} is not an IP network`);
    return {
      name: `wireguard-peer.${peer.publicKey}`,
      entries: [
        ['endpoint', peer.endpoint],
        ['preshared-key', peer.presharedKey],
        ['preshared-key-flags', peer.presharedKey === undefined ? undefined : '0'],
        ['allowed-ips', keyfileList(peer.allowedIps)],
        ['persistent-keepalive', peer.persistentKeepaliveSeconds === undefined ? undefined : String(peer.persistentKeepaliveSeconds)],
      ],
    };
  });
  const v4 = iface.addresses.filter((a) => isIP(a.split('/')[0] ?? '') === 4);
  const v6 = iface.addresses.filter((a) => isIP(a.split('/')[0] ?? '') === 6);
  const dns4 = iface.dns.filter((a) => isIP(a) === 4);
  const dns6 = iface.dns.filter((a) => isIP(a) === 6);
  const ipGroup = (name: string, addresses: string[], dns: string[], host: number): KeyfileGroup => ({
    name,
    entries:
      addresses.length === 0
        ? [['method', 'disabled']]
        : [['method', 'manual'], ...addresses.map((a, i): [string, string] => [`address${i + 1}`, a.includes('/') ? a : `${a}/${host}`]), ['dns', keyfileList(dns)]],
  });
  const groups: KeyfileGroup[] = [
    { name: 'wireguard', entries: [['private-key', privateKey], ['private-key-flags', '0'], ['mtu', iface.mtu === undefined ? undefined : String(iface.mtu)]] },
    ...peers,
    ipGroup('ipv4', v4, dns4, 32),
    ipGroup('ipv6', v6, dns6, 128),
  ];
  const unusedDns = (v4.length === 0 ? dns4.length : 0) + (v6.length === 0 ? dns6.length : 0);
  const dnsNote = unusedDns > 0 ? 'DNS servers of an address family without an interface address are not used' : undefined;
  return { groups, publicKey, ...(note === undefined && dnsNote === undefined ? {} : { note: [note, dnsNote].filter(Boolean).join('; ') }) };
}

/** A stable interface name for the profile, within Linux's 15 characters. */
function interfaceName(profileId: string): string {
  return `ward${createHash('sha256').update(profileId).digest('hex').slice(0, 8)}`;
}
