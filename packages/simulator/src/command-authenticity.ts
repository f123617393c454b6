import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { commandSigningInput, type AgentCommand } from '@ward/agent-protocol';

/** Why a command is refused before it runs; the text is the result's `error`, as the real agent reports it. */
export type CommandRefusal = 'signature invalid' | 'expired';

// Every device of a fleet pins the same key; it is parsed once per process rather than once per
// device. Each command is still verified on its own.
const keys = new Map<string, KeyObject>();

/**
 * The command-signing public key from its PEM, checked to be ECDSA P-256 (the only algorithm the
 * protocol signs with, so no other key is accepted even if it would verify something).
 *
 * @throws Error when the PEM is not an EC P-256 public key.
 */
export function commandSigningKey(pem: string): KeyObject {
  const known = keys.get(pem);
  if (known !== undefined) return known;
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('the command signing key must be an ECDSA P-256 public key');
  keys.set(pem, key);
  return key;
}

/**
 * The real agent's check before a command may act (apps/agent's checkCommandAuthenticity): the
 * ECDSA P-256 SHA-256 signature over `commandSigningInput` with this device's own id must verify
 * with the key pinned at enrollment (DER or raw r‖s), and the command must not have expired.
 */
export function checkCommandAuthenticity(command: AgentCommand, context: { readonly deviceId: string; readonly signingKey: KeyObject; readonly now: Date }): { ok: true } | { ok: false; error: CommandRefusal } {
  if (!signatureVerifies(command, context.deviceId, context.signingKey)) return { ok: false, error: 'signature invalid' };
  const expiresAt = Date.parse(command.expiresAt);
  if (Number.isNaN(expiresAt) || expiresAt <= context.now.getTime()) return { ok: false, error: 'expired' };
  return { ok: true };
}

function signatureVerifies(command: AgentCommand, deviceId: string, signingKey: KeyObject): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(command.signature)) return false;
  const signature = Buffer.from(command.signature, 'base64');
  const input = commandSigningInput({ id: command.id, deviceId, type: command.type, payload: command.payload, expiresAt: command.expiresAt });
  return (['der', 'ieee-p1363'] as const).some((dsaEncoding) => {
    try {
      return verify('sha256', input, { key: signingKey, dsaEncoding }, signature);
    } catch {
      return false;
    }
  });
}
