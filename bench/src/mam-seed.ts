// Seeding for `npm run bench -- mam`, before the server starts (not measured): Ward is opened the
// way `ward serve` and the CLI open it (@ward/server's openWard: migrations, the master key, stores
// that seal secrets), so each registration's key share is sealed under the server's master key as
// the product seals it. Then: an admin token, the directory, one web app in the catalog, an app
// protection policy for every user on it, and the registrations, straight through the store.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  createAdmin,
  createApiToken,
  createApp,
  createAppProtectionPolicy,
  resolveMamAssignment,
  systemPrincipal,
  uncachedMamPolicies,
  type AppRegistration,
  type AppRegistrationId,
} from '@ward/core';
import { sql } from 'kysely';
import { createLogger, loadConfig, openWard } from '@ward/server';
import type { SdkPublicJwk } from '@ward/simulator';
import { seedBenchUsers } from './seed-bench-users.js';

/** The catalog identifier of the benchmark's SDK app. */
export const mamBenchAppId = 'com.ward.bench-notes';

/** What seeding left for the measured part. */
export interface MamSeed {
  readonly adminToken: string;
  readonly policyId: string;
  /** What every registration's app applies: the answers of its registration. */
  readonly policyVersion: string;
  readonly configurationVersion: string;
  /** Registration ids in creation order; registration `i` signs with key `i % keys`. */
  readonly registrationIds: readonly string[];
  readonly seconds: number;
}

/** Sizes of the seed. */
export interface MamSeedSizes {
  readonly registrations: number;
  readonly users: number;
  /** The public halves of the key pool. */
  readonly publicKeys: readonly SdkPublicJwk[];
}

/** Rows per transaction: large enough to amortise the commit, small enough to keep each short. */
const batch = 5000;

function must<T>(result: { ok: true; value: T } | { ok: false; code: string; message: string }, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.code} ${result.message}`);
  return result.value;
}

/**
 * Seeds the MAM benchmark's data in the Ward at `env` (`WARD_DATA_DIR`, `WARD_MASTER_KEY`,
 * `WARD_DATABASE_URL` as the server will be started with). Registrations are spread over the users
 * (user `i % users`), each with its own random device tag and key share, as if every app had
 * registered and applied its policy once.
 */
export async function seedMam(env: Readonly<Record<string, string>>, sizes: MamSeedSizes): Promise<MamSeed> {
  const started = performance.now();
  const loaded = loadConfig({ env });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const runtime = await openWard(loaded.config, { logger: createLogger({ level: 'warn', format: 'json' }) });
  try {
    const { deps, tenant } = runtime;
    const system = systemPrincipal(tenant.id, 'cli');
    const admin = must(await createAdmin(deps, system, { email: 'bench@example.com', role: 'globalAdmin' }), 'admin');
    const adminToken = must(await createApiToken(deps, system, { name: 'bench', role: 'globalAdmin', expiresInDays: 1, ownerUserId: admin.user.id }), 'token').bearer;
    const userIds = await seedBenchUsers(deps.tx, tenant.id, sizes.users);
    must(await createApp(deps, system, { name: 'Bench notes', kind: 'web', identifier: mamBenchAppId, details: { url: 'https://notes.example.com/' } }), 'app');
    const policy = must(await createAppProtectionPolicy(deps, system, { name: 'Bench notes protection', targets: { users: { include: 'allUsers' }, apps: [mamBenchAppId] } }), 'policy');

    // What the server answers these apps, by its own resolution: the policy (all users) and the
    // configuration (none targets the app, so the same for every user).
    const firstUser = userIds[0];
    if (firstUser === undefined) throw new Error('seed at least one user');
    const compiled = await uncachedMamPolicies(deps.stores).compiledFor(tenant.id);
    const assignment = await resolveMamAssignment(deps.stores, (t) => deps.digests.sha256Hex(t), compiled, {
      tenantId: tenant.id,
      userId: firstUser,
      appIdentifier: mamBenchAppId,
      user: await deps.stores.getUser(tenant.id, firstUser),
    });
    const policyVersion = assignment.protection?.hash;
    if (policyVersion === undefined) throw new Error('the seeded policy does not reach the seeded users');
    const configurationVersion = assignment.configuration.version;

    const registrationIds: string[] = new Array<string>(sizes.registrations).fill('');
    const now = Date.now();
    const insertBatch = (start: number): Promise<void> =>
      deps.tx.transaction(async (s) => {
        for (let i = start; i < Math.min(sizes.registrations, start + batch); i++) {
          const at = new Date(now - (sizes.registrations - i) * 1000);
          const publicKey = sizes.publicKeys[i % sizes.publicKeys.length];
          const userId = userIds[i % userIds.length];
          if (publicKey === undefined || userId === undefined) throw new Error('no key or user to seed with');
          const registration: AppRegistration = {
            id: deps.ids.newId() as AppRegistrationId,
            tenantId: tenant.id,
            userId,
            appIdentifier: mamBenchAppId,
            appVersion: '1.0.0',
            sdkVersion: '1.0.0',
            platform: 'web',
            deviceTag: randomBytes(16).toString('base64url'),
            deviceName: `Browser ${i}`,
            osName: 'linux',
            osVersion: '6.1',
            clientId: null,
            deviceId: null,
            publicKey,
            keyShare: randomBytes(32).toString('base64url'),
            state: 'active',
            sequence: 0,
            reported: { policyVersion, configurationVersion, pinSet: true, encrypted: true, jailbroken: false, flagged: [] },
            lastCheckInAt: at,
            lastUsedAt: at,
            wipe: null,
            createdAt: at,
            updatedAt: at,
          };
          if (!(await s.insertAppRegistration(registration))) throw new Error(`registration ${i} was refused`);
          registrationIds[i] = registration.id;
        }
      });
    // PostgreSQL answers each insert over the wire: a few transactions at once on the pool's
    // connections hide the round trips. SQLite has one writer; its batches go one after another.
    const lanes = runtime.target.dialect === 'postgres' ? 4 : 1;
    const starts = Array.from({ length: Math.ceil(sizes.registrations / batch) }, (_, b) => b * batch);
    for (let first = 0; first < starts.length; first += lanes) await Promise.all(starts.slice(first, first + lanes).map(insertBatch));
    // As the other benches do: fresh statistics, so PostgreSQL plans the check-in's reads for 100,000 rows.
    if (runtime.target.dialect === 'postgres') await sql`analyze`.execute(runtime.database.db);
    return { adminToken, policyId: policy.id, policyVersion, configurationVersion, registrationIds, seconds: (performance.now() - started) / 1000 };
  } finally {
    await runtime.close();
  }
}
