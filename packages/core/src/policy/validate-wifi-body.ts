import { bool, distinct, integer, invalid, list, objectAt, oneOf, text, textValue, utf8Length } from './field-reader.js';
import { wifiSecurities, type ProfileId, type WifiBody, type WifiEap, type WifiProxy } from './model.js';
import { isDnsPattern, isHost, isHttpsUrl } from './wire-formats.js';

const personal = new Set(['wpa2Personal', 'wpa3Personal']);
const enterprise = new Set(['wpa2Enterprise', 'wpa3Enterprise']);

/**
 * A Wi-Fi body. The SSID is 1–32 bytes (IEEE 802.11); a personal network needs a passphrase of
 * 8–63 printable ASCII characters or 64 hex digits (IEEE 802.11i); an enterprise network needs EAP-TLS
 * settings; an open one carries neither. `passphrase: null` keeps the stored one (see model).
 */
export function validateWifiBody(value: unknown, path: string): WifiBody<string | null> {
  const body = objectAt(value, path, ['ssid', 'hidden', 'autoJoin', 'security', 'passphrase', 'eap', 'proxy']);
  const ssid = text(body, 'ssid', path, { max: 32, raw: true });
  if (utf8Length(ssid) > 32) invalid(`${path}.ssid`, 'must be at most 32 bytes of UTF-8');
  const security = oneOf(body, 'security', path, wifiSecurities);
  const hidden = bool(body, 'hidden', path, false);
  const autoJoin = bool(body, 'autoJoin', path, true);
  const proxy = body.proxy === undefined ? ({ type: 'none' } as const) : validateProxy(body.proxy, `${path}.proxy`);
  const base = { ssid, hidden, autoJoin, security, proxy };
  if (personal.has(security)) {
    if (body.eap !== undefined) invalid(`${path}.eap`, `is for enterprise networks; ${security} uses a passphrase`);
    if (body.passphrase === undefined) invalid(`${path}.passphrase`, `is required for ${security}`);
    return { ...base, passphrase: body.passphrase === null ? null : validatePassphrase(body.passphrase, `${path}.passphrase`) };
  }
  if (body.passphrase !== undefined && body.passphrase !== null) invalid(`${path}.passphrase`, `is only for personal networks, not ${security}`);
  if (enterprise.has(security)) {
    if (body.eap === undefined) invalid(`${path}.eap`, `is required for ${security}`);
    return { ...base, eap: validateEap(body.eap, `${path}.eap`) };
  }
  if (body.eap !== undefined) invalid(`${path}.eap`, 'is for enterprise networks, not open ones');
  return base;
}

/** A WPA passphrase: 8–63 printable ASCII characters, or a 64-hex-digit pre-shared key. */
export function validatePassphrase(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'must be a string');
  if (/^[0-9A-Fa-f]{64}$/.test(value)) return value;
  if (value.length < 8 || value.length > 63) invalid(path, 'must have 8 to 63 characters, or be 64 hex digits');
  if (!/^[\x20-\x7e]+$/.test(value)) invalid(path, 'must use printable ASCII characters only');
  return value;
}

function validateEap(value: unknown, path: string): WifiEap {
  const eap = objectAt(value, path, ['method', 'identity', 'serverNames', 'trustedRootProfileIds', 'clientCertificateProfileId']);
  oneOf(eap, 'method', path, ['tls'] as const);
  const identity = text(eap, 'identity', path, { max: 253, template: true });
  const serverNames = list(eap, 'serverNames', path, { min: 1, max: 16 }, (v, p) => textValue(v, p, { max: 253, pattern: isDnsPattern, patternHint: 'a DNS name such as radius.example.com or *.example.com' }));
  distinct(serverNames, `${path}.serverNames`);
  const trustedRootProfileIds = list(eap, 'trustedRootProfileIds', path, { min: 1, max: 8 }, (v, p) => profileIdValue(v, p));
  distinct(trustedRootProfileIds, `${path}.trustedRootProfileIds`);
  const clientCertificateProfileId = profileIdValue(eap.clientCertificateProfileId, `${path}.clientCertificateProfileId`);
  return { method: 'tls', identity, serverNames, trustedRootProfileIds, clientCertificateProfileId };
}

function validateProxy(value: unknown, path: string): WifiProxy {
  const kind = objectAt(value, path, ['type', 'host', 'port', 'pacUrl']);
  const type = oneOf(kind, 'type', path, ['none', 'manual', 'auto'] as const);
  const only = (allowed: readonly string[]): void => {
    for (const key of ['host', 'port', 'pacUrl']) if (!allowed.includes(key) && kind[key] !== undefined) invalid(`${path}.${key}`, `does not belong to a ${type} proxy`);
  };
  switch (type) {
    case 'none':
      only([]);
      return { type };
    case 'manual':
      only(['host', 'port']);
      return { type, host: text(kind, 'host', path, { max: 253, pattern: isHost, patternHint: 'a host name or IP address' }), port: integer(kind, 'port', path, 1, 65535) };
    case 'auto':
      only(['pacUrl']);
      return { type, pacUrl: text(kind, 'pacUrl', path, { max: 2048, pattern: isHttpsUrl, patternHint: 'an https URL' }) };
  }
}

/** A reference to another profile by id. */
export function profileIdValue(value: unknown, path: string): ProfileId {
  return textValue(value, path, { max: 64, pattern: /^[A-Za-z0-9-]+$/, patternHint: 'a profile id' }) as ProfileId;
}
