import { Type, type TUnsafe } from '@sinclair/typebox';
import {
  certificateTypes,
  emailAccountTypes,
  platforms,
  profileKinds,
  profileSorts,
  profileVariables,
  scepKeySizes,
  scepKeyUsages,
  vpnInterfaceTypes,
  vpnOnDemandActions,
  wifiSecurities,
  type ScepKeySize,
} from '@ward/core';
import { DateTime, List, Page, pageQuery, StringEnum } from './common.js';
import { SettingValue } from './policy-settings.js';

/** A secret as read back: always null. Whether one is stored is in the profile's `secretsSet`. */
const Secret = Type.Null({ description: 'Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret.' });

const variablesNote = `May use variables: ${profileVariables.map((v) => `{{${v}}}`).join(', ')}.`;

// ---------------------------------------------------------------------------------------------
// Bodies as read back. Each alternative requires the fields that tell it from the others, so the
// serializer (which picks the first alternative a value matches) always picks the right one.
// ---------------------------------------------------------------------------------------------

const SettingsBody = Type.Object(
  { settings: Type.Record(Type.String(), SettingValue, { description: 'Values by setting id (see `GET /settings`).' }) },
  { title: 'SettingsBody', description: 'kind `settings`.' },
);

const WifiProxy = Type.Union([
  Type.Object({ type: Type.Literal('none') }),
  Type.Object({ type: Type.Literal('manual'), host: Type.String(), port: Type.Integer() }),
  Type.Object({ type: Type.Literal('auto'), pacUrl: Type.String() }),
]);

const WifiBody = Type.Object(
  {
    ssid: Type.String({ description: '1 to 32 bytes of UTF-8.' }),
    hidden: Type.Boolean(),
    autoJoin: Type.Boolean(),
    security: StringEnum(wifiSecurities),
    passphrase: Type.Optional(Secret),
    eap: Type.Optional(
      Type.Object({
        method: Type.Literal('tls'),
        identity: Type.String({ description: `The outer identity. ${variablesNote}` }),
        serverNames: List(Type.String()),
        trustedRootProfileIds: List(Type.String(), { description: 'Certificate profiles (trustedRoot) that validate the RADIUS server.' }),
        clientCertificateProfileId: Type.String({ description: 'A certificate profile (issued or scep) that gives the device its client certificate.' }),
      }),
    ),
    proxy: WifiProxy,
  },
  { title: 'WifiBody', description: 'kind `wifi`.' },
);

const OnDemand = Type.Object({
  enabled: Type.Boolean(),
  rules: List(
    Type.Object({
      action: StringEnum(vpnOnDemandActions),
      ssids: Type.Optional(List(Type.String())),
      dnsDomains: Type.Optional(List(Type.String())),
      interfaceType: Type.Optional(StringEnum(vpnInterfaceTypes)),
    }),
    { description: 'The first rule whose conditions all hold decides.' },
  ),
});

const IkeV2Body = Type.Object({
  connectionName: Type.String(),
  onDemand: OnDemand,
  type: Type.Literal('ikev2'),
  server: Type.String(),
  remoteId: Type.String(),
  localId: Type.String({ description: variablesNote }),
  authentication: Type.Union([
    Type.Object({ method: Type.Literal('certificate'), certificateProfileId: Type.String(), trustedRootProfileIds: List(Type.String()) }),
    Type.Object({ method: Type.Literal('sharedSecret'), sharedSecret: Secret }),
  ]),
});

const WireGuardBody = Type.Object({
  connectionName: Type.String(),
  onDemand: OnDemand,
  type: Type.Literal('wireguard'),
  interface: Type.Object({
    addresses: List(Type.String()),
    dns: List(Type.String()),
    privateKey: Type.Optional(Secret),
    mtu: Type.Optional(Type.Integer()),
  }, { description: 'Without a private key each device generates and keeps its own.' }),
  peers: List(
    Type.Object({
      publicKey: Type.String(),
      presharedKey: Type.Optional(Secret),
      endpoint: Type.String(),
      allowedIps: List(Type.String()),
      persistentKeepaliveSeconds: Type.Optional(Type.Integer()),
    }),
  ),
});

const VpnBody = Type.Union([IkeV2Body, WireGuardBody], { title: 'VpnBody', description: 'kind `vpn`: IKEv2 or WireGuard.' });

const MailServer = Type.Object({ host: Type.String(), port: Type.Integer(), ssl: Type.Boolean() });

const EmailBody = Type.Object(
  {
    accountType: StringEnum(emailAccountTypes),
    accountName: Type.String(),
    emailAddress: Type.String({ description: variablesNote }),
    username: Type.String({ description: variablesNote }),
    exchange: Type.Optional(Type.Object({ host: Type.String(), ssl: Type.Boolean() })),
    incoming: Type.Optional(MailServer),
    outgoing: Type.Optional(MailServer),
  },
  { title: 'EmailBody', description: 'kind `email`: Exchange ActiveSync, or IMAP with SMTP.' },
);

const KeySize: TUnsafe<ScepKeySize> = Type.Unsafe<ScepKeySize>({ type: 'integer', enum: [...scepKeySizes] });

