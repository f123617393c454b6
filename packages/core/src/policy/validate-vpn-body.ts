import { bool, distinct, invalid, list, objectAt, oneOf, optionalInteger, optionalList, text, textValue, utf8Length } from './field-reader.js';
import { vpnInterfaceTypes, vpnOnDemandActions, type IkeV2Authentication, type VpnBody, type VpnOnDemand, type VpnOnDemandRule, type WireGuardPeer } from './model.js';
import { profileIdValue } from './validate-wifi-body.js';
import { isCidr, isDnsPattern, isEndpoint, isHost, isIpAddress, isWireGuardKey } from './wire-formats.js';

/** A VPN body: IKEv2 (certificate or shared secret) or WireGuard, with on-demand rules. */
export function validateVpnBody(value: unknown, path: string): VpnBody<string | null> {
  const body = objectAt(value, path, ['connectionName', 'onDemand', 'type', 'server', 'remoteId', 'localId', 'authentication', 'interface', 'peers']);
  const connectionName = text(body, 'connectionName', path, { max: 64 });
  const onDemand = body.onDemand === undefined ? { enabled: false, rules: [] } : validateOnDemand(body.onDemand, `${path}.onDemand`);
  const type = oneOf(body, 'type', path, ['ikev2', 'wireguard'] as const);
  const foreign = type === 'ikev2' ? ['interface', 'peers'] : ['server', 'remoteId', 'localId', 'authentication'];
  for (const key of foreign) if (body[key] !== undefined) invalid(`${path}.${key}`, `does not belong to a ${type} VPN`);
  if (type === 'ikev2') {
    return {
      connectionName,
      onDemand,
      type,
      server: text(body, 'server', path, { max: 253, pattern: isHost, patternHint: 'a host name or IP address' }),
      remoteId: text(body, 'remoteId', path, { max: 255 }),
      localId: body.localId === undefined ? '' : text(body, 'localId', path, { min: 0, max: 255, template: true }),
      authentication: validateIkeV2Authentication(body.authentication, `${path}.authentication`),
    };
  }
  const iface = objectAt(body.interface, `${path}.interface`, ['addresses', 'dns', 'privateKey', 'mtu']);
  const ifacePath = `${path}.interface`;
  const addresses = list(iface, 'addresses', ifacePath, { min: 1, max: 16 }, (v, p) => textValue(v, p, { max: 49, pattern: isCidr, patternHint: 'a CIDR address such as 10.8.0.2/32' }));
  const dns = optionalList(iface, 'dns', ifacePath, { max: 8 }, (v, p) => textValue(v, p, { max: 45, pattern: isIpAddress, patternHint: 'an IP address' }));
  const mtu = optionalInteger(iface, 'mtu', ifacePath, 1280, 9000);
  const privateKey = iface.privateKey === undefined ? undefined : iface.privateKey === null ? null : wireGuardKey(iface.privateKey, `${ifacePath}.privateKey`);
  const peers = list(body, 'peers', path, { min: 1, max: 64 }, validatePeer);
  distinct(
    peers.map((p) => p.publicKey),
    `${path}.peers`,
  );
  return {
    connectionName,
    onDemand,
    type,
    interface: { addresses, dns, ...(privateKey === undefined ? {} : { privateKey }), ...(mtu === undefined ? {} : { mtu }) },
    peers,
  };
}

