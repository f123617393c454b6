import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccessPolicy,
  createAccessPolicyCache,
  createGroup,
  createRelyingParty,
  createUser,
  decideAccess,
  listSignIns,
  registerDevice,
  updateAccessPolicy,
  whatIf,
  type DeviceId,
  type GroupId,
  type Principal,
  type UserId,
} from '../src/index.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

let env: CoreTestEnv;
let alice: UserId;
let grafana: string;
let mac: DeviceId;
let staff: GroupId;

beforeAll(async () => {
  env = await openCoreTestEnv();
  alice = expectOk(await createUser(env.deps, env.system, { email: 'alice@example.test', displayName: 'Alice' })).id;
  staff = expectOk(await createGroup(env.deps, env.system, { name: 'Staff', membershipType: 'static', memberType: 'user' })).id;
  grafana = expectOk(await createRelyingParty(env.deps, env.system, { name: 'Grafana', redirectUris: ['https://grafana.example.test/login'], grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_basic' })).relyingParty.id;
  mac = expectOk(await registerDevice(env.deps, env.system, { name: 'alice-mac', platform: 'macos', ownership: 'corporate' })).id;
});
afterAll(async () => {
  await env.dispose();
});

async function setCompliance(state: 'compliant' | 'noncompliant'): Promise<void> {
  const device = await env.deps.stores.getDevice(env.tenant.id, mac);
  if (device === undefined) throw new Error('device missing');
  await env.deps.stores.updateDevice({ ...device, complianceState: state });
}

describe('deciding sign-ins for the identity provider', () => {
  it('decides from cached policies, logs every attempt with its reason, and sees a change once the cache is told', async () => {
    const policy = expectOk(
      await createAccessPolicy(env.deps, env.system, { name: 'Grafana: compliant device', state: 'enabled', conditions: { users: { include: 'all' }, relyingParties: { include: [grafana] } }, grant: { kind: 'require', controls: ['compliantDevice'] } }),
    );
    const cache = createAccessPolicyCache(env.deps.stores);
    const request = { tenantId: env.tenant.id, userId: alice, userName: 'alice@example.test', relyingPartyId: grafana, clientType: 'browser' as const, ip: '198.51.100.4', mfaDone: true, authenticatedAt: null };

    await setCompliance('compliant');
    const allowed = await decideAccess(env.deps, cache, { ...request, deviceId: mac });
    expect(allowed.evaluation.decision).toBe('allow');
    expect(allowed.claims).toEqual({ acr: 'urn:ward:acr:compliantDevice', amr: [], controls: ['compliantDevice'] });
    expect(allowed.signIn).toMatchObject({ outcome: 'success', failureReason: null, deviceId: mac, relyingPartyId: grafana });

    await setCompliance('noncompliant');
    const blocked = await decideAccess(env.deps, cache, { ...request, deviceId: mac });
    expect(blocked.signIn).toMatchObject({ outcome: 'failure', failureReason: 'ACCESS_BLOCKED', detail: 'Blocked by Grafana: compliant device (needs compliantDevice)' });
    const unknown = await decideAccess(env.deps, cache, { ...request, deviceId: null });
    expect(unknown.signIn).toMatchObject({ outcome: 'failure', deviceId: null });

    // Report-only from now on: the cached compilation still enforces until invalidated.
    expectOk(await updateAccessPolicy(env.deps, env.system, policy.id, { state: 'reportOnly' }));
    expect((await decideAccess(env.deps, cache, { ...request, deviceId: null })).evaluation.decision).toBe('block');
    cache.invalidate(env.tenant.id);
    const watched = await decideAccess(env.deps, cache, { ...request, deviceId: null });
    expect(watched.evaluation.decision).toBe('allow');
    expect(watched.signIn.policies).toEqual([{ policyId: policy.id, name: policy.name, result: 'failure', reportOnly: true, missingControls: ['compliantDevice'] }]);

    const log = expectOk(await listSignIns(env.deps, env.system, { userId: alice }));
    expect(log.items.map((s) => s.outcome)).toEqual(['success', 'failure', 'failure', 'failure', 'success']);
    // The same attempt through the what-if tool gives the same answer and logs nothing.
    const what = expectOk(await whatIf(env.deps, env.system, { userId: alice, relyingPartyId: grafana, clientType: 'browser', mfaDone: true }));
    expect(what.evaluation).toEqual(watched.evaluation);
    expect(expectOk(await listSignIns(env.deps, env.system, { userId: alice })).items).toHaveLength(5);
  });

  it('keeps admins scoped to groups away from tenant-wide policies, the what-if tool and the log', async () => {
    const scoped: Principal = { ...env.system, grants: [{ role: 'globalAdmin', scopeGroupIds: [staff] }] };
    const input = { name: 'scoped', conditions: { users: { include: 'all' } }, grant: { kind: 'block' } };
    expect(await createAccessPolicy(env.deps, scoped, input)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await whatIf(env.deps, scoped, { userId: alice, relyingPartyId: grafana, clientType: 'app' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await listSignIns(env.deps, scoped, {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
