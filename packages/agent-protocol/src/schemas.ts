import { Type, type Static } from '@sinclair/typebox';
import { AppPlan, AppReports } from './apps.js';
import { ConfigurationPlan, ConfigurationReports } from './configuration.js';
import { protocolLimits } from './limits.js';

const Text = (max: number) => Type.String({ maxLength: max });
const Platform = Type.Union([Type.Literal('linux'), Type.Literal('macos'), Type.Literal('windows')]);

/** Normalised facts the agent reports; every one is optional so a check-in can send a delta. */
export const AgentFacts = Type.Object(
  {
    osVersion: Type.Optional(Text(64)),
    osBuild: Type.Optional(Text(64)),
    encrypted: Type.Optional(Type.Boolean()),
    passcodeSet: Type.Optional(Type.Boolean()),
    firewallOn: Type.Optional(Type.Boolean()),
    screenLockSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 * 7 })),
    secureBoot: Type.Optional(Type.Boolean()),
    totalStorageBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    freeStorageBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    memoryBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    agentVersion: Type.Optional(Text(32)),
  },
  { additionalProperties: false },
);
export type AgentFacts = Static<typeof AgentFacts>;

/** One installed package or program. */
export const SoftwareEntry = Type.Object(
  { name: Text(256), version: Text(128), source: Text(32) },
  { additionalProperties: false },
);
export type SoftwareEntry = Static<typeof SoftwareEntry>;

/** What the agent says about its machine when it enrolls. */
export const EnrollDevice = Type.Object(
  {
    /** The OS's stable machine id (/etc/machine-id, IOPlatformUUID, MachineGuid); re-enrolling the same machine replaces its identity. */
    hardwareId: Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    platform: Platform,
    osVersion: Type.String({ minLength: 1, maxLength: 64 }),
    serialNumber: Type.Optional(Text(128)),
    model: Type.Optional(Text(200)),
    manufacturer: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);
export type EnrollDevice = Static<typeof EnrollDevice>;

/** `POST /agent/v1/enroll`: an enrollment token and a CSR for the device key. */
export const EnrollRequest = Type.Object(
  {
    protocolVersion: Type.Literal(1),
    enrollmentToken: Type.String({ minLength: 1, maxLength: 200 }),
    csrPem: Type.String({ minLength: 1, maxLength: 16 * 1024 }),
    device: EnrollDevice,
  },
  { additionalProperties: false },
);
export type EnrollRequest = Static<typeof EnrollRequest>;

/** The device's identity, the CA to pin, and how to behave. */
export const EnrollResponse = Type.Object({
  deviceId: Type.String(),
  certificatePem: Type.String(),
  /** Issuing CA then root: what the agent presents with its certificate. */
  chainPem: Type.String(),
  /** The root the agent pins to verify the server and signed commands. */
  rootCertificatePem: Type.String(),
  /** PEM of the public key that signs script commands. */
  commandSigningKeyPem: Type.String(),
  checkInIntervalSeconds: Type.Integer(),
  serverTime: Type.String({ format: 'date-time' }),
});
export type EnrollResponse = Static<typeof EnrollResponse>;

/** What happened to one command on the device. */
export const CommandResult = Type.Object(
  {
    commandId: Type.String({ minLength: 1, maxLength: 64 }),
    status: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]),
    exitCode: Type.Optional(Type.Integer()),
    output: Type.Optional(Text(protocolLimits.commandOutputBytes)),
    outputTruncated: Type.Optional(Type.Boolean()),
    error: Type.Optional(Text(2000)),
    finishedAt: Type.String({ format: 'date-time', maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type CommandResult = Static<typeof CommandResult>;

/** `POST /agent/v1/check-in`: changed facts, optional inventory, results; answered with commands. */
export const CheckInRequest = Type.Object(
  {
    protocolVersion: Type.Literal(1),
    agentVersion: Text(32),
    facts: Type.Optional(AgentFacts),
    /** The full raw platform inventory, sent when it changed (the agent compares hashes). */
    inventory: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown())),
    /** The full installed-software list, sent when it changed. */
    software: Type.Optional(Type.Array(SoftwareEntry, { maxItems: protocolLimits.softwareEntries })),
    results: Type.Array(CommandResult, { maxItems: protocolLimits.resultsPerCheckIn }),
    /** What happened to the configuration items applied or removed since the last acknowledged report. */
    configuration: Type.Optional(ConfigurationReports),
    /** What happened to the apps installed or removed since the last acknowledged report. */
    apps: Type.Optional(AppReports),
    /**
     * Asks for an offer of the Noise push channel (docs/protocols/agent-v1.md, "The Noise push
     * channel"). Answered only on a transport the device's certificate authenticated (HTTPS or the
     * TLS push socket), never on the Noise channel itself, and only when the server runs one.
     */
    noisePush: Type.Optional(Type.Literal('wanted')),
  },
  { additionalProperties: false },
);
export type CheckInRequest = Static<typeof CheckInRequest>;

/**
 * What an agent needs to open the Noise push channel: where, the opaque ticket that names its key to
 * the server, and the key (a secret: kept like the device's private key, never logged).
 */
export const NoisePushOffer = Type.Object({
  /** `ws://host:port/agent/v1/noise-push`, or `wss://` when the operator put TLS in front of it. */
  url: Type.String({ maxLength: 2048 }),
  /** Base64url, sent as the `Ward-Push-Ticket` header and bound into the handshake's prologue. */
  ticket: Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$' }),
  /** Base64url of the 32-byte pre-shared key of `Noise_NNpsk0_25519_ChaChaPoly_SHA256`. */
  psk: Type.String({ minLength: 43, maxLength: 43, pattern: '^[A-Za-z0-9_-]+$' }),
  /** When the ticket stops working: the device certificate's expiry. */
  expiresAt: Type.String({ format: 'date-time' }),
});
export type NoisePushOffer = Static<typeof NoisePushOffer>;

/** A command for the agent. Script commands carry the server's signature over their canonical form. */
export const AgentCommand = Type.Object({
  id: Type.String(),
  type: Type.Union([Type.Literal('sync'), Type.Literal('refreshInventory'), Type.Literal('lock'), Type.Literal('restart'), Type.Literal('runScript'), Type.Literal('retire')]),
  payload: Type.Record(Type.String(), Type.Unknown()),
  expiresAt: Type.String({ format: 'date-time' }),
  /** Base64 ECDSA P-256 SHA-256 signature over `commandSigningInput(command)`. */
  signature: Type.String(),
});
export type AgentCommand = Static<typeof AgentCommand>;

/** The answer to a check-in. */
export const CheckInResponse = Type.Object({
  commands: Type.Array(AgentCommand),
  checkInIntervalSeconds: Type.Integer(),
  /** Ask for a new certificate (POST /agent/v1/renew) because the current one nears expiry. */
  renewCertificate: Type.Boolean(),
  /** The result ids the server has recorded; the agent may forget them. */
  acknowledgedResults: Type.Array(Type.String()),
  /**
   * Present when the device's desired configuration differs from what it last reported: the items
   * to apply and the ids of applied items to remove. Reports in the request are acknowledged by
   * the answer itself (an error answer records none of them).
   */
  configuration: Type.Optional(ConfigurationPlan),
  /** Present when the device's desired apps differ from what it last reported (docs/protocols/agent-v1.md, "Apps"). */
  apps: Type.Optional(AppPlan),
  /** The answer to `noisePush: 'wanted'` (absent when the server runs no Noise push channel). */
  noisePush: Type.Optional(NoisePushOffer),
});
export type CheckInResponse = Static<typeof CheckInResponse>;

/** `POST /agent/v1/renew`: a CSR for a new key, sent over the current identity. */
export const RenewRequest = Type.Object(
  { protocolVersion: Type.Literal(1), csrPem: Type.String({ minLength: 1, maxLength: 16 * 1024 }) },
  { additionalProperties: false },
);
export type RenewRequest = Static<typeof RenewRequest>;

/** The renewed certificate. */
export const RenewResponse = Type.Object({ certificatePem: Type.String(), chainPem: Type.String() });
export type RenewResponse = Static<typeof RenewResponse>;

/** The error body of every agent endpoint, as the admin API's. */
export const AgentError = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    /** Machine-readable specifics, e.g. `commandIds` with COMMAND_NOT_FOUND. */
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    requestId: Type.Optional(Type.String()),
  }),
});
export type AgentError = Static<typeof AgentError>;

