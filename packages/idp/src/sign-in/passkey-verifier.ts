import { verifyAuthenticationResponse, verifyRegistrationResponse, type AuthenticationResponseJSON, type AuthenticatorTransportFuture, type RegistrationResponseJSON } from '@simplewebauthn/server';
import type { PasskeyVerifier, WebAuthnRelyingParty, WebAuthnVerification } from '@ward/core';

/** Where Ward is a WebAuthn relying party. */
export interface PasskeyVerifierOptions {
  /** The RP ID and display name (the RP ID is the public host name, `ward.example.com`). */
  readonly relyingParty: WebAuthnRelyingParty;
  /** The origins the ceremonies may run on (`https://ward.example.com`), exactly as browsers send them. */
  readonly origins: readonly string[];
}

const transports: readonly string[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

const b64url = /^[A-Za-z0-9_-]*$/u;

function isB64(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max && b64url.test(value);
}

/**
 * The members @simplewebauthn reads, checked before it sees them: it expects the JSON shape of a
 * PublicKeyCredential (WebAuthn §5.1) and would otherwise fail in whatever way the input leads to.
 * Sizes are bounded far above real authenticators' (an attestation with a certificate chain is a
 * few kilobytes) and far below anything costly.
 */
function credentialJson(value: unknown, parts: readonly string[]): Record<string, unknown> | undefined {
  const outer = record(value);
  const response = record(outer?.['response']);
  if (outer === undefined || response === undefined) return undefined;
  if (outer['type'] !== 'public-key' || !isB64(outer['id'], 1364) || !isB64(outer['rawId'], 1364) || outer['id'] !== outer['rawId']) return undefined;
  if (!isB64(response['clientDataJSON'], 4096)) return undefined;
  for (const part of parts) if (!isB64(response[part], 32_768)) return undefined;
  const userHandle = response['userHandle'];
  if (userHandle !== undefined && userHandle !== null && !isB64(userHandle, 128)) return undefined;
  if (record(outer['clientExtensionResults']) === undefined && outer['clientExtensionResults'] !== undefined) return undefined;
  return { ...outer, clientExtensionResults: outer['clientExtensionResults'] ?? {} };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : 'verification failed';
}

/**
 * The core's {@link PasskeyVerifier} with @simplewebauthn/server: attestation `none` accepted
 * (Ward does not restrict authenticator models), user presence and user verification required,
 * the origin and RP ID checked exactly. The signature counter is handed to the library as 0 so
 * that it never judges it: the core compares counters (`finishPasskeyAuthentication`), where the
 * rule and its audit record live.
 */
export function createPasskeyVerifier(options: PasskeyVerifierOptions): PasskeyVerifier {
  if (options.origins.length === 0) throw new Error('createPasskeyVerifier: at least one origin is needed');
  for (const origin of options.origins) {
    const url = new URL(origin);
    if (url.origin !== origin) throw new Error(`createPasskeyVerifier: ${origin} is not an origin (scheme://host[:port], no path)`);
  }
  const expectedOrigin = [...options.origins];
  const expectedRPID = options.relyingParty.id;
  return {
    relyingParty: options.relyingParty,

    async verifyRegistration(response, challenge): Promise<WebAuthnVerification<{ credentialId: string; publicKey: Uint8Array; signCount: number; transports: readonly string[]; backupEligible: boolean; backedUp: boolean }>> {
      const json = credentialJson(response, ['attestationObject']);
      if (json === undefined) return { ok: false, reason: 'not a registration response' };
      try {
        const verified = await verifyRegistrationResponse({
          response: json as unknown as RegistrationResponseJSON,
          expectedChallenge: challenge,
          expectedOrigin,
          expectedRPID,
          requireUserPresence: true,
          requireUserVerification: true,
        });
        if (!verified.verified) return { ok: false, reason: 'registration not verified' };
        const info = verified.registrationInfo;
        const reported = record(json['response'])?.['transports'];
        const hints = Array.isArray(reported) ? reported.filter((t): t is string => typeof t === 'string' && transports.includes(t)) : [];
        return {
          ok: true,
          value: {
            credentialId: info.credential.id,
            publicKey: new Uint8Array(info.credential.publicKey),
            signCount: info.credential.counter,
            transports: [...new Set(hints)],
            backupEligible: info.credentialDeviceType === 'multiDevice',
            backedUp: info.credentialBackedUp,
          },
        };
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
    },

    async verifyAuthentication(response, challenge, passkey) {
      const json = credentialJson(response, ['authenticatorData', 'signature']);
      if (json === undefined) return { ok: false, reason: 'not an authentication response' };
      if (json['id'] !== passkey.credentialId) return { ok: false, reason: 'response names another credential' };
      try {
        const verified = await verifyAuthenticationResponse({
          response: json as unknown as AuthenticationResponseJSON,
          expectedChallenge: challenge,
          expectedOrigin,
          expectedRPID,
          credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: 0, transports: passkey.transports.filter((t) => transports.includes(t)) as AuthenticatorTransportFuture[] },
          requireUserVerification: true,
        });
        if (!verified.verified) return { ok: false, reason: 'assertion not verified' };
        const info = verified.authenticationInfo;
        return { ok: true, value: { signCount: info.newCounter, userVerified: info.userVerified, backedUp: info.credentialBackedUp } };
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
    },
  };
}
