import type { Profile, ProfileKind } from '../../api/types';

/**
 * A secret in a form. The API never reads secrets back: `stored` says one is kept on the server
 * (the profile's `secretsSet`), and an empty `value` then keeps it (sent as null). Typing a value
 * replaces it.
 */
export interface SecretDraft {
  readonly stored: boolean;
  readonly value: string;
}

/** A setting value as typed: numbers may be mid-edit text until they are sent. */
export type SettingDraftValue = boolean | number | string;

export interface SettingsDraft {
  readonly kind: 'settings';
  /** The settings the profile configures, by id; a setting absent here is left as the device has it. */
  readonly values: Readonly<Record<string, SettingDraftValue>>;
}

export const wifiSecurities = ['open', 'wpa2Personal', 'wpa3Personal', 'wpa2Enterprise', 'wpa3Enterprise'] as const;
export type WifiSecurity = (typeof wifiSecurities)[number];

export interface WifiDraft {
  readonly kind: 'wifi';
  readonly ssid: string;
  readonly hidden: boolean;
  readonly autoJoin: boolean;
  readonly security: WifiSecurity;
  readonly passphrase: SecretDraft;
  readonly eapIdentity: string;
  /** One per line. */
  readonly eapServerNames: string;
  readonly eapTrustedRootProfileIds: readonly string[];
  readonly eapClientCertificateProfileId: string | null;
  readonly proxy: 'none' | 'manual' | 'auto';
  readonly proxyHost: string;
  readonly proxyPort: number | string;
  readonly proxyPacUrl: string;
}

export const onDemandActions = ['connect', 'disconnect', 'ignore'] as const;
export const interfaceTypes = ['any', 'wifi', 'ethernet'] as const;

export interface OnDemandRuleDraft {
  readonly action: (typeof onDemandActions)[number];
  /** One per line; empty for any. */
  readonly ssids: string;
  readonly dnsDomains: string;
  readonly interfaceType: (typeof interfaceTypes)[number];
}

export interface PeerDraft {
  readonly publicKey: string;
  readonly presharedKey: SecretDraft;
  readonly endpoint: string;
  readonly allowedIps: string;
  readonly keepalive: number | string;
}

export interface VpnDraft {
  readonly kind: 'vpn';
  readonly connectionName: string;
  readonly type: 'ikev2' | 'wireguard';
  readonly onDemandEnabled: boolean;
  readonly onDemandRules: readonly OnDemandRuleDraft[];
  readonly server: string;
  readonly remoteId: string;
  readonly localId: string;
  readonly authMethod: 'certificate' | 'sharedSecret';
  readonly certificateProfileId: string | null;
  readonly trustedRootProfileIds: readonly string[];
  readonly sharedSecret: SecretDraft;
  readonly addresses: string;
  readonly dns: string;
  readonly privateKey: SecretDraft;
  readonly mtu: number | string;
  readonly peers: readonly PeerDraft[];
}

export interface MailServerDraft {
  readonly host: string;
  readonly port: number | string;
  readonly ssl: boolean;
}

export interface EmailDraft {
  readonly kind: 'email';
  readonly accountType: 'exchange' | 'imap';
  readonly accountName: string;
  readonly emailAddress: string;
  readonly username: string;
  readonly exchangeHost: string;
  readonly exchangeSsl: boolean;
  readonly incoming: MailServerDraft;
  readonly outgoing: MailServerDraft;
}

export const keyUsages = ['digitalSignature', 'keyEncipherment'] as const;

export interface CertificateDraft {
  readonly kind: 'certificate';
  readonly type: 'trustedRoot' | 'issued' | 'scep';
  readonly name: string;
  readonly certificatePem: string;
  readonly scope: 'device' | 'user';
  readonly subject: string;
  readonly validityDays: number | string;
  readonly url: string;
  readonly challenge: SecretDraft;
  readonly keySize: '2048' | '3072' | '4096';
  readonly keyUsage: readonly (typeof keyUsages)[number][];
}

export interface CustomDraft {
  readonly kind: 'custom';
  readonly platform: 'linux' | 'macos' | 'windows';
  readonly path: string;
  readonly mode: string;
  /** The payload as text when it is UTF-8; null when it is binary (then `base64` is kept as it is). */
  readonly text: string | null;
  readonly base64: string;
}

/** A profile's body as its form edits it. */
export type ProfileDraft = SettingsDraft | WifiDraft | VpnDraft | EmailDraft | CertificateDraft | CustomDraft;

const noSecret: SecretDraft = { stored: false, value: '' };

