import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { usesClientSecret, viewRelyingParty, type RelyingParty, type RelyingPartyId, type RelyingPartyView } from './model.js';
import type { RelyingPartyStore } from './ports.js';
import { newRelyingPartySecret } from './relying-party-secret.js';
import { validateRelyingPartyInput, type RelyingPartyInput } from './validate-relying-party-input.js';

/** A relying party just created or whose secret just changed, with that secret shown this once. */
export interface RelyingPartyWithSecret {
  readonly relyingParty: RelyingPartyView;
  /** The client secret in plaintext, only now; null for `private_key_jwt` and `none`. */
  readonly clientSecret: string | null;
}

/**
 * Registers a relying party of Ward's OpenID provider (issue 6 §1). Its id is the `client_id`;
 * a client secret is generated for `client_secret_basic`/`client_secret_post` and returned this
 * once (the store keeps it sealed). Needs tenant-wide `settings.manage`.
 */
export async function createRelyingParty(
  deps: Deps<Pick<RelyingPartyStore, 'insertRelyingParty'> & AuditTrail>,
  principal: Principal,
  input: RelyingPartyInput,
): Promise<Result<RelyingPartyWithSecret, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Relying parties need tenant-wide settings.manage.');
  const fields = validateRelyingPartyInput(input);
  if (!fields.ok) return fields;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const secret = usesClientSecret(fields.value.tokenEndpointAuthMethod) ? newRelyingPartySecret(deps.ids) : null;
    const party: RelyingParty = {
      tenantId: principal.tenantId,
      id: deps.ids.newId() as RelyingPartyId,
      ...fields.value,
      clientSecret: secret,
      createdAt: now,
      updatedAt: now,
      secretIssuedAt: secret === null ? null : now,
    };
    await s.insertRelyingParty(party);
    const view = viewRelyingParty(party);
    await recordAudit(s, principal, now, 'relyingParty.created', { type: 'relyingParty', id: party.id }, null, view);
    return ok({ relyingParty: view, clientSecret: secret });
  });
}
