import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { toBase64 } from './byte-text.js';
import type { AppleEnrollmentStore } from './ports.js';
import type { BoundAppleSession } from './resolve-apple-request.js';

/** Largest bootstrap token accepted, in bytes. */
export const maxBootstrapTokenBytes = 8 * 1024;

/**
 * SetBootstrapToken (macOS only): escrows the token, sealed at rest by the store; an empty token
 * clears it (Apple sends none when the Mac no longer has one). Audited without the token.
 */
export async function setAppleBootstrapToken(
  deps: Deps<Pick<AppleEnrollmentStore, 'getAppleEnrollment' | 'putAppleEnrollment'> & AuditTrail>,
  session: BoundAppleSession,
  token: Uint8Array | undefined,
): Promise<Result<{ readonly stored: boolean }, ErrorCode>> {
  if (session.device.platform !== 'macos') return fail('VALIDATION_FAILED', 'Only a Mac escrows a bootstrap token.', { field: 'MessageType' });
  if (token !== undefined && token.length > maxBootstrapTokenBytes) return fail('VALIDATION_FAILED', `A bootstrap token may have at most ${maxBootstrapTokenBytes} bytes.`, { field: 'BootstrapToken' });
  const { tenantId, id: deviceId } = session.device;
  return deps.tx.transaction(async (s) => {
    const enrollment = await s.getAppleEnrollment(tenantId, deviceId);
    if (enrollment === undefined || enrollment.state === 'checkedOut') return fail('DEVICE_RETIRED', 'This device has left management.');
    const bootstrapToken = token === undefined || token.length === 0 ? null : toBase64(token);
    await s.putAppleEnrollment({ ...enrollment, bootstrapToken });
    await recordAudit(s, session.principal, deps.clock.now(), 'device.bootstrapTokenEscrowed', { type: 'device', id: deviceId }, { present: enrollment.bootstrapToken !== null }, { present: bootstrapToken !== null });
    return ok({ stored: bootstrapToken !== null });
  });
}