/**
 * A wake-up on the push WebSocket (`GET /agent/v1/push`), server to agent: "check in now". Carries
 * no data: the check-in that follows fetches whatever there is.
 */
export const PushMessage = Type.Object({ type: Type.Literal('wake'), reason: Type.Optional(Type.String()) });
export type PushMessage = Static<typeof PushMessage>;

/**
 * Chosen by the agent for each request it sends on the push socket and echoed in the answer, so the
 * answer is matched to its request: a short string or a non-negative integer.
 */
export const PushRequestId = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })]);
export type PushRequestId = Static<typeof PushRequestId>;

/**
 * A check-in over the push socket, agent to server: `request` is exactly the body of
 * `POST /agent/v1/check-in`, validated by the same schema and held to the same limits.
 */
export const PushCheckIn = Type.Object(
  { type: Type.Literal('checkIn'), id: PushRequestId, request: CheckInRequest },
  { additionalProperties: false },
);
export type PushCheckIn = Static<typeof PushCheckIn>;

/** The answer to a {@link PushCheckIn}, server to agent: exactly what the HTTPS endpoint answers. */
export const PushCheckInResult = Type.Object({ type: Type.Literal('checkInResult'), id: PushRequestId, response: CheckInResponse });
export type PushCheckInResult = Static<typeof PushCheckInResult>;

/**
 * A refused push-socket message, server to agent, with the codes and meanings of the HTTPS
 * endpoints. `id` is the request's, or null when the message was not readable far enough to have one.
 */
export const PushError = Type.Object({ type: Type.Literal('error'), id: Type.Union([PushRequestId, Type.Null()]), error: AgentError.properties.error });
export type PushError = Static<typeof PushError>;
