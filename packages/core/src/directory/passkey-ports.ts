import type { TenantId, UserId } from '../kernel/brand.js';

/**
 * A WebAuthn public-key credential (a passkey) registered to a user, as W3C WebAuthn Level 3
 * §7.1 step 27 asks a relying party to keep it: the credential id, its COSE public key, the
 * signature counter and transports, plus the name the user gave it.
 */
export interface Passkey {
  /** Ward's id of the registration (UUIDv7), used in URLs instead of the credential id. */
  readonly id: string;
  readonly tenantId: TenantId;
  readonly userId: UserId;
  /** The credential id the authenticator chose, base64url (WebAuthn §4 "Credential ID"). */
  readonly credentialId: string;
  /** The credential public key, COSE_Key encoded (WebAuthn §6.5.1.1). */
  readonly publicKey: Uint8Array;
  /** The last signature counter seen (WebAuthn §6.1.1); 0 when the authenticator keeps none. */
  readonly signCount: number;
  /** Transport hints the browser reported (`internal`, `hybrid`, `usb`, …), passed back in allowCredentials. */
  readonly transports: readonly string[];
  /** What the user calls it (`MacBook Touch ID`). */
  readonly name: string;
  /** Whether the credential may be synced between devices (BE flag, WebAuthn §6.1). */
  readonly backupEligible: boolean;
  /** Whether it is backed up now (BS flag); a synced passkey proves a software-held key (`swk`). */
  readonly backedUp: boolean;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export const webAuthnCeremonies = ['registration', 'authentication'] as const;
/** The two WebAuthn ceremonies a challenge can be issued for. */
export type WebAuthnCeremony = (typeof webAuthnCeremonies)[number];

/**
 * A challenge Ward issued for one ceremony of one user (WebAuthn §13.4.3): random, short-lived,
 * and taken (deleted) by the first answer, so a response can never be verified twice.
 */
export interface WebAuthnChallenge {
  /** The challenge itself, base64url of 32 random bytes; also its key. */
  readonly challenge: string;
  readonly tenantId: TenantId;
  readonly userId: UserId;
  readonly ceremony: WebAuthnCeremony;
  readonly expiresAt: Date;
}

/** Passkeys and their challenges. */
export interface PasskeyStore {
  /** A user's passkeys, oldest first. */
  listPasskeys(tenantId: TenantId, userId: UserId): Promise<readonly Passkey[]>;
  /** The passkey with this credential id in the tenant, whoever it belongs to. */
  findPasskeyByCredentialId(tenantId: TenantId, credentialId: string): Promise<Passkey | undefined>;
  /** Adds a passkey; false (nothing written) if the credential id is registered in the tenant already. */
  insertPasskey(passkey: Passkey): Promise<boolean>;
  /** Records a successful use: the new counter and when. False if the passkey is gone. */
  recordPasskeyUse(tenantId: TenantId, id: string, signCount: number, backedUp: boolean, at: Date): Promise<boolean>;
  /** Removes one of a user's passkeys; false if the user has none with this id. */
  deletePasskey(tenantId: TenantId, userId: UserId, id: string): Promise<boolean>;
  /** Stores a new challenge. */
  insertWebAuthnChallenge(challenge: WebAuthnChallenge): Promise<void>;
  /**
   * Takes a challenge: deletes it and returns it if it existed, whatever its expiry (the caller
   * checks it). Of two concurrent takes of one challenge exactly one gets it.
   */
  takeWebAuthnChallenge(tenantId: TenantId, challenge: string): Promise<WebAuthnChallenge | undefined>;
  /** Deletes a user's challenges that expired before `now` (each new challenge sweeps the old ones). */
  deleteExpiredWebAuthnChallenges(tenantId: TenantId, userId: UserId, now: Date): Promise<void>;
}

/** Recovery codes, stored as hashes only. */
export interface RecoveryCodeStore {
  /** Replaces a user's recovery codes with these hashes (all unused). */
  replaceRecoveryCodes(tenantId: TenantId, userId: UserId, hashes: readonly string[], at: Date): Promise<void>;
  /**
   * Marks the unused code with this hash used at `at`; false if there is none (unknown or used
   * already). Of two concurrent uses of one code exactly one succeeds.
   */
  consumeRecoveryCode(tenantId: TenantId, userId: UserId, hash: string, at: Date): Promise<boolean>;
  /** How many of a user's recovery codes are unused. */
  countUnusedRecoveryCodes(tenantId: TenantId, userId: UserId): Promise<number>;
}

/** Ward as a WebAuthn relying party (WebAuthn §5.4.2). */
export interface WebAuthnRelyingParty {
  /** The RP ID: Ward's host name (`ward.example.com`), a registrable suffix of every origin. */
  readonly id: string;
  /** The name shown by the authenticator. */
  readonly name: string;
}

/** What a verified registration response proves (WebAuthn §7.1). */
export interface VerifiedPasskeyRegistration {
  readonly credentialId: string;
  readonly publicKey: Uint8Array;
  readonly signCount: number;
  readonly transports: readonly string[];
  readonly backupEligible: boolean;
  readonly backedUp: boolean;
}

/** What a verified authentication assertion proves (WebAuthn §7.2). */
export interface VerifiedPasskeyAssertion {
  /** The counter the authenticator reported; checked against the stored one by the core. */
  readonly signCount: number;
  readonly userVerified: boolean;
  readonly backedUp: boolean;
}

/** A verification outcome: the proof, or why it failed (for logs; never shown as is). */
export type WebAuthnVerification<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * WebAuthn's cryptography, which the core does not do itself: parsing attestation and assertion
 * responses, checking the client data (type, challenge, origin), the RP ID hash, the user
 * presence and verification flags, and the signature. Implemented in `@ward/idp` with
 * @simplewebauthn/server. The signature counter is NOT judged here: the core compares it with the
 * stored one, so the rule lives in one place.
 */
export interface PasskeyVerifier {
  /** The relying party registrations are made for. */
  readonly relyingParty: WebAuthnRelyingParty;
  /** Verifies a `PublicKeyCredential` from `navigator.credentials.create()`, as JSON (`toJSON()`), against `challenge`. */
  verifyRegistration(response: unknown, challenge: string): Promise<WebAuthnVerification<VerifiedPasskeyRegistration>>;
  /** Verifies a `PublicKeyCredential` from `navigator.credentials.get()`, as JSON, against `challenge` and the stored key. */
  verifyAuthentication(response: unknown, challenge: string, passkey: Pick<Passkey, 'credentialId' | 'publicKey' | 'transports'>): Promise<WebAuthnVerification<VerifiedPasskeyAssertion>>;
}

/** How long a WebAuthn challenge may be answered (WebAuthn §5.4.1 recommends 300 s for user verification). */
export const webAuthnChallengeSeconds = 300;
/** The most passkeys one user may register. */
export const maxPasskeysPerUser = 20;
