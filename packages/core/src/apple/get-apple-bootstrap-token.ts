import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { fromBase64 } from './byte-text.js';
import type { AppleEnrollmentStore } from './ports.js';
import type { BoundAppleSession } from './resolve-apple-request.js';

/**
 * GetBootstrapToken (macOS only): the escrowed token for the Mac that escrowed it, or null when
 * there is none (the adapter then answers with an empty dictionary).
 */
export async function getAppleBootstrapToken(deps: Deps<Pick<AppleEnrollmentStore, 'getAppleEnrollment'>>, session: BoundAppleSession): Promise<Result<{ readonly bootstrapToken: Uint8Array | null }, ErrorCode>> {
  if (session.device.platform !== 'macos') return fail('VALIDATION_FAILED', 'Only a Mac escrows a bootstrap token.', { field: 'MessageType' });
  const enrollment = await deps.stores.getAppleEnrollment(session.device.tenantId, session.device.id);
  if (enrollment === undefined || enrollment.state === 'checkedOut') return fail('DEVICE_RETIRED', 'This device has left management.');
  return ok({ bootstrapToken: enrollment.bootstrapToken === null ? null : (fromBase64(enrollment.bootstrapToken) ?? null) });
}
