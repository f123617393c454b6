// The server's answers of the SDK protocol (docs/protocols/sdk-v1.md) as a virtual SDK app reads
// them. Declared here, structurally, rather than imported from the core: the simulator speaks the
// wire contract, and a drift between the two shows up as an answer it refuses.

/** The public half of a registration key, as a JWK (only what the contract sends). */
export interface SdkPublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/** The private registration key as a JWK: plain data, so a pool of keys crosses a process boundary. */
export interface SdkPrivateJwk extends SdkPublicJwk {
  readonly d: string;
}

/** The protection policy the server sends; a virtual app keeps it as it came. */
export type SdkProtectionPolicy = Readonly<Record<string, unknown>>;

/** Key → value settings of the app configuration. */
export type SdkConfiguration = Readonly<Record<string, string>>;

/** A wipe the server asks for. */
export interface SdkWipeRequest {
  readonly wipeId: string;
  readonly scope: 'registration' | 'user';
}

/** `200` to `POST /sdk/v1/check-in`. */
export interface SdkCheckInAnswer {
  readonly policy: SdkProtectionPolicy | null;
  readonly policyVersion: string;
  readonly configuration: SdkConfiguration | null;
  readonly configurationVersion: string;
  readonly keyShare: string | null;
  readonly wipe: SdkWipeRequest | null;
  readonly checkInIntervalSeconds: number;
  readonly serverTime: string;
}

/** `201` or `200` to `POST /sdk/v1/registrations`. */
export interface SdkRegistrationAnswer {
  readonly registrationId: string;
  readonly policy: SdkProtectionPolicy;
  readonly policyVersion: string;
  readonly configuration: SdkConfiguration;
  readonly configurationVersion: string;
  readonly keyShare: string;
  readonly checkInIntervalSeconds: number;
  readonly serverTime: string;
}

/** The error body every refusal carries: `{ "error": { "code", "message", "details" } }`. */
export interface SdkRefusal {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function stringMap(value: unknown): SdkConfiguration | undefined {
  if (!isRecord(value)) return undefined;
  for (const v of Object.values(value)) if (typeof v !== 'string') return undefined;
  return value as SdkConfiguration;
}

function wipeOf(value: unknown): SdkWipeRequest | null | undefined {
  if (value === null) return null;
  if (!isRecord(value) || typeof value.wipeId !== 'string' || (value.scope !== 'registration' && value.scope !== 'user')) return undefined;
  return { wipeId: value.wipeId, scope: value.scope };
}

/** A check-in answer, or undefined when the JSON is not one (a server bug the load must count, not absorb). */
export function readCheckInAnswer(json: unknown): SdkCheckInAnswer | undefined {
  if (!isRecord(json)) return undefined;
  const { policy, policyVersion, configuration, configurationVersion, keyShare, checkInIntervalSeconds, serverTime } = json;
  const wipe = wipeOf(json.wipe);
  const config = configuration === null ? null : stringMap(configuration);
  if (policy !== null && !isRecord(policy)) return undefined;
  if (typeof policyVersion !== 'string' || typeof configurationVersion !== 'string' || config === undefined || wipe === undefined) return undefined;
  if ((keyShare !== null && typeof keyShare !== 'string') || typeof checkInIntervalSeconds !== 'number' || typeof serverTime !== 'string') return undefined;
  return { policy, policyVersion, configuration: config, configurationVersion, keyShare, wipe, checkInIntervalSeconds, serverTime };
}

/** A registration answer, or undefined when the JSON is not one. */
export function readRegistrationAnswer(json: unknown): SdkRegistrationAnswer | undefined {
  if (!isRecord(json)) return undefined;
  const { registrationId, policy, policyVersion, configurationVersion, keyShare, checkInIntervalSeconds, serverTime } = json;
  const configuration = stringMap(json.configuration);
  if (typeof registrationId !== 'string' || !isRecord(policy) || typeof policyVersion !== 'string' || configuration === undefined || typeof configurationVersion !== 'string') return undefined;
  if (typeof keyShare !== 'string' || typeof checkInIntervalSeconds !== 'number' || typeof serverTime !== 'string') return undefined;
  return { registrationId, policy, policyVersion, configuration, configurationVersion, keyShare, checkInIntervalSeconds, serverTime };
}

/** The code and details of a refusal; `HTTP_<status>` when the body is not the error shape. */
export function readRefusal(status: number, json: unknown): SdkRefusal {
  const error = isRecord(json) ? json.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') return { code: error.code, details: isRecord(error.details) ? error.details : {} };
  return { code: `HTTP_${status}`, details: {} };
}