const CertificateBody = Type.Union(
  [
    Type.Object({ type: Type.Literal(certificateTypes[0]), name: Type.String(), certificatePem: Type.String() }),
    Type.Object({ type: Type.Literal(certificateTypes[1]), scope: StringEnum(['device', 'user'] as const), subject: Type.String({ description: variablesNote }), validityDays: Type.Integer() }),
    Type.Object({
      type: Type.Literal(certificateTypes[2]),
      url: Type.String(),
      challenge: Secret,
      subject: Type.String({ description: variablesNote }),
      keySize: KeySize,
      keyUsage: List(StringEnum(scepKeyUsages)),
    }),
  ],
  { title: 'CertificateBody', description: "kind `certificate`: a trusted root, a certificate Ward's CA issues, or one fetched from a SCEP server." },
);

const CustomBody = Type.Union(
  [
    Type.Object({ platform: Type.Literal('linux'), format: Type.Literal('file'), path: Type.String(), contentBase64: Type.String(), mode: Type.String({ description: 'Octal, such as 0644.' }) }),
    Type.Object({ platform: Type.Literal('macos'), format: Type.Literal('mobileconfig'), contentBase64: Type.String() }),
    Type.Object({ platform: Type.Literal('windows'), format: Type.Literal('syncml'), contentBase64: Type.String() }),
  ],
  { title: 'CustomBody', description: 'kind `custom`: a raw platform payload.' },
);

/** A configuration profile as the API shows it: secrets null, `secretsSet` naming those stored. */
export const Profile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  platforms: List(StringEnum(platforms), { description: 'Platforms the profile is meant for; elsewhere it is not applicable.' }),
  kind: StringEnum(profileKinds),
  body: Type.Union([SettingsBody, WifiBody, VpnBody, EmailBody, CertificateBody, CustomBody], { description: 'The body of the profile\'s kind.' }),
  secretsSet: List(Type.String(), { description: 'Paths of the secrets that are stored (`passphrase`, `peers[<publicKey>].presharedKey`, …).' }),
  version: Type.Integer({ description: '1 on create, +1 on every update; send it back as `expectedVersion` to update safely.' }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

/** A page of profiles. */
export const ProfilePage = Page(Profile);

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** The examples shown for a profile's `body`, one per kind. */
const bodyExamples = [
  { settings: { 'passcode.required': true, 'passcode.minimumLength': 8, 'screenLock.timeoutSeconds': 300 } },
  { ssid: 'Corp', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: 'correct horse battery', proxy: { type: 'none' } },
  {
    connectionName: 'Corp VPN',
    onDemand: { enabled: false, rules: [] },
    type: 'wireguard',
    interface: { addresses: ['10.8.0.2/32'], dns: ['10.8.0.1'] },
    peers: [{ publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', endpoint: 'vpn.example.com:51820', allowedIps: ['10.0.0.0/8'] }],
  },
  { accountType: 'imap', accountName: 'Work mail', emailAddress: '{{user.email}}', username: '{{user.upn}}', incoming: { host: 'imap.example.com', port: 993, ssl: true }, outgoing: { host: 'smtp.example.com', port: 587, ssl: true } },
  { type: 'trustedRoot', name: 'Corp root', certificatePem: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n' },
  { platform: 'linux', format: 'file', path: '/etc/example.conf', contentBase64: 'a2V5PXZhbHVlCg==', mode: '0644' },
];

// The body is checked field by field by core's validator (the one the CLI and policy files use),
// which names the failing field and answers with the domain's codes (SETTING_UNKNOWN,
// SETTING_VALUE_INVALID, PROFILE_INVALID…). Its shape per kind is that of `Profile.body`.
const bodyInput = Type.Unknown({
  description:
    "The body of the profile's kind, as in `Profile.body` (settings, wifi, vpn, email, certificate, custom). Secrets are given as text; on update, null keeps the stored one. Checked by the settings catalog and the kind's rules.",
  examples: bodyExamples,
});

const profileInputFields = {
  name: Type.String({ description: 'Unique within the tenant, compared case-insensitively; at most 128 characters.' }),
  description: Type.Optional(Type.String({ description: 'At most 2000 characters.' })),
  platforms: Type.Optional(List(StringEnum(platforms), { minItems: 1, description: 'Defaults to every platform the content can reach.' })),
  kind: StringEnum(profileKinds),
  body: bodyInput,
};

/** The body of `POST /profiles`. */
export const CreateProfileBody = Type.Object(profileInputFields, { additionalProperties: false });

/** The body of `PUT /profiles/:id`: the whole definition (its kind cannot change). */
export const ReplaceProfileBody = Type.Object(
  {
    ...profileInputFields,
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you edited; another stored version is PROFILE_VERSION_CONFLICT.' })),
  },
  { additionalProperties: false },
);

/** The query of `GET /profiles`. */
export const ListProfilesQuery = Type.Object(
  {
    ...pageQuery(profileSorts, 'name'),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the name.' })),
    kind: Type.Optional(StringEnum(profileKinds)),
    platform: Type.Optional(StringEnum(platforms, { description: 'Profiles meant for this platform.' })),
  },
  { additionalProperties: false },
);
