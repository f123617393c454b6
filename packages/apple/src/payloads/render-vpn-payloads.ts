import type { RenderedVpn, VpnOnDemandRule } from '@ward/core';
import type { PlistDict, PlistValue } from '../plist/plist-value.js';
import { identityPayload, rootCertificatePayloads, type IdentityPacking } from './credential-payloads.js';
import type { BuiltPayload, PayloadFactory } from './payload-factory.js';

/** Why a WireGuard tunnel has no Apple payload. */
export const WIREGUARD_NOT_APPLICABLE = 'Apple has no built-in WireGuard payload: a WireGuard tunnel needs the WireGuard app and its own configuration.';

const ACTIONS = { connect: 'Connect', disconnect: 'Disconnect', ignore: 'Ignore' } as const;
const INTERFACES = { wifi: 'WiFi', ethernet: 'Ethernet' } as const;

/**
 * A com.apple.vpn.managed payload of VPNType IKEv2 (com.apple.vpn.managed.yaml, IKEv2 dictionary)
 * with on-demand rules in order, and its companions: the client identity as a
 * com.apple.security.pkcs12 payload (IKEv2.PayloadCertificateUUID) and the roots that validate the
 * server as com.apple.security.root payloads. A WireGuard tunnel is not applicable.
 */
export function renderVpnPayloads(factory: PayloadFactory, vpn: RenderedVpn, name: string, packing: IdentityPacking): BuiltPayload[] | { readonly notApplicable: string } {
  if (vpn.type === 'wireguard') return { notApplicable: WIREGUARD_NOT_APPLICABLE };
  const companions: BuiltPayload[] = [];
  const ikev2: Record<string, PlistValue> = {
    RemoteAddress: vpn.server,
    RemoteIdentifier: vpn.remoteId,
    LocalIdentifier: vpn.localId,
  };
  const auth = vpn.authentication;
  if (auth.method === 'certificate') {
    companions.push(...rootCertificatePayloads(factory, 'vpn.root', auth.trustedRootsPem));
    const identity = identityPayload(factory, 'vpn.identity', `${vpn.connectionName} identity`, auth, packing);
    companions.unshift(identity);
    Object.assign(ikev2, { AuthenticationMethod: 'Certificate', PayloadCertificateUUID: identity.uuid });
  } else {
    Object.assign(ikev2, { AuthenticationMethod: 'SharedSecret', SharedSecret: auth.sharedSecret });
  }
  ikev2.OnDemandEnabled = vpn.onDemand.enabled ? 1 : 0;
  if (vpn.onDemand.enabled && vpn.onDemand.rules.length > 0) ikev2.OnDemandRules = vpn.onDemand.rules.map(onDemandRule);
  const keys = { VPNType: 'IKEv2', UserDefinedName: vpn.connectionName, IKEv2: ikev2 };
  return [factory.payload('vpn', 'com.apple.vpn.managed', name, keys), ...companions];
}

function onDemandRule(rule: VpnOnDemandRule): PlistDict {
  const out: Record<string, PlistValue> = { Action: ACTIONS[rule.action] };
  if (rule.ssids !== undefined && rule.ssids.length > 0) out.SSIDMatch = [...rule.ssids];
  if (rule.dnsDomains !== undefined && rule.dnsDomains.length > 0) out.DNSDomainMatch = [...rule.dnsDomains];
  if (rule.interfaceType !== undefined && rule.interfaceType !== 'any') out.InterfaceTypeMatch = INTERFACES[rule.interfaceType];
  return out;
}
