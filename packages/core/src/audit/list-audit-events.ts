import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AuditEvent } from './model.js';
import type { AuditFilter, AuditTrail } from './ports.js';

/** One page of the audit trail, newest first. Needs tenant-wide `audit.read`. */
export async function listAuditEvents(
  deps: Deps<Pick<AuditTrail, 'listAudit'>>,
  principal: Principal,
  input: { readonly filter?: AuditFilter; readonly limit?: number; readonly cursor?: string },
): Promise<Result<Page<AuditEvent>, ErrorCode>> {
  const scope = authorize(principal, 'audit.read');
  if (!scope.ok) return scope;
  // The trail names every target in the tenant; a scoped auditor would see beyond the scope.
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'The audit trail needs tenant-wide audit.read.');
  const page = await deps.stores.listAudit(principal.tenantId, input.filter ?? {}, { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
  return ok(page);
}
