import { describe, expect, it } from 'vitest';
import type { GroupId, TenantId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import { authorize } from './authorize.js';
import { grantCovers, type Grant } from './roles.js';

function principal(grants: Grant[]): Principal {
  return { tenantId: 't' as TenantId, userId: null, actor: { type: 'system', id: 'x', name: 'x' }, grants, origin: { via: 'api' } };
}
const g1 = 'g1' as GroupId;
const g2 = 'g2' as GroupId;

describe('authorize', () => {
  it('gives each role exactly its permissions', () => {
    expect(authorize(principal([{ role: 'readOnlyAuditor', scopeGroupIds: null }]), 'audit.read').ok).toBe(true);
    expect(authorize(principal([{ role: 'readOnlyAuditor', scopeGroupIds: null }]), 'directory.write').ok).toBe(false);
    expect(authorize(principal([{ role: 'helpDeskOperator', scopeGroupIds: null }]), 'devices.action').ok).toBe(true);
    expect(authorize(principal([{ role: 'helpDeskOperator', scopeGroupIds: null }]), 'devices.write').ok).toBe(false);
    expect(authorize(principal([{ role: 'helpDeskOperator', scopeGroupIds: null }]), 'groups.write').ok).toBe(false);
    expect(authorize(principal([{ role: 'policyManager', scopeGroupIds: null }]), 'policy.write').ok).toBe(true);
    expect(authorize(principal([{ role: 'policyManager', scopeGroupIds: null }]), 'admins.manage').ok).toBe(false);
    expect(authorize(principal([]), 'devices.read')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('unions scoped grants and lets one unscoped grant reach the tenant', () => {
    expect(authorize(principal([{ role: 'helpDeskOperator', scopeGroupIds: [g1] }, { role: 'readOnlyAuditor', scopeGroupIds: [g2] }]), 'devices.read')).toEqual({
      ok: true,
      value: { kind: 'groups', groupIds: [g1, g2] },
    });
    expect(authorize(principal([{ role: 'helpDeskOperator', scopeGroupIds: [g1] }, { role: 'readOnlyAuditor', scopeGroupIds: null }]), 'devices.read')).toEqual({ ok: true, value: { kind: 'tenant' } });
  });

  it('lets a grant cover a role with no more permissions, in a narrower or equal scope', () => {
    expect(grantCovers({ role: 'globalAdmin', scopeGroupIds: null }, { role: 'readOnlyAuditor', scopeGroupIds: null })).toBe(true);
    expect(grantCovers({ role: 'policyManager', scopeGroupIds: null }, { role: 'helpDeskOperator', scopeGroupIds: null })).toBe(false);
    expect(grantCovers({ role: 'readOnlyAuditor', scopeGroupIds: null }, { role: 'helpDeskOperator', scopeGroupIds: null })).toBe(false);
    expect(grantCovers({ role: 'helpDeskOperator', scopeGroupIds: null }, { role: 'helpDeskOperator', scopeGroupIds: [g1] })).toBe(true);
    expect(grantCovers({ role: 'helpDeskOperator', scopeGroupIds: [g1] }, { role: 'helpDeskOperator', scopeGroupIds: null })).toBe(false);
    expect(grantCovers({ role: 'helpDeskOperator', scopeGroupIds: [g1, g2] }, { role: 'helpDeskOperator', scopeGroupIds: [g2] })).toBe(true);
    expect(grantCovers({ role: 'helpDeskOperator', scopeGroupIds: null }, { role: 'globalAdmin', scopeGroupIds: null })).toBe(false);
  });
});
