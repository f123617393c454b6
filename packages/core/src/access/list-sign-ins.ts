import { authorize } from '../directory/authorize.js';
import type { UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { signInOutcomes, type SignInOutcome, type SignInRecord } from './model.js';
import type { SignInLog } from './ports.js';

/** A request for a page of the sign-in log. */
export interface ListSignInsInput {
  readonly userId?: string;
  readonly outcome?: SignInOutcome;
  readonly relyingPartyId?: string;
  /** Attempts at or after. */
  readonly from?: Date;
  /** Attempts before. */
  readonly to?: Date;
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * One page of the sign-in log, newest first, filtered by user, outcome, relying party and time
 * range (issue 6 §7). The log shows every user's attempts, so it needs `audit.read` across the
 * tenant.
 */
export async function listSignIns(deps: Deps<Pick<SignInLog, 'listSignIns'>>, principal: Principal, input: ListSignInsInput): Promise<Result<Page<SignInRecord>, ErrorCode>> {
  const scope = authorize(principal, 'audit.read');
  if (!scope.ok) return scope;
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot read the sign-in log: it holds every user of the tenant.');
  if (input.userId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(input.userId)) return fail('INVALID_FILTER', 'userId must be a user id.', { field: 'userId' });
  if (input.outcome !== undefined && !signInOutcomes.includes(input.outcome)) return fail('INVALID_FILTER', `outcome must be one of ${signInOutcomes.join(', ')}.`, { field: 'outcome' });
  if (input.relyingPartyId !== undefined && (input.relyingPartyId.length < 1 || input.relyingPartyId.length > 128)) return fail('INVALID_FILTER', 'relyingPartyId must have 1 to 128 characters.', { field: 'relyingPartyId' });
  for (const field of ['from', 'to'] as const) {
    const at = input[field];
    if (at !== undefined && Number.isNaN(at.getTime())) return fail('INVALID_FILTER', `${field} must be a date and time.`, { field });
  }
  if (input.from !== undefined && input.to !== undefined && input.from.getTime() > input.to.getTime()) return fail('INVALID_FILTER', 'from must not be after to.', { field: 'from' });
  const page = await deps.stores.listSignIns(
    principal.tenantId,
    {
      ...(input.userId === undefined ? {} : { userId: input.userId as UserId }),
      ...(input.outcome === undefined ? {} : { outcome: input.outcome }),
      ...(input.relyingPartyId === undefined ? {} : { relyingPartyId: input.relyingPartyId }),
      ...(input.from === undefined ? {} : { from: input.from }),
      ...(input.to === undefined ? {} : { to: input.to }),
    },
    { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) },
  );
  return ok(page);
}
