import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorize } from './authorize.js';
import { forEachCandidate } from './for-each-candidate.js';
import { ruleMatches } from './refresh-memberships.js';
import type { Group, GroupMemberType } from './model.js';
import type { UserStore } from './ports.js';
import { validateGroupFields } from './validate-group-fields.js';

/** What a rule would select: a sample of members and a count over what was scanned. */
export interface RulePreview {
  readonly sample: readonly { readonly memberId: string; readonly label: string }[];
  readonly matched: number;
  readonly scanned: number;
  /** False when the scan stopped at its limit: `matched` then counts only the scanned part. */
  readonly complete: boolean;
}

/** Scans at most this many candidates, so the console's live preview answers quickly. */
export const previewScanLimit = 20_000;

/** Evaluates a draft rule without saving it: the console's live preview of a dynamic group. */
export async function previewGroupRule(
  deps: Deps<Pick<UserStore, 'listUsers' | 'getUsers'> & Pick<DeviceStore, 'listDevices'>>,
  principal: Principal,
  input: { readonly memberType: GroupMemberType; readonly rule: string; readonly sampleSize?: number },
): Promise<Result<RulePreview, ErrorCode>> {
  const scope = authorize(principal, 'directory.read');
  if (!scope.ok) return scope;
  // The preview scans the whole tenant, so it would show a scoped admin members outside the scope.
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Rule previews scan the whole tenant; they need tenant-wide directory.read.');
  const fields = validateGroupFields({ name: 'preview', membershipType: 'dynamic', memberType: input.memberType, rule: input.rule });
  if (!fields.ok) return fields;
  const draft = { ...fields.value } as Pick<Group, 'rule' | 'memberType'> as Group;
  const sampleSize = Math.min(Math.max(input.sampleSize ?? 20, 1), 100);
  const sample: { memberId: string; label: string }[] = [];
  let matched = 0;
  let scanned = 0;
  let complete = true;
  await forEachCandidate(deps.stores, principal.tenantId, input.memberType, (candidates) => {
    for (const c of candidates) {
      if (ruleMatches(draft, c.user, c.device)) {
        matched++;
        if (sample.length < sampleSize) sample.push({ memberId: c.memberId, label: c.device?.name ?? c.user?.email ?? c.memberId });
      }
    }
    scanned += candidates.length;
    if (scanned >= previewScanLimit) {
      complete = false;
      return false;
    }
    return true;
  });
  return ok({ sample, matched, scanned, complete: complete });
}
