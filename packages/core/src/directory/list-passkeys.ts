import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { passkeySummary, type PasskeySummary } from './finish-passkey-registration.js';
import type { PasskeyStore, RecoveryCodeStore } from './passkey-ports.js';
import { secondFactorOwner } from './webauthn-challenge.js';

/** The signed-in person's second factors besides TOTP. */
export interface MyPasskeys {
  readonly passkeys: readonly PasskeySummary[];
  /** Unused recovery codes left. */
  readonly recoveryCodesLeft: number;
}

/** The signed-in person's passkeys (oldest first) and how many recovery codes they have left. */
export async function listPasskeys(deps: Deps<Pick<PasskeyStore, 'listPasskeys'> & Pick<RecoveryCodeStore, 'countUnusedRecoveryCodes'>>, principal: Principal): Promise<Result<MyPasskeys, ErrorCode>> {
  const self = secondFactorOwner(principal);
  if (!self.ok) return self;
  const [passkeys, left] = await Promise.all([deps.stores.listPasskeys(principal.tenantId, self.value), deps.stores.countUnusedRecoveryCodes(principal.tenantId, self.value)]);
  return ok({ passkeys: passkeys.map(passkeySummary), recoveryCodesLeft: left });
}
