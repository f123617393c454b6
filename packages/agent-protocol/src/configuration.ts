import { Type, type Static } from '@sinclair/typebox';

// The configuration part of the check-in: the server's desired profiles in the answer, the
// agent's reports of what it applied in the next request (docs/protocols/agent-v1.md).

/** Size limits the agent enforces on what it is asked to apply. */
export const configurationLimits = {
  /** Items handled per answer; the rest stay unreported, so the server offers them again next check-in. */
  itemsPerAnswer: 200,
  /** A report's `error` text, as the contract bounds it. */
  errorChars: 2000,
  /** Decoded bytes of one custom file. */
  customFileBytes: 1024 * 1024,
  /** One PEM block (certificate, chain or key). */
  pemChars: 64 * 1024,
  /** Certificates in one list of trusted roots. */
  trustedRoots: 16,
} as const;

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Pem = Text(configurationLimits.pemChars, 1);

/**
 * The hash reported when there is no version to name: removing a profile this device never held,
 * or an item that arrived without a usable hash. Reports always carry 64 hex digits.
 */
export const NO_HASH = '0'.repeat(64);

/** The kinds of configuration profile. */
export const profileKinds = ['settings', 'wifi', 'vpn', 'email', 'certificate', 'custom'] as const;
/** One of {@link profileKinds}. */
export type ProfileKind = (typeof profileKinds)[number];

/** Whether `value` names a profile kind this agent knows. */
export function isProfileKind(value: string): value is ProfileKind {
  return (profileKinds as readonly string[]).includes(value);
}

/**
 * One desired profile for the device. `kind` is a plain string on purpose: a kind this agent does
 * not know must still be reportable as failed rather than make the whole answer unreadable.
 */
export const ConfigurationItem = Type.Object({
  /** The profile id. */
  id: Text(128, 1),
  /** Hex SHA-256 of the canonical rendered item: what the agent reports back. */
  hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  name: Text(200),
  kind: Text(32, 1),
  payload: Type.Record(Type.String(), Type.Unknown()),
});
export type ConfigurationItem = Static<typeof ConfigurationItem>;

/** `configuration` in the check-in response: what to install and which applied ids to remove. */
export interface ConfigurationAnswer {
  readonly install: readonly unknown[];
  readonly remove: readonly unknown[];
}

const ApplyStatus = Type.Union([Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('notApplicable')]);

/** What happened to one setting of a settings profile. */
export const SettingReport = Type.Object(
  { id: Text(128, 1), status: ApplyStatus, error: Type.Optional(Text(configurationLimits.errorChars)) },
  { additionalProperties: false },
);
export type SettingReport = Static<typeof SettingReport>;

/**
 * What happened to one profile on the device. `error` is the device's own text: the reason for a
 * failure or for not applicable, and for a success whatever the administrator should know (how an
 * approximation was made, a generated public key).
 */
export const ConfigurationReport = Type.Object(
  {
    id: Text(128, 1),
    hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    status: Type.Union([Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('notApplicable'), Type.Literal('removed')]),
    error: Type.Optional(Text(configurationLimits.errorChars)),
    settings: Type.Optional(Type.Array(SettingReport, { maxItems: 64 })),
  },
  { additionalProperties: false },
);
export type ConfigurationReport = Static<typeof ConfigurationReport>;

/** `configuration` in the check-in request. */
export const ConfigurationReports = Type.Object({ reports: Type.Array(ConfigurationReport, { maxItems: 500 }) }, { additionalProperties: false });

/** `configuration` in the check-in response, as the server sends it. */
export const ConfigurationPlan = Type.Object({ install: Type.Array(ConfigurationItem), remove: Type.Array(Type.String()) });
export type ConfigurationPlan = Static<typeof ConfigurationPlan>;
export type ConfigurationReports = Static<typeof ConfigurationReports>;

// --- Rendered payloads, per kind (variables already substituted by the server) -----------------

/** `settings`: setting id → value, validated per setting against the catalog's types and ranges. */
export const SettingsPayload = Type.Object({
  settings: Type.Record(Text(128, 1), Type.Union([Type.Boolean(), Type.Number(), Text(256)]), { maxProperties: 64 }),
});
export type SettingsPayload = Static<typeof SettingsPayload>;

const ClientCertificate = Type.Object({ certificatePem: Pem, chainPem: Text(configurationLimits.pemChars * 4), privateKeyPem: Pem });

const Proxy = Type.Union([
  Type.Object({ type: Type.Literal('none') }),
  Type.Object({ type: Type.Literal('manual'), host: Text(253, 1), port: Type.Integer({ minimum: 1, maximum: 65_535 }) }),
  Type.Object({ type: Type.Literal('auto'), pacUrl: Text(2048, 1) }),
]);

/** `wifi`. */
export const WifiPayload = Type.Object({
  ssid: Text(32, 1),
  hidden: Type.Boolean(),
  autoJoin: Type.Boolean(),
  security: Type.Union([Type.Literal('open'), Type.Literal('wpa2Personal'), Type.Literal('wpa3Personal'), Type.Literal('wpa2Enterprise'), Type.Literal('wpa3Enterprise')]),
  passphrase: Type.Optional(Text(128, 1)),
  eap: Type.Optional(
    Type.Object({
      method: Type.Literal('tls'),
      identity: Text(253, 1),
      serverNames: Type.Array(Text(253, 1), { maxItems: 16 }),
      trustedRootsPem: Type.Array(Pem, { maxItems: configurationLimits.trustedRoots }),
      clientCertificate: Type.Optional(ClientCertificate),
    }),
  ),
  proxy: Proxy,
});
export type WifiPayload = Static<typeof WifiPayload>;

