// The admin API of the `ward serve` under the Apple benchmark, seen from the benchmark.
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { createAdmin, createApiToken, ensureTenant, pageLimits, systemPrincipal } from '@ward/core';
import { createStores, migrateToLatest, openDatabase } from '@ward/store';
import { benchClock, benchDigests, benchIds, benchPasswords, benchSecrets } from './bench-deps.js';

/** Creates a global admin and an API token in a fresh data directory before the server opens it. */
export async function seedAppleBenchToken(dataDir: string): Promise<string> {
  const database = openDatabase({ sqlitePath: join(dataDir, 'ward.db') });
  try {
    await migrateToLatest(database);
    const set = createStores(database, { digests: benchDigests, ids: benchIds, clock: benchClock });
    const deps = { clock: benchClock, ids: benchIds, digests: benchDigests, stores: set.stores, tx: set.tx, passwords: benchPasswords, secrets: benchSecrets };
    const tenant = await ensureTenant(deps);
    const system = systemPrincipal(tenant.id, 'cli');
    const admin = await createAdmin(deps, system, { email: 'apple-bench@example.com', role: 'globalAdmin' });
    if (!admin.ok) throw new Error(admin.message);
    const created = await createApiToken(deps, system, { name: 'apple bench', role: 'globalAdmin', expiresInDays: 1, ownerUserId: admin.value.user.id });
    if (!created.ok) throw new Error(created.message);
    return created.value.bearer;
  } finally {
    await database.close();
  }
}

/** JSON calls to the admin API with the benchmark's token, over two kept-alive connections. */
export class AppleBenchAdmin {
  readonly #base: string;
  readonly #token: string;
  readonly #dispatcher: Agent;

  constructor(url: string, caPem: string, token: string) {
    this.#base = url;
    this.#token = token;
    this.#dispatcher = new Agent({ connect: { ca: caPem }, connections: 2 });
  }

  /** Sends `body` as JSON; throws unless the answer has status `expect`. */
  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, expect: number): Promise<T> {
    const res = await request(`${this.#base}${path}`, {
      dispatcher: this.#dispatcher,
      method,
      headers: { authorization: `Bearer ${this.#token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headersTimeout: 300_000,
      bodyTimeout: 300_000,
    });
    const text = await res.body.text();
    if (res.statusCode !== expect) throw new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path, undefined, 200);
  }

  /** Every device id of `platform`, page after page. */
  async deviceIds(platform: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `platform=${platform}&limit=${pageLimits.max}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page: { items: { id: string }[]; nextCursor: string | null } = await this.get(`/api/v1/devices?${query}`);
      ids.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids;
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }
}
