import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import type { AuditTrail } from './ports.js';
import { verifyAuditChain, type AuditChainReport } from './verify-audit-chain.js';

/** Verifies the caller's tenant's audit chain (needs `audit.read`). */
export async function checkAuditChain(deps: Deps<Pick<AuditTrail, 'readAuditChain' | 'readAuditHead'>>, principal: Principal): Promise<Result<AuditChainReport, ErrorCode>> {
  const scope = authorize(principal, 'audit.read');
  if (!scope.ok) return scope;
  return ok(await verifyAuditChain(deps, principal.tenantId));
}