const OnDemand = Type.Object({
  enabled: Type.Boolean(),
  rules: Type.Array(
    Type.Object({
      action: Type.Union([Type.Literal('connect'), Type.Literal('disconnect'), Type.Literal('ignore')]),
      ssids: Type.Optional(Type.Array(Text(32, 1), { maxItems: 64 })),
      dnsDomains: Type.Optional(Type.Array(Text(253, 1), { maxItems: 64 })),
      interfaceType: Type.Optional(Type.Union([Type.Literal('wifi'), Type.Literal('ethernet'), Type.Literal('any')])),
    }),
    { maxItems: 32 },
  ),
});

const VpnCommon = { connectionName: Text(200, 1), onDemand: OnDemand };

/** `vpn` with `type: 'ikev2'`. */
export const Ikev2VpnPayload = Type.Object({
  ...VpnCommon,
  type: Type.Literal('ikev2'),
  server: Text(253, 1),
  remoteId: Text(255, 1),
  localId: Text(255, 1),
  authentication: Type.Union([
    Type.Object({
      method: Type.Literal('certificate'),
      certificatePem: Pem,
      chainPem: Text(configurationLimits.pemChars * 4),
      privateKeyPem: Pem,
      trustedRootsPem: Type.Array(Pem, { maxItems: configurationLimits.trustedRoots }),
    }),
    Type.Object({ method: Type.Literal('sharedSecret'), sharedSecret: Text(1024, 1) }),
  ]),
});
export type Ikev2VpnPayload = Static<typeof Ikev2VpnPayload>;

/** `vpn` with `type: 'wireguard'`. */
export const WireguardVpnPayload = Type.Object({
  ...VpnCommon,
  type: Type.Literal('wireguard'),
  interface: Type.Object({
    addresses: Type.Array(Text(64, 1), { maxItems: 16 }),
    dns: Type.Array(Text(64, 1), { maxItems: 16 }),
    privateKey: Type.Optional(Text(64, 1)),
    mtu: Type.Optional(Type.Integer({ minimum: 576, maximum: 65_535 })),
  }),
  peers: Type.Array(
    Type.Object({
      publicKey: Text(64, 1),
      presharedKey: Type.Optional(Text(64, 1)),
      endpoint: Text(300, 1),
      allowedIps: Type.Array(Text(64, 1), { maxItems: 256 }),
      persistentKeepaliveSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 65_535 })),
    }),
    { minItems: 1, maxItems: 64 },
  ),
});
export type WireguardVpnPayload = Static<typeof WireguardVpnPayload>;

/** `vpn`. */
export type VpnPayload = Ikev2VpnPayload | WireguardVpnPayload;

const MailServer = Type.Object({ host: Text(253, 1), port: Type.Integer({ minimum: 1, maximum: 65_535 }), ssl: Type.Boolean() });

/** `email`. */
export const EmailPayload = Type.Object({
  accountType: Type.Union([Type.Literal('exchange'), Type.Literal('imap')]),
  accountName: Text(200, 1),
  emailAddress: Text(320, 1),
  username: Text(320, 1),
  exchange: Type.Optional(Type.Object({ host: Text(253, 1), ssl: Type.Boolean() })),
  incoming: Type.Optional(MailServer),
  outgoing: Type.Optional(MailServer),
});
export type EmailPayload = Static<typeof EmailPayload>;

/** `certificate` with `type: 'trustedRoot'`. */
export const TrustedRootPayload = Type.Object({ type: Type.Literal('trustedRoot'), name: Text(200, 1), certificatePem: Pem });
/** `certificate` with `type: 'issued'`. */
export const IssuedCertificatePayload = Type.Object({
  type: Type.Literal('issued'),
  scope: Type.Union([Type.Literal('device'), Type.Literal('user')]),
  certificatePem: Pem,
  chainPem: Text(configurationLimits.pemChars * 4),
  privateKeyPem: Pem,
});
/** `certificate` with `type: 'scep'`. */
export const ScepPayload = Type.Object({
  type: Type.Literal('scep'),
  url: Text(2048, 1),
  challenge: Text(1024),
  subject: Text(1024, 1),
  keySize: Type.Integer({ minimum: 1024, maximum: 8192 }),
  keyUsage: Type.Array(Type.Union([Type.Literal('digitalSignature'), Type.Literal('keyEncipherment')]), { maxItems: 2 }),
});
/** `certificate`. */
export type CertificatePayload = Static<typeof TrustedRootPayload> | Static<typeof IssuedCertificatePayload> | Static<typeof ScepPayload>;

/** `custom` for Linux: one file, written exactly. */
export const LinuxFilePayload = Type.Object({
  platform: Type.Literal('linux'),
  format: Type.Literal('file'),
  path: Text(1024, 1),
  // Base64 of at most customFileBytes: 4 characters per 3 bytes, padded.
  contentBase64: Type.String({ maxLength: Math.ceil(configurationLimits.customFileBytes / 3) * 4 }),
  mode: Type.String({ pattern: '^0?[0-7]{3}$' }),
});
/** `custom` for macOS or Windows: a raw payload the Linux agent never applies. */
export const OtherPlatformCustomPayload = Type.Object({
  platform: Type.Union([Type.Literal('macos'), Type.Literal('windows')]),
  format: Type.Union([Type.Literal('mobileconfig'), Type.Literal('syncml')]),
  contentBase64: Type.String({ maxLength: Math.ceil(configurationLimits.customFileBytes / 3) * 4 }),
});
/** `custom`. */
export type CustomPayload = Static<typeof LinuxFilePayload> | Static<typeof OtherPlatformCustomPayload>;
