import type { Clock, Ids } from '../kernel/ports.js';
import { accessClaims, type AccessClaims } from './access-claims.js';
import type { AccessPolicySource } from './access-policy-cache.js';
import { evaluateConditionalAccess } from './evaluate-conditional-access.js';
import type { AccessEvaluation, SignInOutcome, SignInRecord } from './model.js';
import type { SignInLog } from './ports.js';
import { recordSignIn } from './record-sign-in.js';
import { resolveAccessContext, type AccessAttempt, type ResolveAccessContextStores } from './resolve-access-context.js';

export type DecideAccessStores = ResolveAccessContextStores & Pick<SignInLog, 'appendSignIn'>;

/** An authorization or refresh to decide, as the identity provider sees it. */
export interface AccessRequest extends Omit<AccessAttempt, 'now'> {
  /** The user's sign-in name (e-mail) for the log. */
  readonly userName: string;
  readonly userAgent?: string | null;
}

/** The decision, what the tokens should say, and the log entry written. */
export interface AccessDecisionRecord {
  readonly evaluation: AccessEvaluation;
  /** For tokens of an allowed attempt (`acr`, `amr`). */
  readonly claims: AccessClaims;
  readonly signIn: SignInRecord;
}

const outcomes = { allow: 'success', block: 'failure', challenge: 'interrupted' } as const satisfies Record<AccessEvaluation['decision'], SignInOutcome>;

function reasonOf(evaluation: AccessEvaluation): string | null {
  if (evaluation.decision === 'block') return 'ACCESS_BLOCKED';
  if (evaluation.decision === 'challenge') return evaluation.challenges.includes('mfa') ? 'MFA_REQUIRED' : 'REAUTHENTICATION_REQUIRED';
  return null;
}

function detailOf(evaluation: AccessEvaluation): string | null {
  if (evaluation.decision !== 'block') return null;
  const names = evaluation.policies.filter((p) => !p.reportOnly && p.result === 'failure').map((p) => (p.blocks ? `${p.name} (blocks)` : `${p.name} (needs ${p.missingControls.join(', ')})`));
  return `Blocked by ${names.join('; ')}`;
}

/**
 * Decides one authorization or refresh (issue 6 §4: "evaluated on every authorization and every
 * refresh") and logs it: loads the attempt's context, evaluates the tenant's compiled policies
 * from `policies` (a cache in the server), and appends the attempt to the sign-in log with every
 * policy's result: `success` for allow, `interrupted` (MFA_REQUIRED or REAUTHENTICATION_REQUIRED)
 * for a challenge, `failure` (ACCESS_BLOCKED, naming the policies) for a block.
 */
export async function decideAccess(
  deps: { readonly clock: Clock; readonly ids: Ids; readonly stores: DecideAccessStores },
  policies: AccessPolicySource,
  request: AccessRequest,
): Promise<AccessDecisionRecord> {
  const now = deps.clock.now();
  const [context, compiled] = await Promise.all([resolveAccessContext(deps.stores, { ...request, now }), policies.compiledFor(request.tenantId)]);
  const evaluation = evaluateConditionalAccess(context, compiled);
  const signIn = await recordSignIn(deps, {
    tenantId: request.tenantId,
    userId: request.userId,
    userName: request.userName,
    relyingPartyId: request.relyingPartyId,
    deviceId: context.device?.id ?? null,
    ip: request.ip,
    clientType: request.clientType,
    userAgent: request.userAgent ?? null,
    outcome: outcomes[evaluation.decision],
    failureReason: reasonOf(evaluation),
    detail: detailOf(evaluation),
    signInRisk: context.signInRisk,
    evaluation,
  });
  return { evaluation, claims: accessClaims(evaluation), signIn };
}
