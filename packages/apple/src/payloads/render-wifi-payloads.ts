import type { RenderedWifi, WifiSecurity } from '@ward/core';
import type { PlistValue } from '../plist/plist-value.js';
import { identityPayload, rootCertificatePayloads, type IdentityPacking } from './credential-payloads.js';
import type { BuiltPayload, PayloadFactory } from './payload-factory.js';

/** EAP-TLS in Apple's AcceptEAPTypes (IANA EAP method type 13). */
const EAP_TLS = 13;

const ENCRYPTION: Readonly<Record<WifiSecurity, string>> = {
  open: 'None',
  wpa2Personal: 'WPA2',
  wpa2Enterprise: 'WPA2',
  wpa3Personal: 'WPA3',
  wpa3Enterprise: 'WPA3',
};

/**
 * A com.apple.wifi.managed payload (com.apple.wifi.managed.yaml) and its companions: one
 * com.apple.security.root payload per trusted RADIUS root (referenced from
 * EAPClientConfiguration.PayloadCertificateAnchorUUID) and a com.apple.security.pkcs12 payload
 * for the EAP-TLS client identity (referenced by PayloadCertificateUUID). When the identity comes
 * from a SCEP profile the device enrols itself, no identity travels here and the user picks one.
 */
export function renderWifiPayloads(factory: PayloadFactory, wifi: RenderedWifi, name: string, packing: IdentityPacking): BuiltPayload[] {
  const companions: BuiltPayload[] = [];
  const keys: Record<string, PlistValue> = {
    SSID_STR: wifi.ssid,
    HIDDEN_NETWORK: wifi.hidden,
    AutoJoin: wifi.autoJoin,
    EncryptionType: ENCRYPTION[wifi.security],
  };
  if (wifi.passphrase !== undefined && (wifi.security === 'wpa2Personal' || wifi.security === 'wpa3Personal')) keys.Password = wifi.passphrase;
  if (wifi.eap !== undefined && (wifi.security === 'wpa2Enterprise' || wifi.security === 'wpa3Enterprise')) {
    const roots = rootCertificatePayloads(factory, 'wifi.root', wifi.eap.trustedRootsPem);
    companions.push(...roots);
    const eap: Record<string, PlistValue> = { AcceptEAPTypes: [EAP_TLS], UserName: wifi.eap.identity };
    if (wifi.eap.serverNames.length > 0) eap.TLSTrustedServerNames = [...wifi.eap.serverNames];
    if (roots.length > 0) eap.PayloadCertificateAnchorUUID = roots.map((r) => r.uuid);
    keys.EAPClientConfiguration = eap;
    if (wifi.eap.clientCertificate !== undefined) {
      const identity = identityPayload(factory, 'wifi.identity', `${name} identity`, wifi.eap.clientCertificate, packing);
      companions.push(identity);
      keys.PayloadCertificateUUID = identity.uuid;
    }
  }
  switch (wifi.proxy.type) {
    case 'none':
      break;
    case 'manual':
      Object.assign(keys, { ProxyType: 'Manual', ProxyServer: wifi.proxy.host, ProxyServerPort: wifi.proxy.port });
      break;
    case 'auto':
      Object.assign(keys, { ProxyType: 'Auto', ProxyPACURL: wifi.proxy.pacUrl });
      break;
  }
  return [factory.payload('wifi', 'com.apple.wifi.managed', name, keys), ...companions];
}
