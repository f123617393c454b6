import { verify, type KeyObject } from 'node:crypto';
import { commandSigningInput, type AgentCommand } from '@ward/agent-protocol';

/** Why a command is refused before it runs. The text is the result's `error`. */
export type CommandRefusal = 'signature invalid' | 'expired';

/** What {@link checkCommandAuthenticity} needs to judge a command. */
export interface CommandAuthenticityContext {
  /** This device's id, as assigned at enrollment: a command signed for another device is refused. */
  readonly deviceId: string;
  /** The signing key pinned at enrollment (see `commandSigningKey`). */
  readonly signingKey: KeyObject;
  readonly now: Date;
}

/**
 * Checks a command before it may act: its ECDSA P-256 SHA-256 signature over
 * `commandSigningInput({ id, deviceId, type, payload, expiresAt })` must verify with the pinned key,
 * and it must not have expired. The signature is base64 of either DER (what OpenSSL and
 * `crypto.sign` produce) or the raw 64-byte r‖s form (what Web Crypto produces); both encode the
 * same signature, so accepting both lets the server sign with either API.
 */
export function checkCommandAuthenticity(command: AgentCommand, context: CommandAuthenticityContext): { ok: true } | { ok: false; error: CommandRefusal } {
  if (!signatureVerifies(command, context)) return { ok: false, error: 'signature invalid' };
  const expiresAt = Date.parse(command.expiresAt);
  if (Number.isNaN(expiresAt) || expiresAt <= context.now.getTime()) return { ok: false, error: 'expired' };
  return { ok: true };
}

function signatureVerifies(command: AgentCommand, context: CommandAuthenticityContext): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(command.signature)) return false;
  const signature = Buffer.from(command.signature, 'base64');
  const input = commandSigningInput({ id: command.id, deviceId: context.deviceId, type: command.type, payload: command.payload, expiresAt: command.expiresAt });
  return (['der', 'ieee-p1363'] as const).some((dsaEncoding) => {
    try {
      return verify('sha256', input, { key: context.signingKey, dsaEncoding }, signature);
    } catch {
      return false;
    }
  });
}
