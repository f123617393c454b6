// Seeding for `npm run bench -- idp`, straight through core's use cases and store ports before the
// server starts (not measured): the fleet, the directory, 50 conditional access policies, the
// relying parties, a compliance policy on the benchmark devices' group, and enrollment tokens.
import { performance } from 'node:perf_hooks';
import {
  createAdmin,
  createApiToken,
  createAssignment,
  createCompliancePolicy,
  createEnrollmentToken,
  createGroup,
  createUser,
  ensureTenant,
  systemPrincipal,
  type AccessPolicyInput,
  type AuthDeps,
  type Device,
  type DeviceId,
  type Platform,
  type TenantId,
  type User,
  type UserId,
  type WardStores,
} from '@ward/core';
import { benchPasswords } from './bench-deps.js';

/** The relying party the benchmark signs in to and its callback. */
export const benchCallback = 'https://bench-app.example.com/callback';
export const signerPassword = 'bench sign-in password, long enough';

/** What the seeding left for the measured part. */
export interface IdpSeed {
  readonly tenantId: TenantId;
  readonly adminToken: string;
  /** The 20 user groups the access policies name. */
  readonly groupIds: readonly string[];
  /** Users with a password, each with an enrollment token that puts devices in the compliance group under them. */
  readonly signers: readonly { readonly user: User; readonly email: string; readonly enrollmentToken: string }[];
}

const platforms: readonly Platform[] = ['linux', 'macos', 'windows', 'ios', 'android'];

function pick<T>(list: readonly T[], i: number): T {
  const v = list[i % list.length];
  if (v === undefined) throw new Error('empty list');
  return v;
}

