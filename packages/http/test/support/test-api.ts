import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createAdmin, createApiToken, ensureTenant, roles, systemPrincipal, type AuthDeps, type EventSubscriber, type Principal, type Role, type Tenant, type User, type WardStores } from '@ward/core';
import { createStores, migrateToLatest, openDatabase, type WardDatabase } from '@ward/store';
import { buildApi, type ApiOptions, type WardApi } from '../../src/index.js';
import { testClock, testDigests, testIds, testPasswords, testSecrets, type TestClock } from './test-adapters.js';

/** The password every seeded admin has. */
export const adminPassword = 'correct horse battery staple';

/** An admin seeded per role, with an API token carrying that role. */
export interface SeededAdmin {
  readonly user: User;
  readonly token: string;
}

/** A built API over a fresh in-memory database, with one admin (and token) per role. */
export interface TestApi {
  readonly app: WardApi;
  readonly database: WardDatabase;
  readonly deps: AuthDeps<WardStores>;
  readonly clock: TestClock;
  /** The store's event bus, which the API subscribes to when given `events`. */
  readonly events: EventSubscriber;
  readonly tenant: Tenant;
  /** Acts as the server itself, to arrange data through core use cases. */
  readonly system: Principal;
  readonly admins: Readonly<Record<Role, SeededAdmin>>;
  close(): Promise<void>;
}

/** Options of a request made in a test. */
export interface CallOptions {
  /** A bearer token, or a role whose seeded token to use; none when absent. */
  readonly as?: Role | { readonly token: string };
  /** A JSON body (serialised here), or raw text with `contentType`. */
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What options made per test API can be built from. */
export interface TestApiSetup {
  readonly deps: AuthDeps<WardStores>;
  readonly clock: TestClock;
  readonly events: EventSubscriber;
}

/** API options, or a function making them from the test's deps, clock and event bus. */
export type TestApiOptions = Partial<Omit<ApiOptions, 'deps'>> | ((setup: TestApiSetup) => Promise<Partial<Omit<ApiOptions, 'deps'>>>);

/**
 * Plugins the server registers on the built API itself (the SDK endpoints, once the identity
 * provider exists), registered here before the API is ready.
 */
export type TestApiExtension = (app: WardApi, setup: TestApiSetup) => void;

/**
 * Builds the API on a fresh migrated SQLite database and seeds one admin per role. The clock starts
 * at a fixed date unless `clockStart` says otherwise (tests over real TLS need the real date, since
 * the TLS stack checks certificate validity against it).
 */
export async function startTestApi(options: TestApiOptions = {}, clockStart = new Date('2025-03-01T09:00:00.000Z'), extend?: TestApiExtension): Promise<TestApi> {
  const database: WardDatabase = openDatabase({ sqlitePath: ':memory:' });
  await migrateToLatest(database);
  const clock = testClock(clockStart);
  const ids = testIds(clock);
  const { stores, tx, events } = createStores(database, { digests: testDigests, ids, clock });
  const deps: AuthDeps<WardStores> = { clock, ids, digests: testDigests, stores, tx, passwords: testPasswords, secrets: testSecrets() };
  const tenant = await ensureTenant(deps);
  const system = systemPrincipal(tenant.id, 'system');
  const admins = {} as Record<Role, SeededAdmin>;
  for (const role of roles) {
    const created = await createAdmin(deps, system, { email: `${role.toLowerCase()}@example.test`, displayName: role, role, password: adminPassword });
    if (!created.ok) throw new Error(`seeding ${role}: ${created.code} ${created.message}`);
    const token = await createApiToken(deps, system, { name: `${role} token`, role, expiresInDays: 30, ownerUserId: created.value.user.id });
    if (!token.ok) throw new Error(`seeding ${role} token: ${token.code} ${token.message}`);
    admins[role] = { user: created.value.user, token: token.value.bearer };
  }
  const extra = typeof options === 'function' ? await options({ deps, clock, events }) : options;
  const app = buildApi({ deps, logger: false, ...extra });
  extend?.(app, { deps, clock, events });
  await app.ready();
  return {
    app,
    database,
    deps,
    clock,
    events,
    tenant,
    system,
    admins,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Sends one request through `app.inject`. */
export async function call(api: TestApi, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, options: CallOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as !== undefined) headers.authorization = `Bearer ${typeof options.as === 'string' ? api.admins[options.as].token : options.as.token}`;
  let payload: string | undefined;
  if (options.rawBody !== undefined) {
    payload = options.rawBody;
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  return api.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
}

/** The error body of a response. */
export interface ErrorResponseBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: Record<string, unknown>; readonly requestId: string };
}

/**
 * Asserts the exact status and code of an error response, and that it has the one error shape
 * with the request id of the response header.
 */
export function expectError(response: LightMyRequestResponse, status: number, code: string): ErrorResponseBody['error'] {
  const body = response.json<ErrorResponseBody>();
  expect({ status: response.statusCode, code: body.error.code }).toEqual({ status, code });
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.requestId).toBe(response.headers['x-request-id']);
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'details', 'requestId']).toContain(key);
  return body.error;
}

/** The JSON body of a successful response, after asserting its status. */
// The caller names the body type it expects, as with `response.json<T>()`.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function expectOk<T>(response: LightMyRequestResponse, status = 200): T {
  if (response.statusCode !== status) expect.fail(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  return response.json<T>();
}

/** A page of a list. */
export interface PageBody<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