/** An empty draft of a kind, with the values most profiles start from. */
export function emptyDraft<K extends ProfileKind>(kind: K): Extract<ProfileDraft, { readonly kind: K }>;
export function emptyDraft(kind: ProfileKind): ProfileDraft {
  switch (kind) {
    case 'settings':
      return { kind, values: {} };
    case 'wifi':
      return { kind, ssid: '', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: noSecret, eapIdentity: '{{user.email}}', eapServerNames: '', eapTrustedRootProfileIds: [], eapClientCertificateProfileId: null, proxy: 'none', proxyHost: '', proxyPort: 8080, proxyPacUrl: '' };
    case 'vpn':
      return { kind, connectionName: '', type: 'wireguard', onDemandEnabled: false, onDemandRules: [], server: '', remoteId: '', localId: '{{user.email}}', authMethod: 'certificate', certificateProfileId: null, trustedRootProfileIds: [], sharedSecret: noSecret, addresses: '', dns: '', privateKey: noSecret, mtu: '', peers: [{ publicKey: '', presharedKey: noSecret, endpoint: '', allowedIps: '0.0.0.0/0', keepalive: '' }] };
    case 'email':
      return { kind, accountType: 'imap', accountName: 'Work mail', emailAddress: '{{user.email}}', username: '{{user.upn}}', exchangeHost: '', exchangeSsl: true, incoming: { host: '', port: 993, ssl: true }, outgoing: { host: '', port: 587, ssl: true } };
    case 'certificate':
      return { kind, type: 'trustedRoot', name: '', certificatePem: '', scope: 'device', subject: 'CN={{device.serial}}', validityDays: 365, url: '', challenge: noSecret, keySize: '2048', keyUsage: ['digitalSignature', 'keyEncipherment'] };
    case 'custom':
      return { kind, platform: 'linux', path: '', mode: '0644', text: '', base64: '' };
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a stored profile into a draft. The body arrives typed as the union of every kind's body;
// the profile's `kind` says which it is, and these readers take what that kind has, defensively.
// ---------------------------------------------------------------------------------------------

type Fields = Readonly<Record<string, unknown>>;

function fields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}
function str(record: Fields, key: string, fallback = ''): string {
  const v = record[key];
  return typeof v === 'string' ? v : fallback;
}
function num(record: Fields, key: string): number | string {
  const v = record[key];
  return typeof v === 'number' ? v : '';
}
function bool(record: Fields, key: string, fallback: boolean): boolean {
  const v = record[key];
  return typeof v === 'boolean' ? v : fallback;
}
function strings(record: Fields, key: string): string[] {
  const v = record[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}
const lines = (list: readonly string[]): string => list.join('\n');

/** The payload text of base64 content when it is UTF-8, else null. */
export function decodeText(base64: string): string | null {
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Text as standard padded base64 of its UTF-8 bytes. */
export function encodeText(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * What a draft is read from: a stored profile. The body is taken as unknown: the client's answer
 * types drop the null-only (write-only secret) fields, and the kind says what the body holds.
 */
export type StoredProfile = Pick<Profile, 'id' | 'name' | 'description' | 'platforms' | 'kind' | 'version'> & { readonly body: unknown; readonly secretsSet: readonly string[] };

/** The draft of a stored profile; its secrets are marked stored, never shown. */
export function draftOf(profile: StoredProfile): ProfileDraft {
  const body = fields(profile.body);
  const stored = (path: string): SecretDraft => ({ stored: profile.secretsSet.includes(path), value: '' });
  const empty = emptyDraft(profile.kind);
  switch (empty.kind) {
    case 'settings': {
      const values: Record<string, SettingDraftValue> = {};
      for (const [id, v] of Object.entries(fields(body.settings))) if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') values[id] = v;
      return { kind: 'settings', values };
    }
    case 'wifi': {
      const eap = fields(body.eap);
      const proxy = fields(body.proxy);
      return {
        ...empty,
        ssid: str(body, 'ssid'),
        hidden: bool(body, 'hidden', false),
        autoJoin: bool(body, 'autoJoin', true),
        security: oneOf(wifiSecurities, body.security, 'wpa2Personal'),
        passphrase: stored('passphrase'),
        eapIdentity: str(eap, 'identity', empty.eapIdentity),
        eapServerNames: lines(strings(eap, 'serverNames')),
        eapTrustedRootProfileIds: strings(eap, 'trustedRootProfileIds'),
        eapClientCertificateProfileId: str(eap, 'clientCertificateProfileId') || null,
        proxy: oneOf(['none', 'manual', 'auto'] as const, proxy.type, 'none'),
        proxyHost: str(proxy, 'host'),
        proxyPort: num(proxy, 'port') === '' ? empty.proxyPort : num(proxy, 'port'),
        proxyPacUrl: str(proxy, 'pacUrl'),
      };
    }
    case 'vpn': {
      const onDemand = fields(body.onDemand);
      const auth = fields(body.authentication);
      const iface = fields(body.interface);
      const rules = Array.isArray(onDemand.rules) ? onDemand.rules.map(fields) : [];
      const peers = Array.isArray(body.peers) ? body.peers.map(fields) : [];
      return {
        ...empty,
        connectionName: str(body, 'connectionName'),
        type: oneOf(['ikev2', 'wireguard'] as const, body.type, 'wireguard'),
        onDemandEnabled: bool(onDemand, 'enabled', false),
        onDemandRules: rules.map((r) => ({ action: oneOf(onDemandActions, r.action, 'connect'), ssids: lines(strings(r, 'ssids')), dnsDomains: lines(strings(r, 'dnsDomains')), interfaceType: oneOf(interfaceTypes, r.interfaceType, 'any') })),
        server: str(body, 'server'),
        remoteId: str(body, 'remoteId'),
        localId: str(body, 'localId', empty.localId),
        authMethod: oneOf(['certificate', 'sharedSecret'] as const, auth.method, 'certificate'),
        certificateProfileId: str(auth, 'certificateProfileId') || null,
        trustedRootProfileIds: strings(auth, 'trustedRootProfileIds'),
        sharedSecret: stored('authentication.sharedSecret'),
        addresses: lines(strings(iface, 'addresses')),
        dns: lines(strings(iface, 'dns')),
        privateKey: stored('interface.privateKey'),
        mtu: num(iface, 'mtu'),
        peers: peers.map((p) => ({ publicKey: str(p, 'publicKey'), presharedKey: stored(`peers[${str(p, 'publicKey')}].presharedKey`), endpoint: str(p, 'endpoint'), allowedIps: lines(strings(p, 'allowedIps')), keepalive: num(p, 'persistentKeepaliveSeconds') })),
      };
    }
    case 'email': {
      const exchange = fields(body.exchange);
      const server = (value: unknown, fallback: MailServerDraft): MailServerDraft => {
        const s = fields(value);
        return { host: str(s, 'host'), port: num(s, 'port') === '' ? fallback.port : num(s, 'port'), ssl: bool(s, 'ssl', true) };
      };
      return {
        ...empty,
        accountType: oneOf(['exchange', 'imap'] as const, body.accountType, 'imap'),
        accountName: str(body, 'accountName'),
        emailAddress: str(body, 'emailAddress'),
        username: str(body, 'username'),
        exchangeHost: str(exchange, 'host'),
        exchangeSsl: bool(exchange, 'ssl', true),
        incoming: server(body.incoming, empty.incoming),
        outgoing: server(body.outgoing, empty.outgoing),
      };
    }
    case 'certificate': {
      const keySize = body.keySize;
      return {
        ...empty,
        type: oneOf(['trustedRoot', 'issued', 'scep'] as const, body.type, 'trustedRoot'),
        name: str(body, 'name'),
        certificatePem: str(body, 'certificatePem'),
        scope: oneOf(['device', 'user'] as const, body.scope, 'device'),
        subject: str(body, 'subject', empty.subject),
        validityDays: num(body, 'validityDays') === '' ? empty.validityDays : num(body, 'validityDays'),
        url: str(body, 'url'),
        challenge: stored('challenge'),
        keySize: keySize === 3072 ? '3072' : keySize === 4096 ? '4096' : '2048',
        keyUsage: strings(body, 'keyUsage').filter((u): u is (typeof keyUsages)[number] => (keyUsages as readonly string[]).includes(u)),
      };
    }
    case 'custom': {
      const base64 = str(body, 'contentBase64');
      return { ...empty, platform: oneOf(['linux', 'macos', 'windows'] as const, body.platform, 'linux'), path: str(body, 'path'), mode: str(body, 'mode', '0644'), text: decodeText(base64), base64 };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing a draft as the body the API takes. No checks here beyond shape: the server validates
// every value against the catalog and the kind's rules, and its error names the field.
// ---------------------------------------------------------------------------------------------

/** A list typed one per line (or comma-separated), blanks dropped. */
export function listOf(text: string): string[] {
  return text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== '');
}

/** A number field: a number when it is one, the text otherwise (the server says what is wrong with it). */
function numberOf(value: number | string): number | string {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** Required secret: the new value, or null to keep the stored one (or '' when none is stored, which the server refuses by name). */
function secret(s: SecretDraft): string | null {
  return s.value !== '' ? s.value : s.stored ? null : '';
}

/** Optional secret: present only when typed or stored. */
function optionalSecret(key: string, s: SecretDraft): Record<string, string | null> {
  return s.value !== '' ? { [key]: s.value } : s.stored ? { [key]: null } : {};
}

const given = (key: string, value: number | string): Record<string, number | string> => (value === '' ? {} : { [key]: numberOf(value) });

/** The API body of a draft. */
export function bodyOf(draft: ProfileDraft): unknown {
  switch (draft.kind) {
    case 'settings':
      return { settings: { ...draft.values } };
    case 'wifi': {
      const personal = draft.security === 'wpa2Personal' || draft.security === 'wpa3Personal';
      const enterprise = draft.security === 'wpa2Enterprise' || draft.security === 'wpa3Enterprise';
      const proxy = draft.proxy === 'manual' ? { type: 'manual', host: draft.proxyHost, port: numberOf(draft.proxyPort) } : draft.proxy === 'auto' ? { type: 'auto', pacUrl: draft.proxyPacUrl } : { type: 'none' };
      return {
        ssid: draft.ssid,
        hidden: draft.hidden,
        autoJoin: draft.autoJoin,
        security: draft.security,
        ...(personal ? { passphrase: secret(draft.passphrase) } : {}),
        ...(enterprise
          ? { eap: { method: 'tls', identity: draft.eapIdentity, serverNames: listOf(draft.eapServerNames), trustedRootProfileIds: [...draft.eapTrustedRootProfileIds], clientCertificateProfileId: draft.eapClientCertificateProfileId ?? '' } }
          : {}),
        proxy,
      };
    }
    case 'vpn': {
      const onDemand = {
        enabled: draft.onDemandEnabled,
        rules: draft.onDemandRules.map((r) => ({
          action: r.action,
          ...(listOf(r.ssids).length > 0 ? { ssids: listOf(r.ssids) } : {}),
          ...(listOf(r.dnsDomains).length > 0 ? { dnsDomains: listOf(r.dnsDomains) } : {}),
          ...(r.interfaceType === 'any' ? {} : { interfaceType: r.interfaceType }),
        })),
      };
      if (draft.type === 'ikev2') {
        const authentication = draft.authMethod === 'certificate'
          ? { method: 'certificate', certificateProfileId: draft.certificateProfileId ?? '', trustedRootProfileIds: [...draft.trustedRootProfileIds] }
          : { method: 'sharedSecret', sharedSecret: secret(draft.sharedSecret) };
        return { connectionName: draft.connectionName, onDemand, type: 'ikev2', server: draft.server, remoteId: draft.remoteId, localId: draft.localId, authentication };
      }
      return {
        connectionName: draft.connectionName,
        onDemand,
        type: 'wireguard',
        interface: { addresses: listOf(draft.addresses), dns: listOf(draft.dns), ...optionalSecret('privateKey', draft.privateKey), ...given('mtu', draft.mtu) },
        peers: draft.peers.map((p) => ({ publicKey: p.publicKey.trim(), ...optionalSecret('presharedKey', p.presharedKey), endpoint: p.endpoint, allowedIps: listOf(p.allowedIps), ...given('persistentKeepaliveSeconds', p.keepalive) })),
      };
    }
    case 'email': {
      const server = (s: MailServerDraft) => ({ host: s.host, port: numberOf(s.port), ssl: s.ssl });
      return {
        accountType: draft.accountType,
        accountName: draft.accountName,
        emailAddress: draft.emailAddress,
        username: draft.username,
        ...(draft.accountType === 'exchange' ? { exchange: { host: draft.exchangeHost, ssl: draft.exchangeSsl } } : { incoming: server(draft.incoming), outgoing: server(draft.outgoing) }),
      };
    }
    case 'certificate':
      switch (draft.type) {
        case 'trustedRoot': return { type: 'trustedRoot', name: draft.name, certificatePem: draft.certificatePem };
        case 'issued': return { type: 'issued', scope: draft.scope, subject: draft.subject, validityDays: numberOf(draft.validityDays) };
        case 'scep': return { type: 'scep', url: draft.url, challenge: secret(draft.challenge), subject: draft.subject, keySize: Number(draft.keySize), keyUsage: [...draft.keyUsage] };
      }
      break;
    case 'custom': {
      const contentBase64 = draft.text === null ? draft.base64 : encodeText(draft.text);
      if (draft.platform === 'linux') return { platform: 'linux', format: 'file', path: draft.path, contentBase64, mode: draft.mode };
      return draft.platform === 'macos' ? { platform: 'macos', format: 'mobileconfig', contentBase64 } : { platform: 'windows', format: 'syncml', contentBase64 };
    }
  }
  return undefined;
}