function validateIkeV2Authentication(value: unknown, path: string): IkeV2Authentication<string | null> {
  const auth = objectAt(value, path, ['method', 'certificateProfileId', 'trustedRootProfileIds', 'sharedSecret']);
  const method = oneOf(auth, 'method', path, ['certificate', 'sharedSecret'] as const);
  if (method === 'certificate') {
    if (auth.sharedSecret !== undefined) invalid(`${path}.sharedSecret`, 'does not belong to certificate authentication');
    const trustedRootProfileIds = list(auth, 'trustedRootProfileIds', path, { min: 1, max: 8 }, profileIdValue);
    distinct(trustedRootProfileIds, `${path}.trustedRootProfileIds`);
    return { method, certificateProfileId: profileIdValue(auth.certificateProfileId, `${path}.certificateProfileId`), trustedRootProfileIds };
  }
  for (const key of ['certificateProfileId', 'trustedRootProfileIds']) if (auth[key] !== undefined) invalid(`${path}.${key}`, 'does not belong to shared-secret authentication');
  if (auth.sharedSecret === null) return { method, sharedSecret: null };
  // IKEv2 pre-shared keys are opaque octets; printable ASCII keeps them typeable and loggable-safe.
  const sharedSecret = textValue(auth.sharedSecret, `${path}.sharedSecret`, { min: 8, max: 256, raw: true, pattern: /^[\x20-\x7e]+$/, patternHint: 'printable ASCII' });
  return { method, sharedSecret };
}

function validatePeer(value: unknown, path: string): WireGuardPeer<string | null> {
  const peer = objectAt(value, path, ['publicKey', 'presharedKey', 'endpoint', 'allowedIps', 'persistentKeepaliveSeconds']);
  const publicKey = wireGuardKey(peer.publicKey, `${path}.publicKey`);
  const presharedKey = peer.presharedKey === undefined ? undefined : peer.presharedKey === null ? null : wireGuardKey(peer.presharedKey, `${path}.presharedKey`);
  const endpoint = text(peer, 'endpoint', path, { max: 262, pattern: isEndpoint, patternHint: 'host:port or [IPv6]:port' });
  const allowedIps = list(peer, 'allowedIps', path, { min: 1, max: 256 }, (v, p) => textValue(v, p, { max: 49, pattern: isCidr, patternHint: 'a CIDR block such as 10.0.0.0/8' }));
  const keepalive = optionalInteger(peer, 'persistentKeepaliveSeconds', path, 0, 65535);
  return { publicKey, ...(presharedKey === undefined ? {} : { presharedKey }), endpoint, allowedIps, ...(keepalive === undefined ? {} : { persistentKeepaliveSeconds: keepalive }) };
}

function wireGuardKey(value: unknown, path: string): string {
  return textValue(value, path, { max: 44, pattern: isWireGuardKey, patternHint: 'a WireGuard key (base64 of 32 bytes)' });
}

function validateOnDemand(value: unknown, path: string): VpnOnDemand {
  const onDemand = objectAt(value, path, ['enabled', 'rules']);
  const enabled = bool(onDemand, 'enabled', path);
  const rules = optionalList(onDemand, 'rules', path, { max: 32 }, validateRule);
  if (enabled && rules.length === 0) invalid(`${path}.rules`, 'needs at least one rule when on-demand is enabled');
  return { enabled, rules };
}

function validateRule(value: unknown, path: string): VpnOnDemandRule {
  const rule = objectAt(value, path, ['action', 'ssids', 'dnsDomains', 'interfaceType']);
  const action = oneOf(rule, 'action', path, vpnOnDemandActions);
  const ssids = rule.ssids === undefined ? undefined : list(rule, 'ssids', path, { min: 1, max: 50 }, ssid);
  const dnsDomains = rule.dnsDomains === undefined ? undefined : list(rule, 'dnsDomains', path, { min: 1, max: 50 }, (v, p) => textValue(v, p, { max: 253, pattern: isDnsPattern, patternHint: 'a DNS domain' }));
  const interfaceType = rule.interfaceType === undefined ? undefined : oneOf(rule, 'interfaceType', path, vpnInterfaceTypes);
  if (interfaceType !== undefined && interfaceType !== 'wifi' && ssids !== undefined) invalid(`${path}.ssids`, `cannot match on an ${interfaceType} interface`);
  return { action, ...(ssids === undefined ? {} : { ssids }), ...(dnsDomains === undefined ? {} : { dnsDomains }), ...(interfaceType === undefined ? {} : { interfaceType }) };
}

function ssid(value: unknown, path: string): string {
  const s = textValue(value, path, { max: 32, raw: true });
  if (utf8Length(s) > 32) invalid(path, 'must be at most 32 bytes of UTF-8');
  return s;
}