function must<T>(result: { ok: true; value: T } | { ok: false; code: string; message: string }, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.code} ${result.message}`);
  return result.value;
}

/**
 * 50 enabled or report-only policies of every condition kind. For the benchmark's user on its
 * compliant Linux device signing in to the benchmark app from loopback, the enabled ones that
 * apply ask only for a compliant device, so each decision ends in a code; the others are decided
 * not to apply (other apps, groups the user is not in, networks, risk, platform), which is work
 * every decision still does.
 */
function accessPolicyInputs(benchApp: string, otherApps: readonly string[], groupIds: readonly string[]): AccessPolicyInput[] {
  const inputs: AccessPolicyInput[] = [];
  for (let i = 0; i < 50; i++) {
    const kind = i % 5;
    const group = pick(groupIds, i);
    const other = pick(otherApps, i);
    const state = i % 7 === 0 ? 'reportOnly' : 'enabled';
    const name = `bench policy ${String(i).padStart(2, '0')}`;
    if (kind === 0) {
      inputs.push({ name, state, conditions: { users: { include: 'all', exclude: { groupIds: [group] } }, relyingParties: { include: [other] } }, grant: { kind: 'require', operator: 'and', controls: ['mfa', 'compliantDevice'] } });
    } else if (kind === 1) {
      inputs.push({
        name,
        state,
        conditions: { users: { include: 'all' }, relyingParties: { include: 'all' }, platforms: { include: [pick(['linux', 'macos', 'windows'], i)] } },
        grant: { kind: 'require', controls: ['compliantDevice'] },
        ...(i % 4 === 1 ? { session: { signInFrequencyHours: 12 } } : {}),
      });
    } else if (kind === 2) {
      inputs.push({ name, state, conditions: { users: { include: { groupIds: [group, pick(groupIds, i + 3)] } }, relyingParties: { include: [benchApp] } }, grant: { kind: 'require', operator: 'or', controls: ['mfa'] } });
    } else if (kind === 3) {
      inputs.push({ name, state, conditions: { users: { include: 'all' }, relyingParties: { include: 'all' }, networks: { include: [`10.${i}.0.0/16`, `2001:db8:${i.toString(16)}::/48`] } }, grant: { kind: 'block' } });
    } else {
      inputs.push({ name, state, conditions: { users: { include: 'all' }, relyingParties: { include: [benchApp, other] }, signInRisk: ['medium', 'high'], clientTypes: ['browser'] }, grant: { kind: 'block' } });
    }
  }
  return inputs;
}

/** Seeds everything the idp benchmark needs; `signers` users get devices enrolled later over the agent protocol. */
export async function seedIdp(deps: AuthDeps<WardStores>, sizes: { readonly devices: number; readonly users: number; readonly signers: number }): Promise<IdpSeed> {
  const t0 = performance.now();
  const tenant = await ensureTenant(deps);
  const system = systemPrincipal(tenant.id, 'cli');
  const admin = must(await createAdmin(deps, system, { email: 'bench@example.com', role: 'globalAdmin' }), 'admin');
  const adminToken = must(await createApiToken(deps, system, { name: 'bench', role: 'globalAdmin', expiresInDays: 1, ownerUserId: admin.user.id }), 'token').bearer;

  const userIds: UserId[] = [];
  const now = Date.now();
  for (let start = 0; start < sizes.users; start += 2000) {
    await deps.tx.transaction(async (s) => {
      for (let i = start; i < Math.min(sizes.users, start + 2000); i++) {
        const at = new Date(now - (sizes.users - i) * 1000);
        const user: User = { id: deps.ids.newId() as UserId, tenantId: tenant.id, email: `user${i}@example.com`, displayName: `User ${i}`, givenName: 'User', surname: String(i), department: pick(['Finance', 'Sales', 'Engineering', 'Support'], i), jobTitle: null, employeeId: `E${i}`, attributes: {}, disabled: false, createdAt: at, updatedAt: at };
        await s.insertUser(user);
        userIds.push(user.id);
      }
    });
  }
  for (let start = 0; start < sizes.devices; start += 5000) {
    await deps.tx.transaction(async (s) => {
      for (let i = start; i < Math.min(sizes.devices, start + 5000); i++) {
        const platform = pick(platforms, i);
        const at = new Date(now - (sizes.devices - i) * 60_000);
        const device: Device = {
          id: deps.ids.newId() as DeviceId,
          tenantId: tenant.id,
          name: `${platform}-${String(i).padStart(6, '0')}`,
          platform,
          ownership: i % 4 === 0 ? 'personal' : 'corporate',
          managementState: 'enrolled',
          complianceState: pick(['compliant', 'compliant', 'noncompliant', 'unknown'], i),
          serialNumber: `SN${(i * 7919).toString(36).toUpperCase().padStart(8, '0')}`,
          model: 'ThinkPad X1',
          manufacturer: 'Lenovo',
          osVersion: '24.04',
          primaryUserId: userIds.length === 0 ? null : pick(userIds, i),
          facts: { osVersion: '24.04', encrypted: i % 3 !== 0, firewallOn: i % 5 !== 0 },
          inventory: { seeded: true },
          enrolledAt: at,
          lastSeenAt: new Date(now - (i % 1440) * 60_000),
          createdAt: at,
          updatedAt: at,
        };
        await s.insertDevice(device);
      }
    });
  }

  const groupIds: string[] = [];
  for (let i = 0; i < 20; i++) groupIds.push(must(await createGroup(deps, system, { name: `bench users ${i}`, membershipType: 'static', memberType: 'user' }), 'group').id);
  const deviceGroup = must(await createGroup(deps, system, { name: 'bench sign-in devices', membershipType: 'static', memberType: 'device' }), 'device group');

  // The benchmark's devices only: a compliance assignment on the whole fleet would evaluate every seeded device at start.
  const compliance = must(await createCompliancePolicy(deps, system, { name: 'Bench Linux baseline', platforms: ['linux'], rules: [{ id: 'fw', kind: 'firewallOn' }] }), 'compliance policy');
  must(await createAssignment(deps, system, { itemKind: 'compliancePolicy', itemId: compliance.id, target: { type: 'group', groupId: deviceGroup.id } }), 'assignment');

  const passwordHash = await benchPasswords.hash(signerPassword);
  const signers: { user: User; email: string; enrollmentToken: string }[] = [];
  for (let i = 0; i < sizes.signers; i++) {
    const email = `signer${i}@example.com`;
    const user = must(await createUser(deps, system, { email, displayName: `Signer ${i}` }), 'signer');
    await deps.stores.putCredentials({ userId: user.id, tenantId: tenant.id, passwordHash, totpSecretSealed: null, totpState: 'none', totpLastStep: null, failedAttempts: 0, lockedUntil: null, passwordChangedAt: new Date() });
    const token = must(await createEnrollmentToken(deps, system, { name: `bench signer ${i}`, maxUses: null, ownership: 'corporate', expiresInHours: 24, targetGroupId: deviceGroup.id, userId: user.id }), 'enrollment token');
    signers.push({ user, email, enrollmentToken: token.text });
  }
  console.log(`  seeded ${sizes.users} users, ${sizes.devices} devices, ${sizes.signers} signers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { tenantId: tenant.id, adminToken, groupIds, signers };
}

/** What the API registration left: the benchmark app's client credentials and the policy count. */
export interface IdpApps {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly policies: number;
}

/**
 * Registers the relying parties and the 50 access policies through the admin API of the running
 * server (client secrets are sealed under the server's master key, which only the server holds).
 */
export async function registerIdpApps(post: (path: string, body: unknown) => Promise<unknown>, groupIds: readonly string[]): Promise<IdpApps> {
  const register = async (name: string, redirectUri: string): Promise<{ clientId: string; clientSecret: string }> => {
    const created = (await post('/identity/relying-parties', { name, grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: [redirectUri], postLogoutRedirectUris: [] })) as { relyingParty: { clientId: string }; clientSecret: string | null };
    return { clientId: created.relyingParty.clientId, clientSecret: created.clientSecret ?? '' };
  };
  const app = await register('Bench app', benchCallback);
  const others: string[] = [];
  for (const name of ['Grafana', 'GitLab', 'Nextcloud', 'Intranet']) others.push((await register(name, `https://${name.toLowerCase()}.example.com/callback`)).clientId);
  const inputs = accessPolicyInputs(app.clientId, others, groupIds);
  for (const input of inputs) await post('/identity/conditional-access-policies', input);
  return { ...app, policies: inputs.length };
}
